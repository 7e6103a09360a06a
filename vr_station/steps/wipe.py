"""The wipe: end the session, send its anonymous feedback, remove everything of the visitor.

Runs behind a black screen. Only when the session folder is gone does the flow return to the
attract loop, so the next visitor never meets anything of the previous one.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from vr_station.feedback_log import SessionFeedback
from vr_station.jobs import FILES
from vr_station.kiosk.flow import EndReason, Finish, KioskState
from vr_station.memory import release_free_memory
from vr_station.privacy import scratch_dir, wipe_scratch
from vr_station.session import VisitorSession
from vr_station.steps.base import Step

log = logging.getLogger(__name__)


def session_feedback(session: VisitorSession, station_id: str, language: str,
                     intent: str | None, occupation_id: str | None,
                     end_reason: EndReason) -> SessionFeedback:
    feedback = session.feedback
    return SessionFeedback(
        station_id=station_id,
        finished_at=datetime.now().strftime("%Y-%m-%dT%H"),
        language=language, intent=intent, occupation_id=occupation_id,
        end_reason=str(end_reason), rating=feedback.rating,
        worked=tuple(sorted(feedback.worked)), not_worked=tuple(sorted(feedback.not_worked)),
        comment=feedback.comment.strip(),
        seconds_by_step={k: round(v, 1) for k, v in session.seconds_by_step.items()},
        tour_stops_seen=session.tour_stops_seen, kept_report=session.pickup_code is not None)


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
            self.ctx.feedback.submit(session_feedback(
                session, self.ctx.config.station_id, flow.language,
                str(flow.intent) if flow.intent else None, flow.occupation_id,
                flow.end_reason or EndReason.COMPLETED))
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
