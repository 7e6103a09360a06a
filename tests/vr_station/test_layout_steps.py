"""Every kiosk screen, in every visitor language of the content, standing and seated, on a
real offscreen station: the panels' and the caption bar's corners, taken from the Panda3D scene
graph after the frame was rendered and projected into the visitor's eye, must lie in the
comfortable view (``ui.layout.COMFORT``) and never overlap each other, and no text may reach
past its card's padding. Set ``LAYOUT_SHOTS=DIR`` to also save a screenshot of each screen (the gallery in
docs/layout/ was made so).

The visitor walks the demo's path (tour of Koch, every stop, a hotspot, the interview with a
typed or spoken first answer, the report kept, feedback with a comment) by choosing buttons
with the controller; the speech is the tone stand-in, so the run is short.
"""

from __future__ import annotations

import math
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from panda3d.core import NodePath, Point3

from calibration import StationProfile
from catalog import load_catalog
from speech.whisper_recognizer import whisper_supports
from tests.conftest import CONTENT
from tests.vr_station.station_fixtures import Rig, make_station, skip_to
from vr_station.kiosk.flow import KioskState
from vr_station.steps.interview import InterviewStep
from vr_station.steps.tour import TourStep
from vr_station.ui.help_button import HELP_TARGET, MIN_TARGET_DEG
from vr_station.ui.keyboard_layouts import layout_for
from vr_station.ui.layout import COMFORT, GAP_DEG, ViewRect

S = KioskState
TOLERANCE_DEG = 0.3
"""Projection of a panel turned to face the eye is not exactly its flat angular size."""
MIN_GAP_DEG = GAP_DEG / 2
"""Panels in neighbouring zones keep at least this far apart (the zones are ``GAP_DEG`` apart;
a panel turned to face the eye may reach ``TOLERANCE_DEG`` past its zone's flat edge). The
overlap check alone let a Russian facts panel, too tall for its zone, reach 0.4° into the
captions' zone (its bar seemed to touch the panel's lower left corner)."""
TEXT_MARGIN_M = 0.02
"""Text keeps at least this far from its card's edge (the card's padding is 0.07 m)."""
OCCUPATION = "koch"
"""The most facts: a list longer than one page."""
SHOTS = os.environ.get("LAYOUT_SHOTS")
KNOWN_OVERFLOWS: set[tuple[str, str]] = set()
"""Screens whose content is still larger than its zone even at the minimum text size: (screen,
panel) pairs reported, not failed. Empty since the typed answer, the feedback chips and the
occupation list page within their zones (issue 15); add an entry only with an issue to fix it."""

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]


@dataclass
class Screen:
    name: str
    problems: list[str] = field(default_factory=list)
    views: dict[str, ViewRect] = field(default_factory=dict)
    """Where each panel and the caption bar were seen (for the gaps between them)."""


def gap_deg(a: ViewRect, b: ViewRect) -> float:
    """How far apart two regions are, in degrees: the larger of their sideways and vertical
    gaps (negative: they overlap by that much)."""
    sideways = max(b.right_deg - a.left_deg, a.right_deg - b.left_deg)
    vertical = max(b.bottom_deg - a.top_deg, a.bottom_deg - b.top_deg)
    return max(sideways, vertical)


def _view(stage: NodePath, head: Point3, render: NodePath, points: list[Point3]) -> ViewRect:
    """The angular bounding box of ``points`` (world) seen from ``head``, relative to the stage's
    heading: yaw + left, pitch + up, degrees."""
    yaws, pitches = [], []
    for point in points:
        v = stage.getRelativeVector(render, point - head)
        yaws.append(math.degrees(math.atan2(-v[0], v[1])))
        pitches.append(math.degrees(math.atan2(v[2], math.hypot(v[0], v[1]))))
    return ViewRect(max(yaws), min(yaws), max(pitches), min(pitches))


def _corners(node: NodePath, render: NodePath, half_w: float, half_h: float,
             centre: tuple[float, float] = (0.0, 0.0)) -> list[Point3]:
    cx, cz = centre
    return [render.getRelativePoint(node, Point3(cx + x, 0, cz + z))
            for x in (-half_w, 0, half_w) for z in (-half_h, 0, half_h)]


