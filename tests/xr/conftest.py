"""The XR tier: the station itself (``vr-station run --mode xr``) against a real OpenXR runtime
(Monado in a chroot).

Runs where tests/xr/runtime.sh can host the runtime (Linux, root, namespaces, debootstrap);
elsewhere every test here is skipped with the reason (``make test-xr`` makes that an error).
Each test starts its own monado-service session and runs the station inside the chroot with
``--events - --commands``: it reports what happens as JSON lines (``vr_station.events``)
and takes scripted commands on stdin. A test waits for what the station shows (an event) or for
a number of its frames, never for a number of seconds to pass; every wait also has a generous
time limit (``REPLY_TIMEOUT_S``), so a runtime that dies or hangs fails a test, never the suite,
with a message that says what it waited for and how long.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
RUNTIME = REPO / "tests" / "xr" / "runtime.sh"
BUILD_TIMEOUT_S = 1200
SERVICE_TIMEOUT_S = 120
"""For a runtime.sh command; ``start`` gives up by itself after 90 s (with the reason)."""
XR_TEST_TIMEOUT_S = 900
"""Backstop per test (pytest-timeout); every step inside has its own, shorter limit."""
STARTUP_TIMEOUT_S = 240.0
"""How long a test waits for a station to open and reach FOCUSED: its first frames load the
scene on software GL, slow beside other work (measured: a second station on a 2-core machine
at load 9.5 had no frame after 90 s). A bound for a hang only: the wait ends with the event."""
REPLY_TIMEOUT_S = 60.0
"""How long a test waits for the station to show what it does within a few frames. The station
runs in real time, and a frame takes up to a second on a loaded 2-core machine (software GL and
Vulkan in the chroot), so this bound only catches a station or runtime that stopped answering;
what a test means to wait for is counted in the station's frames (``Client.frames``) or shown
by an event."""
POKE_INTERVAL_S = 0.05

STATION: tuple[str, ...] = ("vr-station", "run", "--events", "-", "--commands", "--out", "/run/session/out")
"""The station as the tests run it inside the chroot (``--mode`` comes from each test)."""
STATION_ENV: tuple[str, ...] = (
    # Nothing of a test run may land in the cached chroot (HOME is its /root).
    "VR_STATION_CONFIG=/run/session/station.yaml", "VR_STATION_DATA_DIR=/run/session/data",
    "VR_STATION_CACHE_DIR=/run/session/cache", "VR_STATION_MODELS_DIR=/run/session/models")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.xr)
            item.add_marker(pytest.mark.slow)
            item.add_marker(pytest.mark.timeout(XR_TEST_TIMEOUT_S))


def _why_not() -> str:
    done = subprocess.run([str(RUNTIME), "check"], capture_output=True, text=True, timeout=60, check=False)
    return "" if done.returncode == 0 else (done.stdout.strip() or done.stderr.strip() or "unknown")


@pytest.fixture(scope="session")
def xr_runtime() -> Path:
    """The built chroot; skips (or fails, with VR_STATION_XR_REQUIRED=1) where none can run."""
    why = _why_not()
    if why:
        message = f"XR tier skipped (it runs Monado in a chroot): {why}"
        if os.environ.get("VR_STATION_XR_REQUIRED") == "1":
            pytest.fail(message)
        pytest.skip(message)
    done = subprocess.run([str(RUNTIME), "build"], capture_output=True, text=True,
                          timeout=BUILD_TIMEOUT_S, check=False)
    if done.returncode != 0:
        pytest.fail(f"building the XR runtime failed:\n{done.stderr[-3000:]}")
    return Path(done.stdout.strip().splitlines()[-1])


class Client:
    """The station running in the chroot; its JSON events arrive on a reader thread."""

    def __init__(self, process: subprocess.Popen[str], log_path: Path) -> None:
        self.process = process
        self.log_path = log_path
        self.events: list[dict[str, Any]] = []
        self._queue: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        # Every event line is also kept next to the log, for a look after a failure.
        with self.log_path.with_suffix(".events.jsonl").open("w") as kept:
            self._read_into(kept)
        self._queue.put(None)

    def _read_into(self, kept: Any) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            line = line.strip()
            if line.startswith("{"):
                kept.write(line + "\n")
                kept.flush()
                try:
                    event = json.loads(line)
                except json.JSONDecodeError:
                    continue
                self.events.append(event)
                self._queue.put(event)

    def wait_for(self, predicate: Callable[[dict[str, Any]], bool], timeout_s: float = REPLY_TIMEOUT_S,
                 what: str = "a matching event", poke: Callable[[], None] | None = None) -> dict[str, Any]:
        """The first event (seen before or arriving within ``timeout_s``) that matches; ``poke``
        is called every ``POKE_INTERVAL_S`` meanwhile (to keep sending a controller's state)."""
        for event in list(self.events):
            if predicate(event):
                return event
        seen = len(self.events)
        started = time.monotonic()
        deadline = started + timeout_s
        while (left := deadline - time.monotonic()) > 0:
            if poke is not None:
                poke()
            try:
                event = self._queue.get(timeout=min(left, POKE_INTERVAL_S) if poke else left)
            except queue.Empty:
                continue
            if event is None:
                pytest.fail(f"XR client exited after {time.monotonic() - started:.1f} s of waiting for "
                            f"{what}; log:\n{self.log_tail()}")
            if predicate(event):
                return event
        pytest.fail(f"waited {time.monotonic() - started:.1f} s (the limit) for {what}; meanwhile "
                    f"{len(self.events) - seen} other event(s), the last: {self.last()}; "
                    f"log:\n{self.log_tail()}")

    def opened(self) -> dict[str, Any]:
        """The station's ``opened`` event (its display is open)."""
        return self.wait_for(lambda e: e["event"] == "opened", STARTUP_TIMEOUT_S, "the station opened")

    def focused(self, what: str = "FOCUSED") -> dict[str, Any]:
        """The first FOCUSED phase: the station's session shows in the headset."""
        return self.wait_for(lambda e: e.get("phase") == "FOCUSED", STARTUP_TIMEOUT_S, what)

    def stats(self, timeout_s: float = REPLY_TIMEOUT_S) -> dict[str, Any]:
        """The station's frame counters now (``stats``; answered by the station's next frame)."""
        before = len(self.of("stats"))
        self.send("stats")
        return self.wait_for(lambda e: e["event"] == "stats" and self._index(e, "stats") >= before,
                             timeout_s, "the station's stats")

    def frames(self, count: int, what: str, poke: Callable[[], None] | None = None,
               timeout_s: float = REPLY_TIMEOUT_S, counter: str = "frames_waited") -> dict[str, Any]:
        """Let the station run ``count`` more frames (``counter`` of its stats: frames_waited,
        frames_rendered, frames_submitted); ``what`` says what for. Waiting for frames, not
        seconds: a loaded machine runs fewer of them a second."""
        first = self.stats(timeout_s)
        started = time.monotonic()
        latest = first
        while latest[counter] < first[counter] + count:
            if time.monotonic() - started > timeout_s:
                pytest.fail(f"waited {time.monotonic() - started:.1f} s (the limit) for {count} more "
                            f"{counter} ({what}); there were {latest[counter] - first[counter]}; "
                            f"log:\n{self.log_tail()}")
            if poke is not None:
                poke()
            time.sleep(POKE_INTERVAL_S)
            latest = self.stats(timeout_s)
        return latest

    def wait_for_log(self, text: str, what: str, count: int = 1, timeout_s: float = REPLY_TIMEOUT_S) -> None:
        """Until the station's log (its stderr) has ``text`` ``count`` times."""
        started = time.monotonic()
        while self._log_text().count(text) < count:
            if self.process.poll() is not None:
                pytest.fail(f"XR client exited while waiting for {what}; log:\n{self.log_tail()}")
            if time.monotonic() - started > timeout_s:
                pytest.fail(f"waited {timeout_s:.0f} s (the limit) for {what} ('{text}' in the log); "
                            f"log:\n{self.log_tail()}")
            time.sleep(0.1)

    def _log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def _index(self, event: dict[str, Any], kind: str) -> int:
        """Which of the events of ``kind`` this one is (0 for the first)."""
        return next(i for i, e in enumerate(self.of(kind)) if e is event)

    def finish(self, timeout_s: float = REPLY_TIMEOUT_S) -> dict[str, Any]:
        """Wait for exit (killing the station after ``timeout_s``); return its summary."""
        try:
            self.process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)
            pytest.fail(f"waited {timeout_s:.0f} s (the limit) for the XR client to exit; it was still "
                        f"running (killed now); the last event: {self.last()}; log:\n{self.log_tail()}")
        self._reader.join(timeout=10)
        summaries = [e for e in self.events if e["event"] == "summary"]
        if not summaries:
            pytest.fail(f"XR client exited with {self.process.returncode} without a summary; "
                        f"log:\n{self.log_tail()}")
        return summaries[-1]

    def send(self, command: str) -> None:
        """A command line for the station (capture, exit, key f6, head-every N, stats, targets)."""
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def after(self, event: dict[str, Any]) -> Callable[[dict[str, Any]], bool]:
        """A predicate: the event came after ``event``."""
        index = next(i for i, e in enumerate(self.events) if e is event)
        return lambda e: any(e is later for later in self.events[index + 1:])

    def wait_after(self, event: dict[str, Any], predicate: Callable[[dict[str, Any]], bool],
                   timeout_s: float = REPLY_TIMEOUT_S, what: str = "a matching event",
                   poke: Callable[[], None] | None = None) -> dict[str, Any]:
        """The first matching event that came after ``event``."""
        later = self.after(event)
        return self.wait_for(lambda e: later(e) and predicate(e), timeout_s, what, poke)

    def capture(self, timeout_s: float = REPLY_TIMEOUT_S) -> dict[str, Any]:
        """Ask for an eye capture and wait until its files are written."""
        before = len(self.of("capture"))
        self.send("capture")
        return self.wait_for(lambda e: e["event"] == "capture" and e["index"] == before,
                             timeout_s, f"capture {before}")

    def last(self) -> dict[str, Any]:
        return self.events[-1] if self.events else {"event": "none"}

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e["event"] == kind]

    def log_tail(self, lines: int = 40) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(line for line in text.splitlines() if not line.startswith(("\t", "LOG "))
                         )[-6000:] if text else "(no output)"

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)


