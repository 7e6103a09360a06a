"""Build the station's heartbeat and help-call reporter from its parts (the one place that does)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from vr_station.config import CenterSettings
from vr_station.feedback.health_transport import HealthTransport, HttpsHealthTransport
from vr_station.feedback.help_queue import HELP_QUEUE_FILE
from vr_station.feedback.https_transport import TransportSetupError, read_token
from vr_station.feedback.sink import FeedbackSink, OutboxFeedback
from vr_station.feedback.station_health import DisplaySnapshot, HealthReporter, HelpState
from vr_station.interview.engine import EngineInterviews, ListeningSettings
from vr_station.kiosk.flow import KioskState

if TYPE_CHECKING:
    from vr_station.station import Station

log = logging.getLogger(__name__)


def health_transport(center: CenterSettings) -> HealthTransport | None:
    """The transport to the configured center; None (and a log line why) without one."""
    if not center.url or center.token_file is None:
        log.info("station health: no center configured (center.url, center.token_file): "
                 "heartbeats and help calls stay on this station")
        return None
    try:
        return HttpsHealthTransport(center.url, read_token(center.token_file),
                                    ca_file=center.ca_file, proxy=center.proxy)
    except TransportSetupError as exc:
        log.warning("station health: %s", exc)
        return None


def health_reporter(station: Station, feedback: FeedbackSink,
                    on_change: Callable[[HelpState], None]) -> HealthReporter:
    """The reporter for ``station``: its display, microphone, outbox and center."""
    config = station.config
    display = station.display
    listening = ListeningSettings.from_profile(station.profile)
    stand_in = station.parts.microphone is not None

    def snapshot() -> DisplaySnapshot:
        return DisplaySnapshot(display.name,
                               str(display.state()) if display.name == "xr" else "none")

    def between_visits() -> bool:
        flow = getattr(station, "flow", None)
        return flow is not None and flow.state is KioskState.ATTRACT

    def microphone_present() -> bool:  # on the heartbeat's job lane: it may open the device
        interviews = getattr(station, "interviews", None)  # made after the reporter
        # Went away during a visit (PortAudio's device list may still name it). Between visitors
        # nothing opens it, so nothing would see it come back and staff would be told 'absent'
        # until the next visitor: the heartbeat tries it. During a visit the visit's own source
        # or step looks for it (two openers would race for the device).
        if isinstance(interviews, EngineInterviews) and not interviews.microphone_status.present \
                and (not between_visits() or not interviews.try_microphone()):
            return False
        if stand_in:  # the entry point handed in its own source (the demo's, a test's)
            return True
        from speech.devices import AudioDeviceError, find_device

        try:
            find_device("input", listening.microphone_device)
        except AudioDeviceError:
            return False
        return True

    def outbox_pending() -> int:
        outbox = feedback.outbox if isinstance(feedback, OutboxFeedback) else None
        return outbox.status().pending if outbox is not None else 0

    return HealthReporter(
        config.station_id, station.jobs, transport=lambda: health_transport(config.center),
        queue_path=config.paths.data_dir / HELP_QUEUE_FILE, content_dir=config.paths.content_dir,
        display=snapshot, microphone_present=microphone_present, outbox_pending=outbox_pending,
        on_change=on_change, content_version=station.parts.content_version)
