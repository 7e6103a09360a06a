"""A night of faults: the center goes down, comes back slow, then well; the disk fills up.

Visitors keep coming throughout: each one chooses an occupation, starts the tour and is sent
back to the start by staff (F5), which leaves an abandoned-visit record. The station runs
for real (offscreen Panda3D, kiosk flow, outbox in SQLite), the center too (``vr-center
serve`` on loopback behind ``CenterProxy``). After every fault the count is the same: every
visit is in the outbox or at the center, none is lost and none counted twice.

Waits for the station count its frames (the demo visitor's ``wait_until``); waits for the
feedback sender, a real thread with real back-off, are ``wait_for_thread`` bounds that catch a
hang, while the station keeps rendering (``step``). The OpenXR runtime killed and restarted
under a running station is the XR tier's (tests/xr/test_runtime_loss.py).
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from catalog import load_catalog
from center.database import make_engine, migrate
from center.stations import add_station
from tests.center.servers import CenterProcess
from tests.conftest import CONTENT
from tests.faults.center_proxy import CenterProxy, Mode
from tests.vr_station.station_fixtures import ToneSynthesizer
from tests.waiting import wait_for_thread
from timebase import SimulatedClock
from vr_station.config import load_config
from vr_station.demo import DemoVisitor, demo_script
from vr_station.display.headless import HeadlessDisplay
from vr_station.display.settings import DisplaySettings
from vr_station.feedback.backoff import Backoff
from vr_station.feedback.sink import OutboxFeedback
from vr_station.kiosk.flow import KioskState
from vr_station.station import Station, StationParts

pytestmark = pytest.mark.slow

QUICK_BACKOFF = Backoff(first_delay_s=0.2, max_delay_s=1.0)
"""Retries within a second of wall time, so a test night is minutes; the station's default
(5 s, doubling up to 15 min) only spaces the same attempts further apart."""
SLOW_ANSWER_S = 5.0
STATION_ID = "biz-night"


class CountingVisitor(DemoVisitor):
    """The demo visitor, counting the frames rendered while the center's answer is held back."""

    proxy: CenterProxy | None = None
    frames_while_held = 0

    def frame(self) -> None:
        super().frame()
        if self.proxy is not None and self.proxy.holding.is_set():
            CountingVisitor.frames_while_held += 1


@dataclass
class Night:
    station: Station
    clock: SimulatedClock
    display: HeadlessDisplay
    sink: OutboxFeedback
    center_records: Callable[[], int]
    proxy: CenterProxy | None
    idle: DemoVisitor | None = None
    """Steps frames between visits (nobody in front of the station)."""

    def visit(self) -> None:
        """One visitor: language, quick check, an occupation, the tour; staff send them off."""
        visitor = CountingVisitor(self.station, self.display, self.clock, None, language="de")
        visitor.proxy = self.proxy
        visitor.attract_and_menus()
        visitor.wait_state(KioskState.TOUR)
        self.station.base.messenger.send("f5")
        visitor.wait_until(lambda: self.station.state is KioskState.ATTRACT
                           and not self.station.pending_work(), "the wipe after the staff reset")

    def frame(self) -> None:
        """One frame of the attract loop, while a test waits for the sender's thread."""
        if self.idle is None:
            self.idle = DemoVisitor(self.station, self.display, self.clock, None, language="de")
        self.idle.frame()

    def pending(self) -> int:
        outbox = self.sink.outbox
        return -1 if outbox is None else outbox.status().pending

    def wait_delivered(self, total: int, what: str) -> None:
        wait_for_thread(lambda: self.center_records() == total and self.pending() == 0,
                        what, step=self.frame,
                        detail=lambda: f"center has {self.center_records()}, outbox holds "
                                       f"{self.pending()}, {self.sink.unstored} in memory")


@pytest.fixture
def center(tmp_path: Path) -> Iterator[tuple[CenterProcess, Callable[[], int], Path]]:
    """A real center on loopback with this station registered; yields it, a record counter and
    the station's token file."""
    database = f"sqlite:///{tmp_path / 'center.sqlite3'}"
    engine = make_engine(database)
    migrate(engine)
    token_file = tmp_path / "token"
    token_file.write_text(add_station(engine, STATION_ID), encoding="utf-8")

    def records() -> int:
        with engine.connect() as connection:
            return int(connection.exec_driver_sql("SELECT COUNT(*) FROM session_records").scalar())

    process = CenterProcess(database, tmp_path).start()
    try:
        yield process, records, token_file
    finally:
        process.stop()
        engine.dispose()


