"""The wipe: end the session, send its anonymous feedback, remove everything of the visitor.

Runs behind a black screen. Only when the session folder is gone does the flow return to the
attract loop, so the next visitor never meets anything of the previous one.
"""

from __future__ import annotations

import logging
from pathlib import Path

from visit_record.record import RecordError, SessionRecord
from vr_station.feedback.visit import interview_summary, visit_record
from vr_station.jobs import FILES
from vr_station.kiosk.flow import EndReason, Finish, FlowContext, KioskState
from vr_station.memory import release_free_memory
from vr_station.privacy import scratch_dir, wipe_scratch
from vr_station.session import VisitorSession
from vr_station.steps.base import Step

log = logging.getLogger(__name__)


def session_record(session: VisitorSession, flow: FlowContext, station_id: str,
                   now_s: float) -> SessionRecord | None:
    """The anonymous record of the visit that ends now; None when there is nothing to count or
    the record cannot be made (logged: the visit must still end and be wiped)."""
    try:
        return visit_record(
            session_id=session.session_id, station_id=station_id, started_at=session.started_at,
            duration_s=now_s - session.started_s, intent=flow.intent,
            occupation_id=flow.occupation_id, language=flow.language,
            end_reason=flow.end_reason or EndReason.COMPLETED, feedback=session.feedback,
            interview=interview_summary(session.report) if session.report else None)
    except RecordError as exc:
        log.error("feedback of session %s dropped, the record is invalid: %s",
                  session.session_id, exc)
        return None


def _wipe_and_trim(folder: Path) -> list[Path]:
    removed = wipe_scratch(folder)
    release_free_memory()
    return removed


class WipeStep(Step):
    state = KioskState.WIPE

    def enter(self) -> None:
        super().enter()
        self.ctx.fader.black()
        self.ctx.narrator.stop()
        self.ctx.player.stop()
        self.ctx.captions.clear()
        session, flow = self.ctx.session, self.ctx.flow
        if session is not None and flow is not None and not session.feedback_sent:
            session.feedback_sent = True
            record = session_record(session, flow, self.ctx.config.station_id, self.ctx.clock())
            if record is not None:
                self.ctx.feedback.submit(record)
        if session is not None:
            session.forget()
        self.ctx.rig.reset()
        self.ctx.volume.reset()
        folder = scratch_dir(self.ctx.config.paths.cache_dir)
        self.ctx.jobs.submit(FILES, "wipe", lambda: _wipe_and_trim(folder), on_done=self._wiped,
                             on_error=self._failed)

    def _wiped(self, removed: list[Path]) -> None:
        log.info("session wiped (%d file(s) removed)", len(removed))
        self.ctx.send(Finish())

    def _failed(self, error: BaseException) -> None:
        log.error("could not wipe the session folder: %s (staff: delete %s by hand)", error,
                  scratch_dir(self.ctx.config.paths.cache_dir))
        self.ctx.send(Finish())
