"""The quick-check step on a real offscreen station: the panel is drawn, its buttons advance
the kiosk flow, the test sentence goes through the narrator at the session's volume, and
standing/seated moves the camera by what the station profile says."""

from __future__ import annotations

from pathlib import Path

import pytest

from calibration.body import Posture
from calibration.profile import HeadsetProfile, SpeakerProfile, StationProfile
from calibration.quick_check import HEARING_TIMEOUT_S
from tests.vr_station import station_fixtures as fixtures
from tests.vr_station.rendering import colour_near, on_screen, pixels
from tests.vr_station.station_fixtures import Rig, make_station
from vr_station.display.settings import SEATED_EYE_HEIGHT_M
from vr_station.kiosk.flow import KioskState
from vr_station.steps.quick_check import QuickCheckStep

S = KioskState


def texts_under(node) -> list[str]:
    return [n.getTag("text") for n in node.findAllMatches("**/=text")]


def to_quick_check(rig: Rig, language: str = "de") -> QuickCheckStep:
    fixtures.to_quick_check(rig, language)
    rig.visitor.settle()
    step = rig.station.step
    assert isinstance(step, QuickCheckStep)
    return step


def wait_for_button(rig: Rig, target_id: str) -> None:
    station = rig.station
    rig.visitor.wait_until(lambda: target_id in station.targets_by_id()
                           and not station.pending_work(), f"the button {target_id}")


def to_a_tour(rig: Rig) -> None:
    station, visitor = rig.station, rig.visitor
    visitor.click("explore")
    visitor.wait_state(S.OCCUPATION)
    visitor.click(next(t for t in sorted(station.targets_by_id()) if t.startswith("occupation:")))
    visitor.wait_state(S.TOUR)


def camera_z(rig: Rig) -> float:
    return rig.station.base.camera.getZ(rig.station.base.render)


@pytest.fixture
def spoken(monkeypatch):
    """Records every text the station's synthesizer is asked to speak."""
    said: list[str] = []

    def record(station):
        synthesizer = station.speech
        original = synthesizer.synthesize

        def synthesize(text, voices, rate_wpm):
            said.append(text)
            return original(text, voices, rate_wpm)

        monkeypatch.setattr(synthesizer, "synthesize", synthesize)
        return said

    return record


def test_the_panel_is_drawn_and_two_presses_lead_to_the_menu(tmp_path: Path, spoken):
    rig = make_station(size_px=(640, 360))
    try:
        station, visitor = rig.station, rig.visitor
        said = spoken(station)
        step = to_quick_check(rig)
        visitor.look_at_panel("quick-check")
        visitor.wait(0.3)
        rig.display.screenshot(tmp_path / "quick-check-height.png")
        shown = texts_under(station.base.render)
        assert "Stehen Sie bequem?" in shown and "Passt so" in shown
        assert "Ansicht ausrichten" in shown and "im Sitzen" in shown
        image = pixels(station.base)
        colours = station.theme.colours
        panel = next(p for p in step.panels() if p.name == "quick-check")
        render = station.base.render
        corner = render.getRelativePoint(panel.root, (-panel.width_m / 2 + 0.03, 0,
                                                      -panel.height_m / 2 + 0.02))
        assert colour_near(image, on_screen(station.base, tuple(corner)), colours.panel)
        confirm = station.targets_by_id()["confirm"].rect
        edge = tuple(c - r * confirm.half_width_m * 0.8
                     for c, r in zip(confirm.center, confirm.right, strict=True))
        assert colour_near(image, on_screen(station.base, edge), colours.accent), \
            "the one primary button, amber"

        visitor.click("confirm")
        wait_for_button(rig, "yes")
        assert "Können Sie mich hören?" in texts_under(station.base.render)
        visitor.wait_until(lambda: bool(said), "the test sentence")
        assert said == ["Guten Tag, schön, dass Sie da sind! Können Sie mich gut hören?"]
        assert not station.captions.text, "no captions: they would answer the question"
        rig.display.screenshot(tmp_path / "quick-check-hearing.png")
        visitor.click("yes")
        visitor.wait_until(lambda: "Alles bereit" in texts_under(station.base.render),
                           "the thank-you line")
        visitor.wait_state(S.MENU)
        assert [str(t.new) for t in station.transitions] == ["language", "quick_check", "menu"]
        assert station.flow.context.checked
        assert station.volume.percent == 80.0
    finally:
        rig.close()


