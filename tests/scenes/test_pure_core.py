"""The layout, kit, composition, checks and motion model work without Panda3D, so content
checks stay fast and headless; only scenes.panda may import it."""

import subprocess
import sys

PURE = [
    "scenes",
    "scenes.layout",
    "scenes.layout_check",
    "scenes.compose",
    "scenes.kit",
    "scenes.mesh",
    "scenes.textures",
    "scenes.materials",
    "scenes.avatar.looks",
    "scenes.avatar.motion",
    "scenes.avatar.figure",
    "catalog.references",
]


def test_pure_modules_import_and_work_with_panda3d_blocked():
    code = (
        "import sys\n"
        "sys.modules['panda3d'] = None\n"
        "sys.modules['direct'] = None\n"
        f"for name in {PURE!r}:\n"
        "    __import__(name)\n"
        "from scenes.compose import compose\n"
        "from scenes.layout import parse_layout\n"
        "from tests.scenes.conftest import workplace_data\n"
        "scene = compose(parse_layout(workplace_data(props=[{'type': 'stove', 'position': [0, 0]}])))\n"
        "assert scene.triangle_count > 0\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
