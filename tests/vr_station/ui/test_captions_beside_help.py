"""The caption bar keeps clear of the "Hilfe holen" button while it follows the head (issue 15).

The bar follows the head lazily in yaw; the help button stands fixed in the step's frame in the
``help`` zone, right beside the captions zone. On a real station (real offscreen rendering) the
head sweeps across and beyond the comfortable range, the bar settles after each turn (counted in
frames of the station's clock), and the bar's and the real button's corners are projected into
the eye, as the layout tests do.

Measured on the German tour's last screen (75 settled poses: 0…60…−60…0° in 10° turns at
pitches −30°, 0°, 15°): without the help zone (before issue 15) the bar rested within the
zones' 1° gap of the button at 18 poses; with it at none. It glides (at most 4° a frame at
30 fps, the follow speed) rather than jumps, so while it changes sides it crosses the button:
72 of 271 frames, six crossings (each way at each pitch) of about 12 frames (0.4 s).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from panda3d.core import Point3

from tests.vr_station.rendering import seen_from
from vr_station.ui.captions import FOLLOW_SPEED_DEG_S
from vr_station.ui.layout import GAP_DEG, ZONES, Arrangement, Reserved, ViewRect

SWEEP_DEG = [*range(0, 61, 5), *range(55, -61, -5), *range(-55, 1, 5)]
"""Out to 60° left, across to 60° right and back: both ways past the button, in 5° turns."""
STATION_SWEEP_DEG = SWEEP_DEG[::2]
"""The same in 10° turns, on the whole station (each frame rendered)."""
PITCHES_DEG = (-30.0, 0.0, 15.0)
SETTLE_FRAMES = 90
"""3 s of the station's clock: the bar catches up 120° in 1 s (``FOLLOW_SPEED_DEG_S``)."""


@dataclass
class Sweep:
    poses: int = 0
    too_close: list[str] = field(default_factory=list)
    """Settled poses where the bar came within ``GAP_DEG`` of the button."""
    frames: int = 0
    frames_too_close: int = 0
    """Frames (while settling too) where the bar came within ``GAP_DEG`` of the button."""
    largest_step_deg: float = 0.0
    """The most the bar turned from one frame to the next (a glide stays within the follow
    speed; a teleport does not)."""


def _apart(view: ViewRect, other: ViewRect) -> bool:
    """Whether ``GAP_DEG`` (less a rounding allowance) lies between the two regions."""
    grown = ViewRect(view.left_deg + GAP_DEG - 0.05, view.right_deg - GAP_DEG + 0.05,
                     view.top_deg + GAP_DEG - 0.05, view.bottom_deg - GAP_DEG + 0.05)
    return not grown.overlaps(other)


def sweep(rig) -> Sweep:
    """Turn the head through ``SWEEP_DEG`` at each of ``PITCHES_DEG`` with a caption shown."""
    from tests.vr_station.test_layout_steps import _corners, _view
    from vr_station.ui.help_button import HELP_TARGET

    station, visitor = rig.station, rig.visitor
    step = station.step
    render = station.base.render
    bar = station.captions
    result = Sweep()

    def measure() -> tuple[bool, float]:
        head = station.rig.head.getPos(render)
        seen = _view(step.stage, head, render,
                     _corners(bar.root, render, bar._width_m / 2, bar._height_m / 2))
        target = station.targets_by_id().get(HELP_TARGET)
        assert target is not None, "the help button was chosen (a gaze dwell?) during the sweep"
        rect = target.rect
        button = _view(step.stage, head, render, [
            Point3(*(c + sx * rect.half_width_m * r + sz * rect.half_height_m * u
                     for c, r, u in zip(rect.center, rect.right, rect.up, strict=True)))
            for sx in (-1, 1) for sz in (-1, 1)])
        return _apart(seen, button), (seen.left_deg + seen.right_deg) / 2

    for pitch in PITCHES_DEG:
        station.captions.recentre()
        visitor.look_ahead(0.0, pitch)
        last_yaw: float | None = None
        for yaw in STATION_SWEEP_DEG:
            visitor.look_ahead(yaw, pitch)
            bar.show_live("Rundgang", "Schauen Sie sich in Ruhe um: hinten ist die Herdzeile.")
            before = bar.root.getPos(render)
            for _ in range(SETTLE_FRAMES):
                visitor.frame()
                assert bar.text, "the caption was taken away during the sweep"
                apart, centre = measure()
                result.frames += 1
                result.frames_too_close += not apart
                if last_yaw is not None:
                    result.largest_step_deg = max(result.largest_step_deg,
                                                  abs(centre - last_yaw))
                last_yaw = centre
                now = bar.root.getPos(render)
                if (now - before).length() < 1e-6 and not bar._catching_up:
                    break  # neither following the head nor gliding to its place
                before = now
            else:
                raise AssertionError(f"the bar still moved after {SETTLE_FRAMES} frames "
                                     f"(head yaw {yaw}°, pitch {pitch}°)")
            result.poses += 1
            if not apart:
                result.too_close.append(f"head yaw {yaw}°, pitch {pitch}°")
    return result


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_the_following_caption_bar_settles_clear_of_the_help_button():
    """The tour's last screen (the button and captions in their usual zones), a caption shown,
    the head turned 60° either way: wherever it comes to rest, the bar keeps the zones' gap from
    the button, and it glides there (never more than the follow speed allows in a frame)."""
    from tests.vr_station.station_fixtures import make_station
    from vr_station.demo import FRAME_S
    from vr_station.kiosk.flow import KioskState
    from vr_station.steps.tour import TourStep

    rig = make_station()
    try:
        rig.visitor.attract_and_menus()
        rig.visitor.wait_state(KioskState.TOUR)
        step = rig.station.step
        assert isinstance(step, TourStep)
        while not step.done:
            rig.visitor.click("next")
            rig.visitor.settle(0.3)
        # As before issue 15: the station hands the bar no help zone.
        step.help_reserved = lambda: None  # type: ignore[method-assign]
        unguarded = sweep(rig)
        del step.help_reserved
        result = sweep(rig)
    finally:
        rig.close()
    summary = "; ".join(
        f"{name}: {len(r.too_close)} of {r.poses} settled poses within {GAP_DEG}° of the help "
        f"button, {r.frames_too_close} of {r.frames} frames, largest turn in a frame "
        f"{r.largest_step_deg:.1f}°" for name, r in (("no help zone", unguarded),
                                                     ("help zone", result)))
    print(f"\n{summary}")
    assert unguarded.too_close, f"the check would not have seen the old overlap ({summary})"
    assert not result.too_close, summary + "\n" + "\n".join(result.too_close)
    # The bar's centre seen from the eye moves by at most the follow speed per frame (plus the
    # small difference a bar's projected centre makes when its pitch stays and its yaw turns).
    assert result.largest_step_deg <= FOLLOW_SPEED_DEG_S * FRAME_S + 0.5, \
        f"the bar jumped {result.largest_step_deg:.1f}° in one frame"


