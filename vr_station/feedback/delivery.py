"""Build the station's feedback delivery from its configuration (the one place that does)."""

from __future__ import annotations

import logging
from pathlib import Path

from vr_station.config import CenterSettings, StationConfig
from vr_station.feedback.backoff import Backoff
from vr_station.feedback.https_transport import HttpsTransport, TransportSetupError, read_token
from vr_station.feedback.outbox import OUTBOX_FILE, Outbox
from vr_station.feedback.sender import DEFAULT_BACKOFF, BackgroundSender, Courier

log = logging.getLogger(__name__)


def outbox_path(config: StationConfig) -> Path:
    """Where this station's outbox database lies: its data directory."""
    return config.paths.data_dir / OUTBOX_FILE


def open_outbox(config: StationConfig) -> Outbox:
    """Open (or create) this station's outbox; OutboxError when the disk refuses."""
    return Outbox(outbox_path(config))


def https_transport(center: CenterSettings) -> HttpsTransport:
    """The transport to the configured center; TransportSetupError says what is missing."""
    if not center.url:
        raise TransportSetupError("no center configured (center.url): feedback stays on this "
                                  "station")
    if center.token_file is None:
        raise TransportSetupError("center.token_file is not set: the center needs this station's "
                                  "token ('vr-center stations add NAME' prints one)")
    return HttpsTransport(center.url, read_token(center.token_file), ca_file=center.ca_file,
                          proxy=center.proxy)


def start_delivery(config: StationConfig, outbox: Outbox,
                   backoff: Backoff = DEFAULT_BACKOFF) -> BackgroundSender | None:
    """Start sending ``outbox`` to the center in the background.

    None (and a log line saying why) when the center is not set up. Records stay in the outbox
    either way.
    """
    try:
        transport = https_transport(config.center)
    except TransportSetupError as exc:
        log.warning("feedback: %s", exc)
        return None
    sender = BackgroundSender(Courier(outbox, transport), backoff)
    sender.start()
    return sender