def measure(rig: Rig, name: str) -> Screen:
    """The problems of the screen shown now (after one more rendered frame)."""
    station = rig.station
    rig.visitor.frame()
    screen = Screen(f"{station.state}:{name}")
    if SHOTS:
        rig.display.screenshot(Path(SHOTS) / f"{_shot_index()}-{screen.name.replace(':', '-')}.png")
    step = station.step
    assert step is not None and step.stage is not None
    render = station.base.render
    head = station.rig.head.getPos(render)
    views: dict[str, ViewRect] = {}
    for panel in step.panels():
        if panel.root.isHidden() or panel.root.isEmpty():
            continue
        view = _view(step.stage, head, render,
                     _corners(panel.root, render, panel.width_m / 2, panel.height_m / 2))
        views[panel.name] = view
        for text in panel.root.findAllMatches("**/+TextNode"):
            if text.isHidden() or not text.node().getText().strip():
                continue
            low, high = text.getTightBounds(panel.root)
            if (abs(low[0]) > panel.width_m / 2 - TEXT_MARGIN_M
                    or abs(high[0]) > panel.width_m / 2 - TEXT_MARGIN_M
                    or abs(low[2]) > panel.height_m / 2 - TEXT_MARGIN_M / 2
                    or abs(high[2]) > panel.height_m / 2 - TEXT_MARGIN_M / 2):
                screen.problems.append(f"text {text.node().getText()[:30]!r} reaches the edge "
                                       f"of panel {panel.name!r}")
    captions = station.captions.root
    cards = [c for c in captions.findAllMatches("**/card") if not c.isHidden()]
    if not captions.isHidden() and cards:
        low, high = cards[0].getTightBounds(captions)  # the card shown (others are cached)
        views["captions"] = _view(step.stage, head, render, _corners(
            captions, render, (high[0] - low[0]) / 2, (high[2] - low[2]) / 2,
            ((high[0] + low[0]) / 2, (high[2] + low[2]) / 2)))
    help_button = station.targets_by_id().get(HELP_TARGET)
    if help_button is not None:  # easy to hit for a first-time visitor (help_button.py)
        rect = help_button.rect
        corners = [Point3(*(c + sx * rect.half_width_m * r + sz * rect.half_height_m * u
                            for c, r, u in zip(rect.center, rect.right, rect.up, strict=True)))
                   for sx in (-1, 1) for sz in (-1, 1)]
        face = _view(step.stage, head, render, corners)
        if min(face.width_deg, face.height_deg) < MIN_TARGET_DEG - TOLERANCE_DEG:
            screen.problems.append(f"the help button is only {face.width_deg:.1f}° × "
                                   f"{face.height_deg:.1f}°")
    for label, view in views.items():
        if not view.inside(COMFORT, TOLERANCE_DEG):
            screen.problems.append(f"{label} leaves the comfortable view: {_deg(view)}")
    screen.views = views
    names = list(views)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            apart = gap_deg(views[a], views[b])
            if apart < MIN_GAP_DEG:
                screen.problems.append(f"{a} {_deg(views[a])} is {apart:.2f}° from {b} "
                                       f"{_deg(views[b])}, less than {MIN_GAP_DEG}°")
    return screen


_shots = [0]


def _shot_index() -> str:
    _shots[0] += 1
    return f"{_shots[0]:03d}"


def _deg(view: ViewRect) -> str:
    return (f"[yaw {view.right_deg:.1f}…{view.left_deg:.1f}°, "
            f"pitch {view.bottom_deg:.1f}…{view.top_deg:.1f}°]")


def _show_caption(rig: Rig) -> None:
    """A two-line caption on screen, as narration or the interviewer would show it."""
    station = rig.station
    if not station.captions.text:
        station.captions.show_live(station.ctx.ui.texts("caption_guide"),
                                   "Ein Satz, der so lang ist wie eine Untertitelzeile es "
                                   "höchstens sein darf, damit zwei Zeilen gebraucht werden.")