class RuntimeSession:
    """One monado-service and its clients, in a host directory (mounted at /run/session)."""

    def __init__(self, directory: Path, options: Sequence[str]) -> None:
        self.dir = directory
        self.out = directory / "out"
        self._options = list(options)
        self._clients: list[Client] = []

    def _runtime(self, *args: str, timeout_s: float = SERVICE_TIMEOUT_S) -> subprocess.CompletedProcess[str]:
        try:
            return subprocess.run([str(RUNTIME), *args], capture_output=True, text=True, timeout=timeout_s,
                                  check=False)
        except subprocess.TimeoutExpired as exc:
            stderr = exc.stderr
            output = stderr.decode(errors="replace") if isinstance(stderr, bytes) else stderr or ""
            pytest.fail(f"waited {timeout_s:.0f} s (the limit) for 'runtime.sh {' '.join(args)}'; its "
                        f"output:\n{output[-3000:]}")

    def start(self) -> None:
        done = self._runtime("start", str(self.dir), *self._options)
        if done.returncode != 0:
            pytest.fail(f"monado-service did not start: {done.stderr[-3000:]}")

    def stop(self) -> None:
        for client in self._clients:
            client.kill()
        self._runtime("stop", str(self.dir))

    def stop_service(self) -> None:
        """Stop monado-service (TERM), leaving the session's clients running."""
        clients, self._clients = self._clients, []
        self.stop()
        self._clients = clients

    def kill_service(self) -> None:
        done = self._runtime("kill", str(self.dir))
        assert done.returncode == 0, done.stderr

    @property
    def remote_port(self) -> int:
        return int((self.dir / "remote_port").read_text())

    @property
    def service_log(self) -> str:
        return (self.dir / "service.log").read_text(errors="replace")

    def run(self, *command: str, timeout_s: float = 120) -> subprocess.CompletedProcess[str]:
        """Run a command in the chroot as an OpenXR client and wait for it."""
        return self._runtime("run", str(self.dir), "--", *command, timeout_s=timeout_s)

    def station(self, *args: str, mode: str = "xr", env: Sequence[str] = ()) -> Client:
        """Start ``vr-station run --mode MODE ARGS`` as an OpenXR client of this session; its
        captures go to ``self.out``."""
        self.out.mkdir(exist_ok=True)
        log_path = self.dir / f"station{len(self._clients)}.log"
        log = log_path.open("w")
        process = subprocess.Popen(
            [str(RUNTIME), "run", str(self.dir), *STATION_ENV, *env, "--", *STATION, "--mode", mode, *args],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True)
        client = Client(process, log_path)
        self._clients.append(client)
        return client

    def station_pids(self) -> list[int]:
        """Host PIDs of the station processes (``vr-station run``) of this session."""
        pids = []
        for pid in self.processes():
            try:
                argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if any(arg.endswith(b"/vr-station") for arg in argv[:2]):
                pids.append(pid)
        return pids

    def processes(self) -> list[int]:
        """Host PIDs of processes in a namespace that has this session mounted (the service,
        its clients, Xvfb): none may be left once the session is stopped."""
        return processes_with_mount(self.dir)


