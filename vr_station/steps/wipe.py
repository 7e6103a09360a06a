"""The wipe: end the session, send its anonymous feedback, remove everything of the visitor.

Runs behind a black screen. The record comes from ``feedback.visit.session_record``; this
step only submits it. Only when the session folder is gone does the flow return to the
attract loop, so the next visitor never meets anything of the previous one.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from vr_station.feedback.visit import session_record
from vr_station.jobs import FILES
from vr_station.kiosk.flow import Finish, KioskState
from vr_station.memory import release_free_memory
from vr_station.privacy import expire_kept_reports, scratch_dir, wipe_scratch
from vr_station.steps.base import Step

log = logging.getLogger(__name__)


def _wipe_and_trim(folder: Path) -> list[Path]:
    removed = wipe_scratch(folder)
    release_free_memory()
    return removed


class WipeStep(Step):
    """The wipe behind a black screen: submit the visit's record, forget the visitor, reset the station."""

    state = KioskState.WIPE
    offers_help = False  # a black screen of a second or two: nothing to press

    def enter(self) -> None:
        """Go black, stop all speech, submit the record once, forget the session and wipe its folder.

        The flow moves on once the folder is wiped (or the wipe failed, which is logged for staff).
        """
        super().enter()
        self.ctx.world.fader.black()
        self.ctx.speech.narrator.stop()
        self.ctx.speech.player.stop()
        self.ctx.speech.captions.clear()
        session, flow = self.ctx.session, self.ctx.flow
        if session is not None and flow is not None and not session.feedback_sent:
            session.feedback_sent = True
            record = session_record(session, flow, self.ctx.config.station_id, self.ctx.clock())
            if record is not None:
                self.ctx.visit.feedback.submit(record)
        if session is not None:
            session.forget()
        self.ctx.world.rig.reset()
        self.ctx.speech.volume.reset()
        folder = scratch_dir(self.ctx.config.paths.cache_dir)
        self.ctx.jobs.submit(FILES, "wipe", lambda: _wipe_and_trim(folder), on_done=self._wiped,
                             on_error=self._failed)
        # A station runs for months without a restart: unprinted kept reports expire here too.
        data_dir, days = self.ctx.config.paths.data_dir, self.ctx.config.kept_reports.retention_days
        self.ctx.jobs.submit(FILES, "expire-kept-reports",
                             lambda: expire_kept_reports(data_dir, days, datetime.now()))

    def _wiped(self, removed: list[Path]) -> None:
        log.info("session wiped (%d file(s) removed)", len(removed))
        self.ctx.send(Finish())

    def _failed(self, error: BaseException) -> None:
        log.error("could not wipe the session folder: %s (staff: delete %s by hand)", error,
                  scratch_dir(self.ctx.config.paths.cache_dir))
        self.ctx.send(Finish())