def walk(language: str, posture: str) -> list[Screen]:
    """The demo's path through every kind of screen; each one measured."""
    rig = make_station(language=language, profile=StationProfile(),
                       size_px=(640, 360) if SHOTS else (320, 180))
    screens: list[Screen] = []
    station, visitor = rig.station, rig.visitor

    def check(name: str, caption: bool = True) -> None:
        visitor.settle(0.2)
        if caption:
            _show_caption(rig)
        screens.append(measure(rig, name))

    try:
        visitor.wait_state(S.ATTRACT)
        check("attract", caption=False)
        station.base.messenger.send("f6")
        visitor.wait_state(S.LANGUAGE)
        check("language")
        visitor.click(f"lang:{language}")
        visitor.wait_state(S.QUICK_CHECK)
        visitor.click(f"posture:{posture}")
        check("height")
        visitor.click("confirm")
        visitor.wait_until(lambda: "yes" in station.targets_by_id()
                           and not station.pending_work(), "the hearing question")
        check("hearing")
        visitor.click("yes")
        visitor.wait_state(S.MENU)
        check("menu")
        visitor.click("explore")
        visitor.wait_state(S.OCCUPATION)
        check("occupations")
        while f"occupation:{OCCUPATION}" not in station.targets_by_id():
            visitor.click("page:next")
            check("occupations-more")
        visitor.click(f"occupation:{OCCUPATION}")
        visitor.wait_state(S.TOUR)
        step = station.step
        assert isinstance(step, TourStep)
        hotspot_seen = False
        for index in range(len(step.stops)):
            visitor.settle(0.3)
            check(f"stop-{index + 1}")
            while "facts-page:next" in station.targets_by_id():
                visitor.click("facts-page:next")
                check(f"stop-{index + 1}-facts-more")
            if step.stop.hotspots and not hotspot_seen:
                visitor.click(f"hotspot:{step.stop.hotspots[0].id}")
                check("hotspot", caption=True)
                visitor.click("close-hotspot")
                hotspot_seen = True
            visitor.click("next")
            visitor.wait_until(lambda i=index: step.index > i or step.done, "the next stop")
        check("tour-done")
        visitor.click("practise")
        visitor.wait_state(S.INTERVIEW)
        check("interview-intro")
        visitor.click("persona:friendly")
        interview = station.step
        assert isinstance(interview, InterviewStep)
        visitor.wait_until(lambda: interview.talk.name in ("LISTENING", "TYPING"),
                           "the first question", timeout_s=120)
        if interview.talk.name == "TYPING":
            # The answer is German or English, whatever the visitor reads: so is its keyboard.
            spoken = station.catalog.interview_language(language).code
            assert interview.entry.layout is layout_for(spoken), interview.entry.layout
            interview.entry.type("Ich heiße Alex und habe im letzten Sommer ein Praktikum "
                                 "in einer Küche gemacht.")
        check(f"interview-{interview.talk.name.lower()}")
        visitor.click("end-interview")
        visitor.wait_state(S.REPORT, timeout_s=60)
        check("report")
        while "report-page:next" in station.targets_by_id():  # keep and go on: on the last page
            visitor.click("report-page:next")
            check("report-more")
        visitor.click("keep")
        visitor.settle()
        visitor.click("continue")
        visitor.wait_state(S.FEEDBACK)
        check("rating")
        visitor.click("rating:4")
        check("chips")
        visitor.click("comment")
        check("comment")
        visitor.click("comment-done")
        visitor.settle()
        visitor.click("send")
        visitor.wait_state(S.THANKS)
        check("thanks")
        shown = {t.getTag("text") for t in station.base.render.findAllMatches("**/=text")}
        kept = station.ctx.ui.texts("thanks_text_kept")
        assert kept in shown, "a kept report is not deleted: the thanks text says so"
    finally:
        rig.close()
    return screens


def _languages() -> list[str]:
    """Every language of content/languages.yaml: one without ui/<code>.yaml (its translators'
    files not yet in) renders its German fallback, marked, and must fit all the same."""
    catalog, _ = load_catalog(CONTENT)
    return list(catalog.languages)


@pytest.mark.parametrize("posture", ["standing", "seated"])
@pytest.mark.parametrize("language", _languages())
def test_no_screen_overlaps_leaves_the_comfortable_view_or_clips_text(language, posture):
    screens = walk(language, posture)
    assert len(screens) >= 15, [s.name for s in screens]
    problems = [f"{s.name}: {p}" for s in screens for p in s.problems
                if not any(s.name == screen and p.startswith(f"{panel} ")
                           for screen, panel in KNOWN_OVERFLOWS)]
    known = [f"{s.name}: {p}" for s in screens for p in s.problems if
             f"{s.name}: {p}" not in problems]
    if known:
        warnings.warn("known layout overflows (issue 15): " + "; ".join(known), stacklevel=1)
    assert not problems, "\n".join(problems)


def walk_to_spoken_feedback(language: str, posture: str) -> tuple[list[Screen], set[str]]:
    """The feedback screens of a station whose visitor language has a recognizer (Whisper base
    in the models directory): a third button "speak" joins the action row. Reached with the
    staff's skip key (F6), so only the feedback screens are rendered; returns what was measured
    and the targets of the chips screen."""
    rig = make_station(language=language, profile=StationProfile(),
                       size_px=(640, 360) if SHOTS else (320, 180))
    station, visitor = rig.station, rig.visitor
    screens: list[Screen] = []

    def check(name: str) -> None:
        visitor.settle(0.2)
        _show_caption(rig)
        screens.append(measure(rig, name))

    try:
        skip_to(rig, language, posture, S.FEEDBACK)
        visitor.settle()
        visitor.click("rating:4")
        check("chips")
        targets = set(station.targets_by_id())
        pages = [t for t in targets if t.startswith("chips-page:") and t.endswith(":next")]
        for page in pages:  # the page buttons lie below the chips, just above the action row
            group = page.split(":")[1]
            seen = {t for t in station.targets_by_id() if t.startswith(f"{group}:")}
            while page in station.targets_by_id():
                visitor.click(page)
                check("chips-more")
                turned = page.replace(":next", ":previous")
                assert turned in station.targets_by_id(), f"{page} did not turn the page"
                seen |= {t for t in station.targets_by_id() if t.startswith(f"{group}:")}
            chips = getattr(station.catalog.feedback, group)
            assert seen == {f"{group}:{c.id}" for c in chips}, f"chips on no page: {seen}"
    finally:
        rig.close()
    return screens, targets


