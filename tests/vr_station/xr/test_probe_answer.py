"""``--mode auto`` reads the probe's answer even when the runtime logs to stdout too."""

from __future__ import annotations

from vr_station.modes import _last_json_object


def test_answer_found_among_runtime_log_lines() -> None:
    out = ('LOG in xrCreateInstance: Instance created\n{"ok": true, "runtime": "Monado", "system": "HMD"}\n'
           "\tcreateInfo->applicationInfo.apiVersion: 1.0.0\n{not json\n")
    assert _last_json_object(out) == {"ok": True, "runtime": "Monado", "system": "HMD"}


def test_no_answer() -> None:
    assert _last_json_object("Segmentation fault\n") == {}
    assert _last_json_object('{"other": 1}\n') == {}
