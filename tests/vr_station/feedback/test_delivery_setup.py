"""Building the delivery from the station's configuration."""

from __future__ import annotations

import logging

import pytest

from vr_station.config import load_config
from vr_station.feedback import open_outbox, outbox_path, start_delivery
from vr_station.feedback.delivery import https_transport
from vr_station.feedback.https_transport import TransportSetupError
from vr_station.feedback.sender import SenderState


def test_without_a_center_records_stay_on_the_station(caplog):
    config = load_config()
    assert outbox_path(config) == config.paths.data_dir / "outbox.sqlite3"
    with open_outbox(config) as outbox, caplog.at_level(logging.WARNING):
        assert start_delivery(config, outbox) is None
    assert "no center configured (center.url): feedback stays on this station" in caplog.text


def test_a_missing_token_file_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv("VR_STATION_CENTER_URL", "https://center.example")
    with pytest.raises(TransportSetupError, match=r"center\.token_file is not set"):
        https_transport(load_config().center)
    monkeypatch.setenv("VR_STATION_CENTER_TOKEN_FILE", str(tmp_path / "token"))
    with pytest.raises(TransportSetupError, match="token file not found"):
        https_transport(load_config().center)


def test_a_configured_center_starts_the_sender_and_stop_ends_it(monkeypatch, tmp_path):
    (tmp_path / "token").write_text("vrc_test\n")
    monkeypatch.setenv("VR_STATION_CENTER_URL", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("VR_STATION_CENTER_TOKEN_FILE", str(tmp_path / "token"))
    config = load_config()
    with open_outbox(config) as outbox:
        sender = start_delivery(config, outbox)
        assert sender is not None
        sender.stop()
        assert sender.state is SenderState.STOPPED