@pytest.fixture
def bar_scene():
    """The real caption bar on a real headless ShowBase, a seated visitor's head."""
    from vr_station.display.headless import HeadlessDisplay
    from vr_station.display.settings import DisplaySettings
    from vr_station.ui.captions import CaptionBar
    from vr_station.ui.fonts import load_fonts
    from vr_station.ui.panel import UiKit
    from vr_station.ui.theme import Theme

    display = HeadlessDisplay(DisplaySettings(size_px=(320, 180), multisamples=0))
    base = display.open()
    head = base.render.attachNewNode("head")
    head.setPos(0, 0, 1.2)
    captions = CaptionBar(UiKit(load_fonts(), Theme()), base.render, head)
    yield base, head, captions
    captions.destroy()
    display.close()


@pytest.mark.parametrize("arrangement", list(Arrangement))
@pytest.mark.parametrize("heading", [90.0])
def test_the_bar_rests_beside_the_help_zone_and_glides_there(bar_scene, arrangement, heading):
    """Every arrangement, its help zone reserved in a step turned aside (``heading``, so that
    the step's frame is not the world's): the head
    sweeps 60° either way; at rest the bar keeps the zones' gap from the help zone and within
    the follow's reach of the head, and from frame to frame it turns no faster than it follows."""
    from vr_station.ui.captions import FOLLOW_BEYOND_DEG

    base, head, bar = bar_scene
    zones = ZONES[arrangement]
    bar.place_in(zones["captions"])
    bar.show_live("Rundgang", "Schauen Sie sich in Ruhe um: hinten ist die Herdzeile.")
    help_area = zones["help"].area
    captions_area = zones["captions"].area
    reserved = Reserved(heading, help_area)
    dt = 1 / 30
    now = 0.0
    problems = []
    for pitch in (-30.0, 15.0):  # the bar keeps its pitch whatever the head's
        bar.recentre()
        last: float | None = None
        for yaw in SWEEP_DEG:
            head.setHpr(heading + yaw, pitch, 0)
            for _ in range(SETTLE_FRAMES):
                before = bar.root.getH()
                now += dt
                bar.update(now, dt, reserved)
                turned = abs((bar.root.getH() - before + 180.0) % 360.0 - 180.0)
                if last is not None:
                    assert turned <= FOLLOW_SPEED_DEG_S * dt + 1e-3, \
                        f"the bar jumped {turned:.1f}° in a frame (head yaw {yaw}°)"
                last = bar.root.getH()
                if turned < 1e-6 and not bar._catching_up:
                    break  # neither following the head nor gliding to its place
            else:
                raise AssertionError(f"the bar still moved after {SETTLE_FRAMES} frames "
                                     f"(head yaw {yaw}°, pitch {pitch}°)")
            seen = seen_from(head, base.render, bar.root, bar._width_m, bar._height_m)
            seen = ViewRect(seen.left_deg - heading, seen.right_deg - heading, seen.top_deg,
                            seen.bottom_deg)
            if not _apart(seen, help_area):
                problems.append(f"head yaw {yaw}°, pitch {pitch}°: bar {seen} by {help_area}")
            middle = (seen.left_deg + seen.right_deg - captions_area.left_deg
                      - captions_area.right_deg) / 2  # from the zone's own middle
            assert abs(middle - yaw) <= FOLLOW_BEYOND_DEG + 0.5, \
                f"head yaw {yaw}°: the bar rests at {middle:.1f}°, out of the follow's reach"
    assert not problems, "\n".join(problems)
