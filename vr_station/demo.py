"""The scripted demo visitor: a whole session in the headless mode, with screenshots.

attract → language → quick check → menu → occupation → tour (narration, a hotspot, facts) →
interview with synthesized answers → report → feedback (smiley, chips, a typed comment) →
thanks → wipe → attract. The visitor uses the gaze (dwell) for some choices and a controller for others, as
real visitors do. Time is stepped (1/30 s a frame) so it runs as fast as frames render.
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from panda3d.core import NodePath

from vr_station.clock import SteppedClock
from vr_station.display.base import ControllerInput, Pose
from vr_station.display.headless import HeadlessDisplay
from vr_station.interview.driver import SpokenAnswer
from vr_station.kiosk.flow import KioskState
from vr_station.station import Station
from vr_station.steps.base import DemoScript
from vr_station.steps.interview import InterviewStep
from vr_station.steps.tour import TourStep
from vr_station.ui.pointing import Target

log = logging.getLogger(__name__)

FRAME_S = 1 / 30
ANSWERS = {
    "de": (
        "Guten Tag, vielen Dank für die Einladung. Mir geht es gut, und ich freue mich auf das "
        "Gespräch.",
        "Ich heiße Alex und habe im letzten Sommer ein Praktikum in einer Kantine gemacht. Dort "
        "habe ich bei der Mise en place geholfen und gelernt, wie wichtig Hygiene und ein "
        "sauberer Arbeitsplatz sind.",
        "Ja, sehr gern. Ich bringe meine Arbeitskleidung mit und freue mich darauf, das Team "
        "kennenzulernen. Vielen Dank für das Gespräch.",
    ),
    "en": (
        "Good afternoon, thank you for inviting me. I am well and I am looking forward to our "
        "conversation.",
        "My name is Alex. Last summer I did an internship in a canteen, where I helped with the "
        "mise en place and learned how important hygiene and a clean workstation are.",
        "Yes, gladly. I will bring my work clothes and I look forward to meeting the team. "
        "Thank you for the interview.",
    ),
}
COMMENT = {"de": "Sehr anschaulich, danke.", "en": "Very clear, thanks."}


class DemoStuck(RuntimeError):
    """The scripted visitor waited for something that did not happen."""


@dataclass
class DemoResult:
    out_dir: Path | None
    screenshots: list[Path] = field(default_factory=list)
    report_path: Path | None = None
    states: list[str] = field(default_factory=list)
    frames: int = 0
    simulated_s: float = 0.0
    wall_s: float = 0.0
    eye_contact_percent: float | None = None
    report_items: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"demo visitor: {' → '.join(self.states)}",
            f"  {self.frames} frames, {self.simulated_s:.0f} s of station time in "
            f"{self.wall_s:.1f} s",
        ]
        if self.report_items:
            lines.append(f"  interview report: {', '.join(self.report_items)}")
        if self.eye_contact_percent is not None:
            lines.append(f"  eye contact: {self.eye_contact_percent:.0f} %")
        if self.out_dir is not None:
            lines.append(f"  {len(self.screenshots)} screenshot(s) and the report in "
                         f"{self.out_dir}")
        return "\n".join(lines)


def demo_script(language: str) -> DemoScript:
    answers = ANSWERS.get(language, ANSWERS["en"])
    return DemoScript(tuple(SpokenAnswer(a) for a in answers), max_questions=len(answers))


class DemoVisitor:
    def __init__(self, station: Station, display: HeadlessDisplay, clock: SteppedClock,
                 out_dir: Path | None, *, language: str = "de",
                 occupation_id: str | None = None) -> None:
        self.station = station
        self.display = display
        self.clock = clock
        self.out_dir = out_dir
        self.language = language
        occupations = station.catalog.occupations
        self.occupation_id = occupation_id or ("koch" if "koch" in occupations
                                               else next(iter(occupations)))
        self.result = DemoResult(out_dir)
        self._shots = 0
        self._hand = NodePath("demo-hand")

    # Primitives ----------------------------------------------------------------------------

    def frame(self) -> None:
        self.clock.advance()
        self.station.base.taskMgr.step()
        self.result.frames += 1

    def wait(self, seconds: float) -> None:
        for _ in range(max(1, round(seconds / FRAME_S))):
            self.frame()

    def wait_until(self, done: Callable[[], bool], what: str, timeout_s: float = 60.0) -> None:
        """Step frames until ``done()``; real time lets worker threads (speech) finish."""
        deadline = self.clock.now_s() + timeout_s
        wall_deadline = time.monotonic() + timeout_s * 2 + 30
        while not done():
            if self.clock.now_s() > deadline or time.monotonic() > wall_deadline:
                raise DemoStuck(f"waited {timeout_s:.0f} s for {what} (in {self.station.state})")
            self.frame()
            if self.station.jobs.pending:
                time.sleep(0.002)  # give the speech lane the CPU rather than spinning

    def wait_state(self, state: KioskState, timeout_s: float = 60.0) -> None:
        self.wait_until(lambda: self.station.state is state and not self.station.pending_work(),
                        f"state {state}", timeout_s)
        self.result.states.append(str(state))

    def settle(self, seconds: float = 0.6) -> None:
        self.wait_until(lambda: not self.station.pending_work(), "the screen to settle")
        self.wait(seconds)

    def shot(self, name: str) -> None:
        if self.out_dir is None:
            return
        self._shots += 1
        path = self.display.screenshot(self.out_dir / f"{self._shots:02d}-{name}.png")
        self.result.screenshots.append(path)

    def target(self, target_id: str) -> Target:
        targets = self.station.targets_by_id()
        if target_id not in targets:
            raise DemoStuck(f"no button '{target_id}' in {self.station.state} "
                            f"(there are: {', '.join(sorted(targets))})")
        return targets[target_id]

    def look(self, point: tuple[float, float, float]) -> None:
        self.display.look_at(point)

    def look_at_target(self, target_id: str) -> None:
        self.look(self.target(target_id).rect.center)

    def look_at_panel(self, name: str) -> None:
        step = self.station.step
        panel = next((p for p in step.panels() if p.name == name), None) if step else None
        if panel is None:
            raise DemoStuck(f"no panel '{name}' in {self.station.state}")
        centre = panel.root.getPos(self.station.base.render)
        self.look((centre[0], centre[1], centre[2]))

    def look_ahead(self, yaw_deg: float = 0.0, pitch_deg: float = 0.0) -> None:
        """Look relative to where the step's panels stand (its stage)."""
        step = self.station.step
        render = self.station.base.render
        head = self.station.rig.head.getPos(render)
        if step is None or step.stage is None:
            return
        rad, pitch = math.radians(yaw_deg), math.radians(pitch_deg)
        local = (-math.sin(rad) * math.cos(pitch) * 3, math.cos(rad) * math.cos(pitch) * 3, 0.0)
        point = render.getRelativeVector(step.stage, local)
        self.look((head[0] + point[0], head[1] + point[1], head[2] + 3 * math.sin(pitch)))

    def dwell(self, target_id: str) -> None:
        """Choose by looking: rest the gaze on the button until the ring fills."""
        self.look_at_target(target_id)
        before = self.station.choices_made
        self.wait_until(lambda: target_id in self.station.recent_choices(before),
                        f"the gaze to choose '{target_id}'", timeout_s=10)

    def click(self, target_id: str) -> None:
        """Choose with the right controller: point at the button, pull the trigger, let go."""
        centre = self.target(target_id).rect.center
        rig = self.station.rig.node
        head = self.display.head
        hand = self._hand
        hand.reparentTo(rig)
        hand.setPos(head, 0.18, 0.25, -0.35)
        hand.lookAt(self.station.base.render, *centre)
        position, quat = hand.getPos(rig), hand.getQuat(rig)
        pose = Pose((position[0], position[1], position[2]),
                    (quat.getR(), quat.getI(), quat.getJ(), quat.getK()))
        for pressed in (False, True, True, False):
            self.display.scripted_controllers = [ControllerInput("right", pose, pressed,
                                                                 (0.0, 0.0), False)]
            self.frame()
        self.display.scripted_controllers = []
        hand.detachNode()

    # The visit -----------------------------------------------------------------------------

    def run(self) -> DemoResult:
        started = time.monotonic()
        self.attract_and_menus()
        self.tour()
        self.interview()
        self.report()
        self.feedback()
        self.goodbye()
        self.result.wall_s = time.monotonic() - started
        self.result.simulated_s = self.clock.now_s()
        return self.result

    def attract_and_menus(self) -> None:
        self.wait_state(KioskState.ATTRACT)
        self.settle(1.0)
        self.shot("attract")
        self.look_ahead(6.0, 3.0)  # puts the headset on: the head moves
        self.wait(0.3)
        self.dwell("start")
        self.wait_state(KioskState.LANGUAGE)
        self.settle()
        self.shot("language")
        self.click(f"lang:{self.language}")
        self.quick_check()
        self.wait_state(KioskState.MENU)
        self.settle()
        self.shot("menu")
        self.click("explore")
        self.wait_state(KioskState.OCCUPATION)
        self.settle()
        self.shot("occupations")
        self.choose_occupation(self.occupation_id)

    def choose_occupation(self, occupation_id: str) -> None:
        """Leaf through the occupation cards (six a page) to the one wanted, and choose it."""
        target = f"occupation:{occupation_id}"
        while target not in self.station.targets_by_id() \
                and "page:next" in self.station.targets_by_id():
            self.click("page:next")
            self.settle(0.2)
        self.click(target)

    def quick_check(self) -> None:
        """Standing is fine; yes, the voice is loud enough."""
        self.wait_state(KioskState.QUICK_CHECK)
        self.settle()
        self.shot("quick-check")
        self.click("confirm")
        self.wait_until(lambda: "yes" in self.station.targets_by_id()
                        and not self.station.pending_work(), "the hearing question")
        self.wait(0.5)
        self.shot("quick-check-hearing")
        self.click("yes")

    def tour(self) -> None:
        self.wait_state(KioskState.TOUR)
        step = self.station.step
        assert isinstance(step, TourStep)
        self.wait_until(lambda: bool(self.station.captions.text), "the narration to begin")
        self.look_ahead(-14.0, -6.0)
        self.wait(2.5)
        self.shot("tour-first-stop")
        hotspot_shown = facts_shown = False
        for _ in range(len(step.stops)):
            if step.stop.hotspots and not hotspot_shown:
                hotspot = step.stop.hotspots[0]
                self.dwell(f"hotspot:{hotspot.id}")
                name = f"hotspot-{hotspot.id}"
                self.wait_until(partial(_has_panel, step, name), "the hotspot text")
                self.look_at_panel(name)
                self.wait(2.0)
                self.shot("tour-hotspot")
                self.click("close-hotspot")
                hotspot_shown = True
            elif step.stop.facts and not facts_shown and step.index > 0:
                self.look_at_panel("facts")
                self.wait_until(lambda: bool(self.station.captions.text), "the narration")
                self.wait(1.5)
                self.shot("tour-facts")
                facts_shown = True
            self.look_at_target("next")
            self.wait(0.3)
            self.click("next")
            self.settle(0.3)
        self.wait_until(lambda: step.done, "the end of the tour")
        self.settle()
        self.look_at_panel("tour-done")
        self.wait(0.3)
        self.shot("tour-done")
        self.click("practise")

    def interview(self) -> None:
        self.wait_state(KioskState.INTERVIEW)
        step = self.station.step
        assert isinstance(step, InterviewStep)
        self.settle()
        self.look_at_panel("interview-intro")
        self.wait(0.3)
        self.shot("interview-intro")
        self.click("persona:friendly")
        self.settle()
        face = step.room.interviewer.face_position() if step.room is not None else (0, 1.7, 1.3)
        self.look(face)
        self.wait_until(lambda: bool(self.station.captions.text), "the first question")
        self.wait(1.2)
        self.shot("interview-question")
        answered_shot = False
        glance = 0
        started = self.clock.now_s()
        while self.station.state is KioskState.INTERVIEW:
            self.frame()
            glance += 1
            # Look away now and then while thinking, as people do; mostly at the interviewer.
            away = (glance // 45) % 5 == 4
            self.look((face[0] + (1.2 if away else 0.0), face[1], face[2] - (0.4 if away else 0)))
            if not answered_shot and self.station.captions.text and \
                    step.talk.name == "LISTENING" and len(self.station.captions.text) > 60:
                self.look(face)
                self.shot("interview-answer")
                answered_shot = True
            if self.clock.now_s() - started > 600:
                raise DemoStuck("the interview did not end within 10 minutes")

    def report(self) -> None:
        self.wait_state(KioskState.REPORT)
        self.settle()
        self.look_at_panel("report")
        self.wait(0.3)
        self.shot("report")
        session = self.station.session
        assert session is not None and session.report is not None
        self.result.report_items = [item.key for item in session.report.items]
        if session.eye_contact is not None and session.eye_contact.overall_share is not None:
            self.result.eye_contact_percent = session.eye_contact.overall_share * 100
        if self.out_dir is not None:
            path = self.out_dir / "interview-report.json"
            path.write_text(session.report.to_json() + "\n", encoding="utf-8")
            self.result.report_path = path
        self.click("continue")

    def feedback(self) -> None:
        self.wait_state(KioskState.FEEDBACK)
        self.settle()
        self.look_at_panel("rating")
        self.wait(0.3)
        self.shot("feedback-rating")
        self.click("rating:4")
        self.settle()
        chips = self.station.catalog.feedback
        self.click(f"worked:{chips.worked[0].id}")
        self.click(f"worked:{chips.worked[2].id}")
        self.click(f"not_worked:{chips.not_worked[-2].id}")
        self.look_ahead(0.0, -6.0)
        self.wait(0.3)
        self.shot("feedback-chips")
        self.click("comment")
        self.settle()
        for char in COMMENT.get(self.language, COMMENT["en"]):
            key = "key:space" if char == " " else f"key:{char.lower()}"
            self.click(key)
        self.look_at_panel("comment")
        self.wait(0.3)
        self.shot("feedback-comment")
        self.click("comment-done")
        self.settle()
        self.click("send")

    def goodbye(self) -> None:
        self.wait_state(KioskState.THANKS)
        self.settle()
        self.look_at_panel("thanks")
        self.wait(0.3)
        self.shot("thanks")
        thanks_at = len(self.station.transitions)
        self.wait_until(lambda: any(t.new is KioskState.ATTRACT
                                    for t in self.station.transitions[thanks_at:])
                        and not self.station.pending_work(), "the wipe and the attract loop", 40)
        self.result.states += ["wipe", "attract"]
        self.settle(1.0)
        self.shot("attract-again")


def _has_panel(step: TourStep, name: str) -> bool:
    return any(p.name == name for p in step.panels())


def write_summary(result: DemoResult) -> None:
    if result.out_dir is None:
        return
    summary = {
        "states": result.states, "frames": result.frames,
        "simulated_s": round(result.simulated_s, 1), "wall_s": round(result.wall_s, 1),
        "screenshots": [p.name for p in result.screenshots],
        "report": result.report_path.name if result.report_path else None,
        "eye_contact_percent": None if result.eye_contact_percent is None
        else round(result.eye_contact_percent),
    }
    (result.out_dir / "summary.json").write_text(json.dumps(summary, indent=2) + "\n",
                                                 encoding="utf-8")
