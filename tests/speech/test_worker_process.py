"""The worker-process helper with a real child process (tests/speech/echo_worker.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from speech.worker_process import WorkerError, WorkerProcess, WorkerTimeout

REPO = Path(__file__).resolve().parents[2]
STARTUP_S = 60.0
"""Generous: starting Python on a busy machine; the tests never wait this long when all is well."""


@pytest.fixture
def worker(monkeypatch):
    # The child finds tests.speech.echo_worker and this checkout's speech package.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    monkeypatch.delenv("ECHO_WORKER_LOAD", raising=False)
    echo = WorkerProcess("tests.speech.echo_worker", "echo worker")
    yield echo
    echo.stop()


def test_messages_and_payloads_go_both_ways_and_prints_stay_out_of_the_protocol(worker):
    assert worker.ensure_started(STARTUP_S) is True
    assert worker.ensure_started(STARTUP_S) is False  # already running: the same process
    payload = bytes(range(256)) * 40 + b"\n{not json}\n"
    worker.send({"cmd": "print"})
    worker.send({"cmd": "echo", "n": 1}, payload)
    worker.send({"cmd": "echo", "n": 2})
    assert worker.receive(STARTUP_S, "the print").header == {"printed": True}
    first = worker.receive(STARTUP_S, "the first echo")
    assert first.header == {"cmd": "echo", "n": 1, "bytes": len(payload)} and first.payload == payload
    second = worker.receive(STARTUP_S, "the second echo")
    assert second.header == {"cmd": "echo", "n": 2} and second.payload == b""
    assert worker.receive_nowait() is None


def test_a_failed_request_is_answered_with_the_error_and_the_worker_keeps_serving(worker):
    worker.ensure_started(STARTUP_S)
    pid = worker.pid
    worker.send({"cmd": "fail"})
    assert worker.receive(STARTUP_S, "the failure").header == {
        "error": "ValueError: this request cannot be served"}
    worker.send({"cmd": "echo"})
    assert worker.receive(STARTUP_S, "an echo").header == {"cmd": "echo"}
    assert worker.pid == pid and worker.running


def test_a_hung_worker_times_out_with_what_was_awaited_and_is_replaced(worker):
    worker.ensure_started(STARTUP_S)
    hung = worker.pid
    worker.send({"cmd": "hang"})
    with pytest.raises(WorkerTimeout, match=r"^the echo worker did not answer within 0\.2 s "
                                            r"\(waiting for the reply to hang\)$"):
        worker.receive(0.2, "the reply to hang")
    worker.kill()
    assert not worker.running
    assert worker.ensure_started(STARTUP_S) is True
    assert worker.pid != hung
    worker.send({"cmd": "echo"})
    assert worker.receive(STARTUP_S, "an echo").header == {"cmd": "echo"}


def test_a_worker_that_dies_says_how_and_stays_dead_until_started_again(worker):
    worker.ensure_started(STARTUP_S)
    worker.send({"cmd": "exit", "status": 3})
    message = r"the echo worker ended unexpectedly \(exit status 3: leaving with status 3\)"
    with pytest.raises(WorkerError, match=message):
        worker.receive(STARTUP_S, "an answer")
    with pytest.raises(WorkerError, match=message):
        worker.receive_nowait()
    with pytest.raises(WorkerError, match="the echo worker died"):
        worker.send({"cmd": "echo"})
    assert not worker.running
    assert worker.ensure_started(STARTUP_S) is True


def test_an_engine_that_cannot_load_is_reported_with_its_reason(worker, monkeypatch):
    monkeypatch.setenv("ECHO_WORKER_LOAD", "fail")
    with pytest.raises(WorkerError, match=r"^echo cannot start: FileNotFoundError: no echo model here$"):
        worker.ensure_started(STARTUP_S)
    assert not worker.running


def test_an_engine_that_never_loads_is_killed(worker, monkeypatch):
    monkeypatch.setenv("ECHO_WORKER_LOAD", "hang")
    with pytest.raises(WorkerTimeout,
                       match=r"did not answer within 0\.5 s \(waiting for its engine to load\)"):
        worker.ensure_started(0.5)
    assert not worker.running and worker.pid is None


def test_a_missing_python_is_a_clear_error(tmp_path):
    worker = WorkerProcess("tests.speech.echo_worker", "echo worker", python=str(tmp_path / "no-python"))
    with pytest.raises(WorkerError, match=r"^cannot start the echo worker: .*no-python"):
        worker.ensure_started(STARTUP_S)
    with pytest.raises(WorkerError, match="the echo worker is not running"):
        worker.send({"cmd": "echo"})


def test_stop_lets_the_worker_end_by_itself(worker):
    worker.ensure_started(STARTUP_S)
    process = worker._process
    assert process is not None
    worker.stop()
    assert process.returncode == 0  # it left its loop when its input closed; nothing was killed
    assert not worker.running
    worker.stop()  # nothing left to stop

