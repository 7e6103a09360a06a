"""End to end: `vr-station run --mode headless --demo --out DIR` with real espeak-ng speech (the
engine's pyttsx3 worker), the real interview engine and real offscreen rendering; then nothing
of the visitor may be left on the station. German has no speech model here, so the visitor
types its answers, as the engine's notice asks (the spoken path through PocketSphinx is
tests/vr_station/interview/test_engine_interview.py)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from panda3d.core import Filename, PNMImage

from tests.conftest import REPO
from vr_station.privacy import visitor_leftovers

pytestmark = pytest.mark.slow

STEPS = ["attract", "language", "menu", "occupations", "tour-first-stop", "tour-hotspot",
         "tour-facts", "tour-done", "interview-intro", "interview-question", "interview-answer",
         "report", "feedback-rating", "feedback-chips", "feedback-comment", "thanks",
         "attract-again"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("demo-station")
    out = root / "out"
    env = {k: v for k, v in os.environ.items() if not k.startswith("VR_STATION_")}
    env.update(VR_STATION_CONFIG=str(root / "config" / "station.yaml"),
               VR_STATION_DATA_DIR=str(root / "data"), VR_STATION_CACHE_DIR=str(root / "cache"),
               VR_STATION_MODELS_DIR=str(root / "models"))
    env.pop("DISPLAY", None)
    done = subprocess.run([sys.executable, "-m", "vr_station", "run", "--mode", "headless",
                           "--demo", "--out", str(out)], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=600)
    return {"done": done, "out": out, "root": root}


def test_the_demo_exits_0_and_prints_a_summary(demo):
    done = demo["done"]
    assert done.returncode == 0, done.stderr[-3000:]
    assert "demo visitor: attract → language → menu → occupation → tour → interview → report " \
           "→ feedback → thanks → wipe → attract" in done.stdout
    assert "eye contact:" in done.stdout
    assert "Audio saved" not in done.stdout


def test_every_step_has_a_screenshot_with_real_content(demo):
    out: Path = demo["out"]
    shots = sorted(out.glob("*.png"))
    assert [p.stem.split("-", 1)[1] for p in shots] == STEPS
    digests = set()
    for path in shots:
        image = PNMImage(Filename.fromOsSpecific(str(path)))
        assert (image.getXSize(), image.getYSize()) == (1280, 720)
        pixels = np.array([[image.getXel(x, y) for x in range(0, 1280, 16)]
                           for y in range(0, 720, 16)])
        assert pixels.std() > 0.05, f"{path.name} is nearly uniform"
        digests.add(hashlib.sha256(path.read_bytes()).hexdigest())
    assert len(digests) == len(shots), "every step looks different"


def test_the_engines_report_is_saved_with_the_typed_answers_and_the_notice(demo):
    from interview_engine.report import report_from_dict
    from vr_station.demo import ANSWERS

    report = report_from_dict(json.loads((demo["out"] / "interview-report.json").read_text(
        encoding="utf-8")))
    assert report.language == "de" and report.occupation_id == "koch" and report.completed
    assert report.recognizer == "typed"
    assert report.notices and "Bitte tippen Sie Ihre Antworten ein" in report.notices[0]
    main = [a for a in report.answers if a.kind == "main"]
    assert [a.transcript for a in main] == list(ANSWERS["de"]), "typed on the station's keyboard"
    assert report.overall.answered == len(report.answers)
    assert "Hygiene" in report.overall.terms_used and report.overall.wpm is None
    assert report.overall.eye_contact is None, "typing, one looks at the keys: not measured"
    assert report.strengths
    summary = json.loads((demo["out"] / "summary.json").read_text(encoding="utf-8"))
    assert summary["recognizer"] == "typed"
    assert 50 <= summary["eye_contact_percent"] <= 100, "the room measured the whole interview"


def test_after_the_reset_nothing_of_the_visitor_is_left(demo):
    root: Path = demo["root"]
    feedback = root / "data" / "feedback.jsonl"
    # The speech cache holds the guide's and the interviewer's words from content (the demo
    # visitor's answers are never cached); everything else of the session is gone.
    speech_cache = list((root / "cache" / "speech").rglob("*.wav"))
    assert len(speech_cache) > 10, "tour narration and questions were cached"
    leftovers = visitor_leftovers([root / "data", root / "cache"], allowed=[feedback, *speech_cache])
    assert leftovers == []
    records = [json.loads(line) for line in feedback.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 1
    record = records[0]
    assert record["rating"] == 4 and record["end_reason"] == "completed"
    assert record["comment"] == "Sehr anschaulich, danke."
    assert record["worked"] and record["not_worked"]
    text = feedback.read_text(encoding="utf-8")
    assert "Praktikum" not in text and "Kantine" not in text, "no word of the interview"
    assert not (root / "data" / "kept-reports").exists(), "the visitor did not ask to keep it"
