"""``vr-center``: stations, users, export and purge, run as a staff member would."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, text

from center.database import make_engine
from center.stations import station_for_token
from center.tables import stations
from tests.center.ingest_helpers import store
from tests.conftest import REPO
from tests.vr_station.feedback.records import interview_summary, make_record
from visit_record.record import SessionMode


def vr_center(database_url: str, *args: str, stdin: str | None = None
              ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "center", *args, "--db", database_url],
                          cwd=REPO, capture_output=True, text=True, input=stdin, timeout=120,
                          env={**os.environ, "VR_CENTER_DB": ""})


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    """The CLI is the same on both databases; the database code is tested on both elsewhere."""
    return f"sqlite:///{tmp_path / 'center.sqlite3'}"


def test_stations_add_prints_a_token_of_which_only_the_hash_is_kept(sqlite_url):
    database_url = sqlite_url
    added = vr_center(database_url, "stations", "add", "biz-nord-1")
    assert added.returncode == 0, added.stderr
    token = added.stdout.strip()
    assert token.startswith("vrc_") and len(token) > 40
    assert "nur jetzt angezeigt" in added.stderr
    engine = make_engine(database_url)
    with engine.connect() as connection:
        dump = str(connection.execute(select(stations)).all())
    assert token not in dump
    assert station_for_token(engine, token) == "biz-nord-1"

    again = vr_center(database_url, "stations", "add", "biz-nord-1")
    assert again.returncode == 2 and "gibt es bereits" in again.stderr
    rotated = vr_center(database_url, "stations", "rotate", "biz-nord-1").stdout.strip()
    assert station_for_token(engine, token) is None
    assert station_for_token(engine, rotated) == "biz-nord-1"
    assert vr_center(database_url, "stations", "revoke", "biz-nord-1").returncode == 0
    assert station_for_token(engine, rotated) is None
    listing = vr_center(database_url, "stations", "list").stdout
    assert "biz-nord-1" in listing and "gesperrt" in listing
    bad = vr_center(database_url, "stations", "add", "biz nord")
    assert bad.returncode == 2 and "Stationsname" in bad.stderr
    engine.dispose()


def test_users_are_added_with_roles_and_managed(sqlite_url):
    database_url = sqlite_url
    added = vr_center(database_url, "users", "add", "erika", "--role", "content-editor",
                      "--password-stdin", stdin="Ein-langes-Passwort\n")
    assert added.returncode == 0, added.stderr
    assert vr_center(database_url, "users", "set-role", "erika", "admin").returncode == 0
    assert vr_center(database_url, "users", "disable", "erika").returncode == 0
    listing = vr_center(database_url, "users", "list").stdout
    assert "erika" in listing and "admin" in listing and "deaktiviert" in listing
    short = vr_center(database_url, "users", "add", "max", "--role", "viewer", "--password-stdin",
                      stdin="kurz\n")
    assert short.returncode == 2 and "mindestens 10 Zeichen" in short.stderr
    role = vr_center(database_url, "users", "add", "max", "--role", "boss", "--password-stdin",
                     stdin="Ein-langes-Passwort\n")
    assert role.returncode == 2 and "Unbekannte Rolle" in role.stderr


def test_export_writes_every_record_as_csv(database_url, tmp_path):
    engine = make_engine(database_url)
    vr_center(database_url, "db", "upgrade")
    now = datetime.now(UTC)
    records = [
        make_record(started_at=now - timedelta(hours=3), worked=("realistic", "easy_to_use"),
                    not_worked=("too_long",), comment="=HYPERLINK(\"http://evil\")"),
        make_record(started_at=now - timedelta(hours=2), mode=SessionMode.INTERVIEW,
                    interview=interview_summary(), comment="Schöne Übung; „danke“!\nZweite Zeile",
                    rating=None, occupation_id=None),
    ]
    store(engine, records)
    target = tmp_path / "export.csv"
    result = vr_center(database_url, "export", "--csv", str(target), "--format", "raw")
    assert result.returncode == 0, result.stderr
    assert "2 Datensätze nach" in result.stderr
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(target.read_text(encoding="utf-8-sig").splitlines(keepends=True),
                               delimiter=";"))
    assert [r["session_id"] for r in rows] == [str(r.session_id) for r in records]
    first, second = rows
    assert first["worked"] == "realistic,easy_to_use" and first["not_worked"] == "too_long"
    assert first["comment"] == "'=HYPERLINK(\"http://evil\")"  # shown, never run as a formula
    assert first["started_at"] == records[0].to_json()["started_at"]
    assert second["comment"] == "Schöne Übung; „danke“!\nZweite Zeile"
    assert (second["rating"], second["occupation_id"]) == ("", "")
    assert second["interview_questions_asked"] == "8" and second["interview_eye_contact_share"] == ""
    # The default: for German Excel (labels, local time, decimal comma).
    german = tmp_path / "excel.csv"
    assert vr_center(database_url, "export", "--csv", str(german)).returncode == 0
    rows = list(csv.DictReader(german.read_text(encoding="utf-8-sig").splitlines(keepends=True),
                               delimiter=";"))
    first, second = rows
    local = records[0].started_at.astimezone(ZoneInfo("Europe/Berlin"))
    assert first["Beginn"] == local.strftime("%d.%m.%Y %H:%M:%S")
    assert first["Hat funktioniert"] == "Wirkte echt, Einfach zu bedienen"
    assert first["Kommentar"] == "'=HYPERLINK(\"http://evil\")"
    assert (second["Art"], second["Beruf"], second["Sprache"]) == ("Gesprächstraining", "",
                                                                    "Deutsch")
    assert second["Sprechzeit (Sekunden)"] == "312,5" and second["Wörter pro Minute"] == "118,0"
    assert "not_understood" not in german.read_text(encoding="utf-8-sig")
    engine.dispose()


def test_purge_and_clear_messages_for_a_bad_database(sqlite_url):
    database_url = sqlite_url
    engine = make_engine(database_url)
    vr_center(database_url, "db", "upgrade")
    store(engine, [make_record(started_at=datetime.now(UTC) - timedelta(days=40))])
    purged = vr_center(database_url, "purge", "--older-than-days", "30")
    assert purged.returncode == 0 and "1 Datensatz und" in purged.stderr
    with engine.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM session_records")).scalar_one() == 0
    engine.dispose()
    wrong = vr_center("mysql://nobody@localhost/x", "db", "upgrade")
    assert wrong.returncode == 2 and "nicht unterstützt" in wrong.stderr
    memory = vr_center("sqlite://", "db", "upgrade")
    assert memory.returncode == 2 and "SQLite braucht eine Datei" in memory.stderr
    unreachable = vr_center("postgresql://nobody@127.0.0.1:1/none", "db", "upgrade")
    assert unreachable.returncode == 1 and "Datenbank ist nicht nutzbar" in unreachable.stderr


def test_rebuild_figures_sums_the_dashboard_afresh_after_a_restore(sqlite_url):
    engine = make_engine(sqlite_url)
    vr_center(sqlite_url, "db", "upgrade")
    now = datetime.now(UTC)
    store(engine, [make_record(started_at=now - timedelta(days=d, hours=1)) for d in (1, 2, 2)])
    # A restore that brought back only the records (or records edited by hand): stale sums.
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM daily_figures"))
        connection.execute(text("DELETE FROM daily_chips"))
    rebuilt = vr_center(sqlite_url, "db", "rebuild-figures")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "Tageszahlen für 2 Tage neu berechnet" in rebuilt.stderr
    with engine.connect() as connection:
        assert connection.execute(text(
            "SELECT SUM(sessions) FROM daily_figures WHERE station = '*' AND occupation = '*' "
            "AND language = '*'")).scalar_one() == 3
    engine.dispose()
