"""Privacy at reset: the session folder goes, kept reports stay only when asked for."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from vr_station.privacy import (
    KEPT_REPORTS,
    expire_kept_reports,
    keep_report,
    prepare_scratch,
    scratch_dir,
    visitor_leftovers,
    wipe_scratch,
)


def test_a_fresh_session_folder_is_empty_even_after_a_crash(tmp_path: Path):
    cache = tmp_path / "cache"
    old = scratch_dir(cache) / "interview"
    old.mkdir(parents=True)
    (old / "answer.wav").write_bytes(b"RIFF")
    folder = prepare_scratch(cache)
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_the_wipe_removes_everything_in_the_session_folder(tmp_path: Path):
    folder = prepare_scratch(tmp_path)
    (folder / "interview").mkdir()
    (folder / "interview" / "transcript.txt").write_text("Ich heiße Alex", encoding="utf-8")
    removed = wipe_scratch(folder)
    assert {p.name for p in removed} == {"interview", "transcript.txt"}
    assert not folder.exists()
    assert wipe_scratch(folder) == [], "wiping twice is harmless"


def test_a_kept_report_is_written_whole_under_its_pickup_code(tmp_path: Path):
    path = keep_report(tmp_path, "K7P3R", json.dumps({"items": []}))
    assert path.parent == tmp_path / KEPT_REPORTS
    assert path.name.endswith("_K7P3R.json")
    assert json.loads(path.read_text(encoding="utf-8")) == {"items": []}
    assert not list(path.parent.glob("*.part"))


def test_a_kept_report_nobody_printed_expires_after_its_days_and_a_newer_one_stays(tmp_path: Path):
    fresh = keep_report(tmp_path, "FR3SH", "{}")
    kept_at = datetime.strptime(fresh.stem.rpartition("_")[0], "%Y-%m-%d_%H%M")
    old = fresh.with_name(f"{(kept_at - timedelta(days=15)):%Y-%m-%d_%H%M}_0LD11.json")
    old.write_text("{}", encoding="utf-8")
    stranger = fresh.with_name("notes.json")  # not a name the station writes: left alone
    stranger.write_text("{}", encoding="utf-8")
    assert expire_kept_reports(tmp_path, 14, kept_at) == [old]
    assert fresh.exists() and stranger.exists() and not old.exists()
    assert expire_kept_reports(tmp_path, 14, kept_at + timedelta(days=14, minutes=1)) == [fresh]


def test_leftovers_name_audio_text_and_anything_in_a_session_folder(tmp_path: Path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "notes.jsonl").write_text("{}\n", encoding="utf-8")
    (tmp_path / "data" / "answer.wav").write_bytes(b"RIFF")
    session = tmp_path / "cache" / "session"
    session.mkdir(parents=True)
    (session / "state.bin").write_bytes(b"x")
    found = visitor_leftovers([tmp_path / "data", tmp_path / "cache"],
                              allowed=[tmp_path / "data" / "notes.jsonl"])
    assert {(f.path.name, f.reason) for f in found} == {
        ("answer.wav", "audio"), ("state.bin", "left in the session folder")}
