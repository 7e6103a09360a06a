"""The calibration core is pure: no audio hardware, recogniser, renderer or XR runtime (every
module of it imports with those libraries blocked)."""

import subprocess
import sys

BLOCKED = ["sounddevice", "pocketsphinx", "vosk", "pyttsx3", "panda3d", "direct", "xr"]


def test_core_modules_import_with_adapters_blocked():
    code = (
        "import sys\n"
        f"for name in {BLOCKED!r}:\n"
        "    sys.modules[name] = None  # any import of it raises ImportError\n"
        "import importlib, pkgutil, calibration\n"
        "for module in pkgutil.walk_packages(calibration.__path__, 'calibration.'):\n"
        "    importlib.import_module(module.name)\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
