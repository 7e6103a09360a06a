"""The calibration core is pure: no audio hardware, recogniser, renderer or XR runtime."""

import subprocess
import sys

BLOCKED = ["sounddevice", "pocketsphinx", "vosk", "pyttsx3", "panda3d", "direct", "xr"]
PURE = ["calibration", "calibration.p56", "calibration.levels", "calibration.mic", "calibration.vad",
        "calibration.headset", "calibration.quick_check", "calibration.profile", "calibration.wav",
        "calibration.resample"]


def test_core_modules_import_with_adapters_blocked():
    code = (
        "import sys\n"
        f"for name in {BLOCKED!r}:\n"
        "    sys.modules[name] = None  # any import of it raises ImportError\n"
        f"for name in {PURE!r}:\n"
        "    __import__(name)\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
