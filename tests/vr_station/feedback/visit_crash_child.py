"""Run as a child process: a visitor chooses a tour of the Koch workplace, then the station
process dies (SIGKILL, no clean-up of any kind) in the middle of the tour.

Prints the visit's session id first, so the test knows which visit to look for.
"""

from __future__ import annotations

import os
import signal

from tests.vr_station.station_fixtures import make_station
from vr_station.kiosk.flow import KioskState


def main() -> None:
    rig = make_station()
    station, visitor = rig.station, rig.visitor
    visitor.attract_and_menus()
    visitor.wait_state(KioskState.TOUR)
    # The note of the visit is written on the file lane: let it land, as any visit lasting
    # longer than a frame would.
    visitor.wait_until(lambda: not station.pending_work(), "the station's background work")
    assert station.session is not None
    print(station.session.session_id, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    main()