def test_no_louder_speaks_again_louder_within_the_stations_limit(spoken):
    profile = StationProfile(speaker=SpeakerProfile(volume_percent=40.0, max_volume_percent=90.0))
    rig = make_station(profile=profile)
    try:
        station, visitor = rig.station, rig.visitor
        said = spoken(station)
        assert station.volume.percent == 40.0
        to_quick_check(rig)
        visitor.click("confirm")
        wait_for_button(rig, "no")
        volumes = [station.volume.percent]
        for _ in range(2):
            visitor.click("no")
            visitor.wait_until(lambda: not station.pending_work(), "the louder sentence")
            volumes.append(station.volume.percent)
        assert volumes == [40.0, 79.8, 90.0]
        assert len(said) == 3 and len(set(said)) == 1, "the same sentence, three times"
        assert "Ich spreche jetzt so laut wie möglich. Verstehen Sie mich jetzt?" \
            in texts_under(station.base.render)
        assert "Nein, leider nicht" in texts_under(station.base.render)
        visitor.click("yes")
        visitor.wait_state(S.MENU)
        assert station.volume.percent == 90.0, "the session keeps the volume it confirmed"
        station.base.messenger.send("f5")
        visitor.wait_state(S.ATTRACT)
        assert station.volume.percent == 40.0, "the next visitor starts at the station's"
    finally:
        rig.close()


def test_silence_repeats_the_sentence_then_offers_captions_and_staff(spoken, caplog):
    rig = make_station()
    try:
        station, visitor = rig.station, rig.visitor
        said = spoken(station)
        to_quick_check(rig)
        visitor.click("confirm")
        wait_for_button(rig, "yes")
        visitor.wait_until(lambda: "continue" in station.targets_by_id(),
                           "the check to give up", timeout_s=4 * (HEARING_TIMEOUT_S + 5))
        assert len(said) == 3
        assert any("Alles, was gesprochen wird, sehen Sie auch als Text" in t
                   for t in texts_under(station.base.render))
        assert "could not confirm hearing" in caplog.text
        assert station.state is S.QUICK_CHECK, "waits for the visitor to read it"
        visitor.click("continue")
        visitor.wait_state(S.MENU)
    finally:
        rig.close()


def test_the_seated_toggle_lowers_the_camera_by_the_profiles_difference_and_lifts_the_tour():
    profile = StationProfile(headset=HeadsetProfile(standing_eye_height_m=1.72))
    rig = make_station(profile=profile)
    try:
        station, visitor = rig.station, rig.visitor
        to_quick_check(rig)
        standing = camera_z(rig)
        assert standing == pytest.approx(1.72)
        visitor.click("posture:seated")
        visitor.wait(0.2)
        assert standing - camera_z(rig) == pytest.approx(1.72 - SEATED_EYE_HEIGHT_M)
        assert "Sitzen Sie bequem?" in texts_under(station.base.render)
        assert station.targets_by_id()["confirm"], "the panel moved down with the eyes"
        visitor.click("confirm")
        wait_for_button(rig, "yes")
        visitor.click("yes")
        visitor.wait_state(S.MENU)
        assert station.rig.posture is Posture.SEATED
        assert station.session is not None and station.session.posture is Posture.SEATED
        station.base.messenger.send("f10")  # staff: standing
        visitor.wait(0.2)
        assert camera_z(rig) == pytest.approx(1.72)
        station.base.messenger.send("f10")  # and seated again
        visitor.wait(0.2)
        assert camera_z(rig) == pytest.approx(SEATED_EYE_HEIGHT_M)
        step = station.step
        assert step is not None
        seated_chip = next(p for p in step.panels() if "posture:seated" in p.buttons)
        assert seated_chip.buttons["posture:seated"].selected
        to_a_tour(rig)
        assert camera_z(rig) == pytest.approx(1.72), "seated: workplaces at standing eye height"
    finally:
        rig.close()