def processes_with_mount(directory: Path) -> list[int]:
    wanted = str(directory)
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            mounts = (proc / "mountinfo").read_text()
        except OSError:
            continue
        # Field 4 of mountinfo is the mounted directory inside its file system.
        if any(line.split()[3] == wanted for line in mounts.splitlines() if len(line.split()) > 4):
            pids.append(int(proc.name))
    return pids


@contextmanager
def _sessions(directory: Path) -> Iterator[Callable[..., RuntimeSession]]:
    sessions: list[RuntimeSession] = []

    def start(*options: str) -> RuntimeSession:
        session = RuntimeSession(directory / f"session{len(sessions)}", options)
        session.dir.mkdir()
        sessions.append(session)
        session.start()
        return session

    try:
        yield start
    finally:
        for session in sessions:
            session.stop()


@pytest.fixture
def xr_session(xr_runtime: Path, tmp_path: Path) -> Iterator[Callable[..., RuntimeSession]]:
    """Factory: ``xr_session("--driver", "remote")`` starts a service with those options."""
    with _sessions(tmp_path) as start:
        yield start


@pytest.fixture(scope="module")
def xr_module_session(xr_runtime: Path, tmp_path_factory: pytest.TempPathFactory
                      ) -> Iterator[Callable[..., RuntimeSession]]:
    """Like ``xr_session``, for one station run that several tests of a module look at."""
    with _sessions(tmp_path_factory.mktemp("xr")) as start:
        yield start