@pytest.mark.parametrize(("language", "posture"), [
    *((language, "standing") for language in _languages()), ("de", "seated")])
def test_the_feedback_screen_with_a_microphone_fits_its_zones(language, posture, speech_models,
                                                               monkeypatch, caplog):
    """With a recognizer for the visitor's language the action row has three buttons (comment,
    speak, send): it must stay in its zone, clear of the chips' page button above it, and the
    station says a panel is too large for its zone at most once per screen."""
    monkeypatch.setenv("VR_STATION_MODELS_DIR", str(speech_models))
    caplog.set_level("WARNING", logger="vr_station")
    screens, targets = walk_to_spoken_feedback(language, posture)
    if whisper_supports(language):  # Leichte Sprache (de-x-ls) has none of its own
        assert "comment-speak" in targets, sorted(targets)
    problems = [f"{s.name}: {p}" for s in screens for p in s.problems]
    assert not problems, "\n".join(problems)
    too_large = [r.getMessage() for r in caplog.records if "larger than" in r.getMessage()]
    assert len(too_large) == len(set(too_large)), too_large


def walk_to_typed_answer_without_microphone(language: str, posture: str) -> tuple[Screen, list[str]]:
    """The interview's keyboard screen of a station that has a recognizer (Whisper base in the
    models directory) but no microphone: the session opens with typed answers and the
    ``microphone_missing`` notice above the typed answer. Reached with the staff's skip key
    (F6); returns what was measured and the notices the interview room shows."""
    rig = make_station(language=language, profile=StationProfile(),
                       size_px=(640, 360) if SHOTS else (320, 180))
    station, visitor = rig.station, rig.visitor
    try:
        skip_to(rig, language, posture, S.MENU)  # the menu chooses the interview (F6 skips it)
        visitor.settle()
        visitor.click("interview")
        visitor.wait_state(S.OCCUPATION)
        visitor.settle()
        visitor.choose_occupation("koch")
        visitor.wait_state(S.INTERVIEW)
        visitor.wait_until(lambda: "persona:friendly" in station.targets_by_id(),
                           "the interviewer's styles")
        visitor.click("persona:friendly")
        interview = station.step
        assert isinstance(interview, InterviewStep)
        visitor.wait_until(lambda: interview.talk.name == "TYPING", "the first typed answer",
                           timeout_s=120)
        interview.entry.type("Ich heiße Alex und habe im letzten Sommer ein Praktikum in einer "
                             "Küche gemacht, weil ich gern für viele Menschen koche.")
        visitor.settle(0.2)
        _show_caption(rig)
        screen = measure(rig, "interview-typing-no-microphone")
        shown = {t.getTag("text") for t in station.base.render.findAllMatches("**/=text")}
        # A notice too long for the panel shows its first sentence (why answers are typed).
        return screen, [n for n in interview.notices
                        if any(len(text) > 10 and n.startswith(text) for text in shown)]
    finally:
        rig.close()


@pytest.mark.parametrize("language", _languages())
def test_the_typed_answer_with_the_no_microphone_notice_fits_its_zone(language, speech_models,
                                                                     monkeypatch):
    """A recognizer but no microphone (this machine has none; a kiosk whose headset was
    unplugged): the keyboard screen carries the notice why answers are typed, the typed answer
    and "end the interview" beside the interviewer's face, and must still fit its zone, clear of
    the keys, with the visitor's last words in view."""
    monkeypatch.setenv("VR_STATION_MODELS_DIR", str(speech_models))
    screen, notices = walk_to_typed_answer_without_microphone(language, "standing")
    # The notice is in the interview's language (or its Leichte-Sprache translation).
    assert any(word in n for n in notices for word in ("Mikrofon", "microphone")), \
        f"the no-microphone notice is not shown: {notices}"
    assert not screen.problems, "\n".join(screen.problems)
