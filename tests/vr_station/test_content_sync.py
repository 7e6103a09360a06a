"""A station follows the center's published content: the real center on loopback (SQLite), the
station's real sync code, its real content check (with the scenes' layout checks)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from catalog.files import default_content_dir
from catalog.model import pick
from center import content_store as store
from center.database import make_engine, migrate
from center.stations import add_station
from scenes.content_checks import CONTENT_CHECKS
from tests.center.servers import CenterProcess
from vr_station.content_sync import (
    LOCAL_LABEL,
    BundleRefused,
    ContentClient,
    ContentFollower,
    ContentVersions,
    PollOutcome,
    content_dir,
)

KOCH = "occupations/koch.yaml"
WELCOME = "Willkommen in einer Restaurantküche."
NEW_WELCOME = "Willkommen in unserer Restaurantküche."

pytestmark = pytest.mark.slow  # each install runs the whole content check


@pytest.fixture
def center(tmp_path: Path) -> Iterator[tuple[CenterProcess, Engine, str]]:
    url = f"sqlite:///{tmp_path / 'center.sqlite3'}"
    engine = make_engine(url)
    migrate(engine)
    token = add_station(engine, "biz-1")
    server = CenterProcess(url, tmp_path).start()
    yield server, engine, token
    server.stop()
    engine.dispose()


def follower(server: CenterProcess, token: str, root: Path) -> ContentFollower:
    return ContentFollower(ContentVersions(root, CONTENT_CHECKS),
                           ContentClient(server.base_url, token))


def publish_welcome(engine: Engine, text: str) -> store.ContentVersion:
    original = (default_content_dir() / KOCH).read_text(encoding="utf-8")
    problems = store.save_draft(engine, KOCH, original.replace(WELCOME, text).encode(), "inhalt",
                                datetime.now(UTC))
    assert problems == []
    return store.publish(engine, "inhalt", "Begrüßung", datetime.now(UTC))


def welcome(catalog) -> str:
    return pick(catalog.occupations["koch"].tour.stops[0].narration, "de")


def test_publish_fetch_verify_switch_and_rollback(center, tmp_path):
    server, engine, token = center
    sync = follower(server, token, tmp_path / "station")
    assert sync.content_version() == LOCAL_LABEL
    first = sync.poll_once()  # the center publishes its content folder as version 1 on first ask
    assert first.outcome is PollOutcome.INSTALLED, first.detail
    assert sync.content_version().startswith("1:")
    assert WELCOME in welcome(sync.take_update())
    assert sync.take_update() is None  # handed over once
    assert sync.poll_once().outcome is PollOutcome.UP_TO_DATE  # If-None-Match → 304
    second = publish_welcome(engine, NEW_WELCOME)
    result = sync.poll_once()
    assert result.outcome is PollOutcome.INSTALLED and result.installed is not None
    assert sync.content_version() == second.label
    assert NEW_WELCOME in welcome(sync.take_update())
    assert content_dir(sync.versions, default_content_dir()).name.startswith("2-")
    assert versions_on_disk(tmp_path) == ["1", "2"]  # the previous good one is kept
    store.rollback(engine, 1, "leitung", datetime.now(UTC))
    assert sync.poll_once().outcome is PollOutcome.INSTALLED
    assert sync.content_version().startswith("3:")
    assert WELCOME in welcome(sync.take_update())
    assert versions_on_disk(tmp_path) == ["2", "3"]
    sync.stop()


def test_the_etag_answers_304_and_a_station_needs_its_token(center):
    server, _engine, token = center
    client = ContentClient(server.base_url, token)
    answer = client.manifest(None)
    assert answer is not None
    manifest, etag = answer
    assert etag.startswith('"1-') and manifest["version"] == 1
    assert client.manifest(etag) is None
    assert client.manifest('"0-stale"') is not None
    client.close()
    import httpx

    assert httpx.get(server.base_url + "/api/v1/content").status_code == 401
    assert httpx.get(server.base_url + "/api/v1/content/1/bundle",
                     headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_a_tampered_or_invalid_bundle_is_refused_and_the_last_good_one_stays(center, tmp_path):
    server, _engine, token = center
    sync = follower(server, token, tmp_path / "station")
    assert sync.poll_once().outcome is PollOutcome.INSTALLED
    good = sync.versions.current()
    client = ContentClient(server.base_url, token)
    answer = client.manifest(None)
    assert answer is not None
    manifest, etag = answer
    bundle = client.bundle(1)
    client.close()
    # One changed byte in a narration: the SHA-256 no longer matches.
    tampered = rewrite(bundle, KOCH, lambda b: b.replace(WELCOME.encode(), NEW_WELCOME.encode()))
    with pytest.raises(BundleRefused, match=f"{KOCH}: SHA-256 does not match"):
        sync.versions.install({**manifest, "version": 2}, etag, rewrite_manifest(tampered, 2))
    # Hashes that match but an occupation that breaks the content check.
    broken, broken_manifest = rehash(bundle, manifest, KOCH,
                                     lambda b: b.replace(b"summary:", b"summry:", 1))
    with pytest.raises(BundleRefused, match="does not pass the content check"):
        sync.versions.install(broken_manifest, etag, broken)
    # A file the manifest does not list, and a path outside the content folder.
    extra = rewrite(bundle, "../evil.yaml", lambda _b: b"x: 1\n")
    with pytest.raises(BundleRefused, match="differ from the manifest"):
        sync.versions.install(manifest, etag, extra)
    with pytest.raises(BundleRefused, match="outside the content folder"):
        sync.versions.install({**manifest, "files": [{"path": "../evil.yaml", "sha256": "0"}]},
                              etag, bundle)
    assert sync.versions.current() == good
    assert versions_on_disk(tmp_path) == ["1"]  # nothing half unpacked left
    sync.stop()


def test_offline_the_station_keeps_its_version_and_catches_up(center, tmp_path):
    server, engine, token = center
    sync = follower(server, token, tmp_path / "station")
    assert sync.poll_once().outcome is PollOutcome.INSTALLED
    sync.take_update()
    server.kill9()
    # Published while the station cannot reach the center (twice: it catches up with the newest).
    publish_welcome(engine, "Willkommen in der Küche eines Restaurants.")
    newest = publish_welcome(engine, NEW_WELCOME)
    for _ in range(3):
        down = sync.poll_once()
        assert down.outcome is PollOutcome.UNREACHABLE
        assert sync.content_version().startswith("1:")
        assert sync.last_problem
    assert sync.take_update() is None
    server.start()
    assert sync.poll_once().outcome is PollOutcome.INSTALLED
    assert sync.content_version() == newest.label and sync.last_problem is None
    assert NEW_WELCOME in welcome(sync.take_update())
    sync.stop()


def versions_on_disk(tmp_path: Path) -> list[str]:
    return sorted(p.name.split("-")[0] for p in (tmp_path / "station/versions").iterdir())


def rewrite(bundle: bytes, path: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(bundle))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        names = source.namelist() + ([path] if path not in source.namelist() else [])
        for name in names:
            body = source.read(name) if name in source.namelist() else b""
            target.writestr(name, change(body) if name == path else body)
    return out.getvalue()


def rewrite_manifest(bundle: bytes, version: int) -> bytes:
    def bump(body: bytes) -> bytes:
        return json.dumps({**json.loads(body), "version": version}).encode()
    return rewrite(bundle, store.MANIFEST_NAME, bump)


def rehash(bundle: bytes, manifest: dict, path: str, change) -> tuple[bytes, dict]:
    """A bundle whose ``path`` is changed and whose manifest (inside and out) says so honestly."""
    body = change(zipfile.ZipFile(io.BytesIO(bundle)).read(path))
    files = {f["path"]: f["sha256"] for f in manifest["files"]}
    files[path] = store.sha256_hex(body)
    new = {**manifest, "version": 2, "manifest_sha256": store.manifest_hash(files),
           "files": [{"path": p, "sha256": s} for p, s in sorted(files.items())]}
    changed = rewrite(bundle, path, lambda _b: body)
    return rewrite(changed, store.MANIFEST_NAME, lambda _b: json.dumps(new).encode()), new


@contextmanager
def following_station(center: tuple[CenterProcess, Engine, str], tmp_path: Path,
                      monkeypatch: pytest.MonkeyPatch, size_px: tuple[int, int] = (320, 180),
                      shots: Path | None = None) -> Iterator[tuple[Any, Any, ContentFollower]]:
    """A started headless station "biz-1" that follows ``center``'s content, on version 1.

    Yields the station and its demo visitor (German, touring the kitchen); stops both after.
    """
    from catalog import load_catalog
    from tests.vr_station.station_fixtures import ToneSynthesizer
    from timebase import SimulatedClock
    from vr_station.config import load_config
    from vr_station.demo import DemoVisitor, demo_script
    from vr_station.display.headless import HeadlessDisplay
    from vr_station.display.settings import DisplaySettings
    from vr_station.station import Station, StationParts

    server, _, token = center
    token_file = tmp_path / "token"
    token_file.write_text(token + "\n")
    monkeypatch.setenv("VR_STATION_STATION_ID", "biz-1")
    monkeypatch.setenv("VR_STATION_CENTER_URL", server.base_url)
    monkeypatch.setenv("VR_STATION_CENTER_TOKEN_FILE", str(token_file))
    sync = follower(server, token, tmp_path / "station")
    assert sync.poll_once().outcome is PollOutcome.INSTALLED  # version 1: the shipped content
    catalog, _ = load_catalog(content_dir(sync.versions, default_content_dir()),
                              extra_checks=CONTENT_CHECKS)
    sync.take_update()  # the station starts on version 1 itself
    display = HeadlessDisplay(DisplaySettings(size_px=size_px, multisamples=0))
    clock = SimulatedClock()
    station = Station(display, load_config(), catalog, clock=clock, parts=StationParts(
        synthesizer=ToneSynthesizer(), demo=demo_script("de"), content_updates=sync.take_update,
        content_version=sync.content_version))
    station.start()
    try:
        yield station, DemoVisitor(station, display, clock, shots, language="de",
                                   occupation_id="koch"), sync
    finally:
        station.close()
        sync.stop()


def test_a_running_headless_station_switches_between_visits(center, tmp_path, monkeypatch):
    from zoneinfo import ZoneInfo

    from center.health import OpeningHours, station_overview
    from vr_station.kiosk.flow import KioskState

    _, engine, _ = center
    with following_station(center, tmp_path, monkeypatch) as (station, visitor, sync):
        visitor.wait_state(KioskState.ATTRACT)
        # The heartbeat at start names the label the center gave version 1, so the Stationen
        # page can tell that this station runs the newest published content.
        visitor.wait_until(lambda: station.health.rounds >= 1, "the heartbeat at start")
        newest = store.latest_version(engine)
        assert newest is not None and newest.number == 1
        [health] = station_overview(engine, datetime.now(UTC), ZoneInfo("Europe/Berlin"), OpeningHours(),
                                    newest.label)
        assert health.heartbeat is not None
        assert health.heartbeat.content_version == newest.label == sync.content_version()
        assert not health.outdated
        station.base.messenger.send("f6")  # a visitor starts: the language step
        visitor.wait_state(KioskState.LANGUAGE)
        second = publish_welcome(engine, NEW_WELCOME)
        [health] = station_overview(engine, datetime.now(UTC), ZoneInfo("Europe/Berlin"),
                                    OpeningHours(), second.label)
        assert health.outdated  # until its next heartbeat names version 2
        assert sync.poll_once().outcome is PollOutcome.INSTALLED  # the worker's poll, in the visit
        assert sync.content_version() == second.label
        visitor.wait(0.5)
        assert WELCOME in welcome(station.catalog)  # not in the middle of a visit
        station.base.messenger.send("f5")  # the visit ends
        visitor.wait_until(lambda: station.state is KioskState.ATTRACT
                           and not station.pending_work(), "the reset")
        assert NEW_WELCOME in welcome(station.catalog)
        assert NEW_WELCOME in welcome(station.ctx.catalog)
        assert station.ctx.catalog.content_dir.name.startswith("2-")