def test_a_tracked_seated_visitor_sees_their_eye_height_and_is_lifted_by_the_measured_amount(
        tmp_path: Path):
    """A headset's tracking, emulated on the headless display: the test holds the head where
    a runtime would report a seated visitor's eyes (1.10 m in tracking space)."""
    profile = StationProfile(headset=HeadsetProfile(floor_offset_m=0.05,
                                                    standing_eye_height_m=1.60))
    rig = make_station(profile=profile, size_px=(640, 360))
    try:
        station, visitor, display = rig.station, rig.visitor, rig.display
        station.rig.tracks_head = True
        station.rig.floor_offset_m = 0.05
        station.rig.use_natural_height()
        assert display.head is not None
        display.head.setZ(1.55)  # standing while putting the headset on
        step = to_quick_check(rig)
        visitor.wait(1.0)
        assert "Ihre Augenhöhe: 1,60 m" in texts_under(station.base.render)
        assert "Stehen Sie bequem?" in texts_under(station.base.render)
        standing_panel_z = step.panels()[0].root.getZ(station.base.render)
        display.head.setZ(1.10)  # sits down
        visitor.wait(1.0)
        assert step.panels()[0].root.getZ(station.base.render) == pytest.approx(
            standing_panel_z - 0.45, abs=0.01), "the panel follows the eyes down"
        visitor.look_at_panel("quick-check")
        visitor.wait(0.3)
        shown = texts_under(station.base.render)
        assert "Ihre Augenhöhe: 1,15 m" in shown and "Sitzen Sie bequem?" in shown
        assert any("heben wir Ihren Blick auf 1,60 m an" in t for t in shown)
        rig.display.screenshot(tmp_path / "quick-check-tracked.png")
        visitor.click("confirm")
        assert station.rig.posture is Posture.SEATED
        assert station.rig.measured_eye_height_m == pytest.approx(1.15, abs=0.005)
        wait_for_button(rig, "yes")
        visitor.click("yes")
        visitor.wait_state(S.MENU)
        assert camera_z(rig) == pytest.approx(1.15, abs=0.005), "menus: the real eye height"
        to_a_tour(rig)
        assert station.rig.lift_m() == pytest.approx(0.45, abs=0.005)
        assert camera_z(rig) == pytest.approx(1.60, abs=0.005)
    finally:
        rig.close()


def test_recentre_by_button_and_by_staff_key_brings_the_panel_back_in_front():
    rig = make_station()
    try:
        station, visitor, display = rig.station, rig.visitor, rig.display
        step = to_quick_check(rig)
        render = station.base.render
        stage_h = step.stage.getH(render)
        for press in ("f9", "recentre"):
            assert display.head is not None
            display.set_head_hpr(display.head.getH() + 110.0)  # turned on their chair
            visitor.wait(0.2)
            assert "confirm" not in visible_targets(rig)
            if press == "f9":
                station.base.messenger.send("f9")
            else:
                visitor.click("recentre")  # pointing behind them with the controller
            visitor.wait(0.2)
            turned = (station.rig.head.getH(render) - stage_h + 180.0) % 360.0 - 180.0
            assert turned == pytest.approx(0.0, abs=0.01), "facing the way the panel faces"
            assert "confirm" in visible_targets(rig), press
    finally:
        rig.close()


def visible_targets(rig: Rig) -> set[str]:
    """Targets in front of the camera and within its view (``on_screen`` alone would also
    take points behind it, which project into the picture mirrored)."""
    from panda3d.core import Point3

    base = rig.station.base
    step = rig.station.step
    assert step is not None
    return {t.id for t in step.targets()
            if base.cam.getRelativePoint(base.render, Point3(*t.rect.center)).y > 0
            and on_screen(base, t.rect.center) is not None}
