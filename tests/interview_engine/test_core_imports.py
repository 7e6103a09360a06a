"""The engine and the speech package import without any speech, audio, HTTP or 3D library:
adapters import theirs only when used, so the rule "no Panda3D in interview_engine" cannot rot."""

from __future__ import annotations

import subprocess
import sys
import textwrap

BLOCKED = ("panda3d", "direct", "pyttsx3", "vosk", "sounddevice", "pocketsphinx", "httpx", "tqdm",
           "faster_whisper", "ctranslate2")

SCRIPT = textwrap.dedent(f"""
    import importlib, importlib.abc, logging, pkgutil, sys, threading

    BLOCKED = {BLOCKED!r}

    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ImportError(f"blocked in this test: {{name}}")
            return None

    sys.meta_path.insert(0, Block())
    threads = threading.active_count()
    handlers = list(logging.getLogger().handlers)
    import interview_engine, speech
    names = [m.name for package in (interview_engine, speech)
             for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
    for name in names:
        importlib.import_module(name)
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
    assert not loaded, loaded
    assert threading.active_count() == threads, "a module started a thread on import"
    assert logging.getLogger().handlers == handlers, "a module configured logging on import"
    print(len(names))
""")


def test_every_engine_and_speech_module_imports_with_speech_and_3d_libraries_blocked():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) >= 33  # every module, adapters included, was imported


def test_the_blocked_adapters_fail_only_when_used():
    script = SCRIPT.replace("print(len(names))", textwrap.dedent("""
        from pathlib import Path
        from speech.vosk_recognizer import VoskRecognizer
        from speech.recognition import RecognizerError
        try:
            VoskRecognizer(Path("model"), "de").start_answer()
        except RecognizerError as exc:
            print("refused:", exc)
    """))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "refused: vosk is not installed" in done.stdout