def open_station(monkeypatch: pytest.MonkeyPatch, center_url: str, token_file: Path,
                 data_dir: Path | None = None) -> tuple[Station, SimulatedClock, HeadlessDisplay,
                                                        OutboxFeedback]:
    monkeypatch.setenv("VR_STATION_STATION_ID", STATION_ID)
    monkeypatch.setenv("VR_STATION_CENTER_URL", center_url)
    monkeypatch.setenv("VR_STATION_CENTER_TOKEN_FILE", str(token_file))
    if data_dir is not None:
        monkeypatch.setenv("VR_STATION_DATA_DIR", str(data_dir))
    config = load_config()
    catalog, _ = load_catalog(CONTENT)
    sinks: list[OutboxFeedback] = []

    def feedback(station: Station) -> OutboxFeedback:
        sinks.append(OutboxFeedback(station.config, station.jobs, QUICK_BACKOFF))
        return sinks[0]

    display = HeadlessDisplay(DisplaySettings(size_px=(96, 54), multisamples=0))
    clock = SimulatedClock()
    station = Station(display, config, catalog, clock=clock, parts=StationParts(
        synthesizer=ToneSynthesizer(), demo=demo_script("de"), feedback=feedback))
    station.start()
    return station, clock, display, sinks[0]


def test_center_down_then_slow_then_back_and_every_visit_arrives_once(
        center, monkeypatch: pytest.MonkeyPatch):
    process, records, token_file = center
    proxy = CenterProxy(process.port, delay_s=SLOW_ANSWER_S)
    station, clock, display, sink = open_station(monkeypatch, proxy.url, token_file)
    night = Night(station, clock, display, sink, records, proxy)
    CountingVisitor.frames_while_held = 0
    try:
        night.visit()
        night.wait_delivered(1, "the first visit at the center")

        proxy.mode = Mode.DOWN  # the center is gone: visitors keep coming
        night.visit()
        night.visit()
        wait_for_thread(lambda: proxy.reset >= 2, "the sender trying the center that is down",
                        step=night.frame)
        assert records() == 1 and night.pending() == 2
        assert station.state is KioskState.ATTRACT

        proxy.mode = Mode.SLOW  # back, but every answer takes 5 s
        night.visit()
        night.wait_delivered(4, "the slow center taking the waiting visits")
        assert proxy.held >= 1
        # The render thread never waited for the center: frames went on while it answered.
        # 5 s at even 5 frames a second on a loaded machine are 25 frames.
        assert CountingVisitor.frames_while_held >= 25, CountingVisitor.frames_while_held

        proxy.mode = Mode.UP
        night.visit()
        night.wait_delivered(5, "the last visit at the center that is well again")
        assert records() == 5, "every visit once: none lost, none counted twice"
    finally:
        station.close()
        proxy.close()


def _mount_tmpfs(path: Path, size: str) -> None:
    """A small file system of its own for the station's data; skips where mounting is not
    allowed (the test needs root, or a user namespace with its own mounts)."""
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("filling a disk needs a tmpfs of its own: mounting needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs",
                           str(path)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs for the full disk: {done.stderr.strip()}")


def _fill(path: Path) -> Path:
    """Write to ``path/filler`` until the file system refuses (ENOSPC); returns the file."""
    filler = path / "filler"
    with open(filler, "wb", buffering=0) as handle:  # unbuffered: no refused rest at close
        block = b"\0" * 4096
        try:
            while True:
                handle.write(block)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC, exc
    return filler


def test_a_full_disk_costs_no_visit_and_no_record(center, monkeypatch, tmp_path: Path):
    process, records, token_file = center
    data = tmp_path / "data-disk"
    _mount_tmpfs(data, "2m")
    try:
        station, clock, display, sink = open_station(
            monkeypatch, process.base_url, token_file, data_dir=data)
        night = Night(station, clock, display, sink, records, None)
        try:
            night.visit()
            night.wait_delivered(1, "the first visit at the center")

            filler = _fill(data)
            night.visit()
            night.visit()
            # The station served both; their records wait in memory for the disk.
            assert station.state is KioskState.ATTRACT
            assert sink.unstored == 2, f"{sink.unstored} records waiting for the disk"
            assert records() == 1

            filler.unlink()  # staff clear the disk
            night.visit()
            night.wait_delivered(4, "the three visits since the disk filled at the center")
            assert sink.unstored == 0
        finally:
            station.close()
    finally:
        subprocess.run(["umount", "--lazy", str(data)], check=False)
