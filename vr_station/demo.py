"""The scripted demo visitor: a whole session in the headless mode, with screenshots.

attract → language → quick check → menu → occupation → tour (narration, a hotspot, facts) →
interview → report → feedback (smiley, chips, a typed comment) → thanks → wipe → attract. The
visitor uses the gaze (dwell) for some choices and a controller for others, as real visitors
do. Time is stepped (1/30 s a frame) so it runs as fast as frames render.

In the interview the visitor speaks: its answers are synthesized (the station's own speech
output, not cached) and reach the interview engine through ``DemoVoice``, an audio source in
place of the microphone, paced by the station's clock, so the real recognizer hears them
(PocketSphinx for English here). Where the language has no recognizer installed, the room
shows the engine's notice and the visitor types its answers on the keyboard instead. The
report is the engine's, with eye contact measured from where the visitor looked.
"""

from __future__ import annotations

import json
import logging
import math
import statistics
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from panda3d.core import NodePath

from calibration.body import Pose
from interview_engine.report import eye_contact_percent
from interview_engine.session import InterviewSession
from speech.audio import resample, silence
from speech.recognition import RECOGNIZER_RATE_HZ
from speech.sources import AudioSource, Deliver
from speech.station_speech import StationSpeech
from speech.synthesis import SpeechAudio
from timebase import SimulatedClock
from vr_station.display.base import ControllerInput
from vr_station.display.headless import HeadlessDisplay
from vr_station.interview.report import ReportLabels, report_lines
from vr_station.kiosk.flow import KioskState
from vr_station.station import Station
from vr_station.steps.base import DemoScript
from vr_station.steps.interview import InterviewStep
from vr_station.steps.tour import TourStep
from vr_station.ui.pointing import Target

log = logging.getLogger(__name__)

FRAME_S = 1 / 30
DEMO_SEED = 0
"""Plans greeting (a glass of water), self-introduction and the trial day for the cook."""
ANSWER_RATE_WPM = 150
TYPED_CHARS_PER_FRAME = 2
ANSWERS = {
    "de": (
        "Ja, gern, vielen Dank. Ich freue mich auf das Gespräch.",
        "Ich heiße Alex und habe im letzten Sommer ein Praktikum in einer Kantine gemacht. Dort "
        "habe ich bei der Mise en place geholfen und gelernt, wie wichtig Hygiene und ein "
        "sauberer Arbeitsplatz sind.",
        "Ja, sehr gern. Ich bringe meine Arbeitskleidung mit und freue mich darauf, das Team "
        "kennenzulernen. Vielen Dank für das Gespräch.",
    ),
    "en": (
        "Yes, please, thank you very much. I am looking forward to our conversation.",
        "My name is Alex. I finished school last summer and I did an internship in a restaurant "
        "kitchen. I really enjoyed cooking for the guests, and I learned how important "
        "hygiene is.",
        "Yes, gladly. I will bring my work clothes and I look forward to meeting the team. "
        "Thank you for the interview.",
    ),
}
VISITOR_VOICES = {"en": ("en-us",)}
"""The visitor's own voice where it differs from the interviewer's: PocketSphinx's bundled
model is US English, and espeak-ng's US voice is what it recognizes best (measured: most words
of an answer, against a few with the British voice the station's English interviewer uses)."""
THINKING_S = 0.6
"""The visitor's pause before answering, as people make; the mic opens 0.25 s after the
question anyway (room echo), so an answer begun at once would lose its first word."""
FOLLOW_UP_ANSWERS = {
    "de": "Zum Beispiel habe ich im Praktikum jeden Morgen die Mise en place für fünfzig Essen "
          "vorbereitet. Am Ende waren alle Gerichte pünktlich fertig, und der Koch war zufrieden.",
    "en": "For example, in my internship I prepared the mise en place for fifty meals every "
          "morning. In the end every dish was ready on time, and the chef was happy.",
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
    eye_contact_percent: int | None = None
    """The report's eye contact, as every view of it shows it."""
    report_lines: list[str] = field(default_factory=list)
    """The report panel's figures, as shown."""
    recognizer: str | None = None
    """vosk, pocketsphinx or typed."""
    heard: list[str] = field(default_factory=list)
    """The answers as the recognizer heard them (or as typed)."""
    turn_latency_ms: list[float] = field(default_factory=list)
    """Per answer: the end-of-answer silence detected → the next utterance's audio ready."""

    def summary(self) -> str:
        lines = [
            f"demo visitor: {' → '.join(self.states)}",
            f"  {self.frames} frames, {self.simulated_s:.0f} s of station time in "
            f"{self.wall_s:.1f} s",
        ]
        if self.recognizer is not None:
            lines.append(f"  interview answers ({self.recognizer}): {len(self.heard)} heard")
        if self.report_lines:
            lines.append(f"  interview report: {'; '.join(self.report_lines)}")
        if self.turn_latency_ms:
            lines.append(f"  turn latency: median {statistics.median(self.turn_latency_ms):.0f} ms, "
                         f"max {max(self.turn_latency_ms):.0f} ms (end of answer → next question "
                         "ready)")
        if self.eye_contact_percent is not None:
            lines.append(f"  eye contact: {self.eye_contact_percent} % (the whole interview)")
        if self.out_dir is not None:
            lines.append(f"  {len(self.screenshots)} screenshot(s) and the report in "
                         f"{self.out_dir}")
        return "\n".join(lines)


def demo_script(language: str) -> DemoScript:
    answers = ANSWERS.get(language, ANSWERS["en"])
    return DemoScript(answers, max_questions=len(answers),
                      follow_up_answer=FOLLOW_UP_ANSWERS.get(language, FOLLOW_UP_ANSWERS["en"]),
                      seed=DEMO_SEED)


class DemoVoice(AudioSource):
    """The demo visitor's voice in place of the station's microphone (``StationParts(
    microphone=voice)``): it delivers what the visitor says, then the silence of a quiet room,
    1/30 s a frame as the station's clock advances, like a microphone would in real time.

    The visitor calls ``advance`` on the render thread each frame; delivering only hands
    bytes to the session's queue. One voice serves every interview of a station."""

    def __init__(self, rate_hz: int = RECOGNIZER_RATE_HZ) -> None:
        self.rate_hz = rate_hz
        self._deliver: Deliver | None = None
        self._speech = b""
        self._lock = threading.Lock()
        self._carry = 0.0

    def __call__(self) -> DemoVoice:
        """As the station's microphone factory: the same voice for every interview."""
        return self

    def start(self, deliver: Deliver) -> None:
        with self._lock:
            self._deliver = deliver
            self._speech = b""

    def close(self) -> None:
        with self._lock:
            self._deliver = None
            self._speech = b""

    def say(self, audio: SpeechAudio, after_s: float = THINKING_S) -> None:
        pcm = silence(after_s, self.rate_hz) + resample(audio.pcm, audio.sample_rate_hz,
                                                         self.rate_hz)
        with self._lock:
            self._speech += pcm

    @property
    def speaking(self) -> bool:
        return bool(self._speech)

    def advance(self, seconds: float) -> None:
        with self._lock:
            deliver = self._deliver
            exact = seconds * self.rate_hz + self._carry
            samples = int(exact)
            self._carry = exact - samples
            chunk, self._speech = self._speech[: 2 * samples], self._speech[2 * samples:]
        if deliver is not None:
            deliver(chunk + bytes(2 * samples - len(chunk)), self.rate_hz)


class DemoAnswers:
    """The visitor's answers, synthesized on a thread of their own (never cached: they are
    the visitor's words, not the station's)."""

    def __init__(self, speech: StationSpeech, texts: Sequence[str], voices: Sequence[str]) -> None:
        self.audio: dict[str, SpeechAudio] = {}
        self.failed: list[str] = []
        self._done = threading.Event()
        threading.Thread(target=self._synthesize, args=(speech, list(texts), list(voices)),
                         name="demo-answers", daemon=True).start()

    def _synthesize(self, speech: StationSpeech, texts: list[str], voices: list[str]) -> None:
        voice = speech.voice_for(voices)
        for text in dict.fromkeys(texts):
            got = threading.Event()

            def done(audio: SpeechAudio | None, error: Exception | None, text: str = text,
                     got: threading.Event = got) -> None:
                if audio is not None:
                    self.audio[text] = audio
                else:
                    self.failed.append(f"{text[:30]}…: {error}")
                got.set()

            speech.speech_out.request(text, voice, ANSWER_RATE_WPM, done, cache=False)
            got.wait(60)
        self._done.set()


class DemoVisitor:
    def __init__(self, station: Station, display: HeadlessDisplay, clock: SimulatedClock,
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
        microphone = station.parts.microphone
        self.voice = microphone if isinstance(microphone, DemoVoice) else None
        """Without it the visitor types its answers."""
        self.real_time = False
        """Frames no faster than the station's clock says (while the visitor speaks)."""
        self._frame_wall_s: float | None = None

    # Primitives ----------------------------------------------------------------------------

    def frame(self) -> None:
        if self.real_time:
            # A microphone hears in real time: faster, the recognizer would fall behind and
            # the session drop the visitor's audio (it keeps at most ~20 s waiting).
            if self._frame_wall_s is not None:
                time.sleep(max(0.0, self.clock.step_s - (time.monotonic() - self._frame_wall_s)))
            self._frame_wall_s = time.monotonic()
        else:
            self._frame_wall_s = None
        self.clock.advance()
        if self.voice is not None:
            self.voice.advance(self.clock.step_s)
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
        script = self.station.parts.demo or demo_script(self.language)
        answers = None
        if self.voice is not None:
            language = self.station.ctx.language
            answers = DemoAnswers(self.station.speech,
                                  [*script.answers, script.follow_up_answer],
                                  (*VISITOR_VOICES.get(language.code, ()), *language.tts_voices))
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
        answered_turn: int | None = None
        typing = ""
        glance = 0
        started = self.clock.now_s()
        session: InterviewSession | None = None
        while self.station.state is KioskState.INTERVIEW:
            self.frame()
            if step.interview is not None:
                session = step.interview
                self.result.recognizer = session.setup.context.recognizer
            glance += 1
            talk = step.talk.name
            self.real_time = self.voice is not None and talk == "LISTENING"
            if talk == "TYPING":
                self._look_at_answer(step)  # not at a key: the gaze would press it
            else:
                # Look away now and then while thinking, as people do; mostly at the interviewer.
                away = (glance // 45) % 5 == 4
                self.look((face[0] + (1.2 if away else 0.0), face[1],
                           face[2] - (0.4 if away else 0)))
            if talk in ("LISTENING", "TYPING") and step.turn != answered_turn:
                text = self._answer_for(step.asking, script)
                if talk == "TYPING":
                    typing, answered_turn = text, step.turn
                elif answers is not None and text in answers.audio and self.voice is not None:
                    self.voice.say(answers.audio[text])
                    answered_turn = step.turn
                elif answers is not None and answers.failed:
                    raise DemoStuck(f"the visitor's voice failed: {answers.failed[0]}")
            if typing and talk == "TYPING":
                self._type(typing[:TYPED_CHARS_PER_FRAME])
                typing = typing[TYPED_CHARS_PER_FRAME:]
                if not answered_shot and len(step.entry.text) > 60:
                    self.shot("interview-answer")
                    answered_shot = True
                if not typing:
                    self.click("answer-done")
            if not answered_shot and talk == "LISTENING" and len(self.station.captions.text) > 60:
                self.look(face)
                self.shot("interview-answer")
                answered_shot = True
            if self.clock.now_s() - started > 600:
                raise DemoStuck("the interview did not end within 10 minutes")
        self.real_time = False
        if session is not None:
            stats = session.stats
            self.result.turn_latency_ms = [
                (stats.say_ready[uid] - fed_s) * 1000 for fed_s, uid in stats.answer_ends
                if uid in stats.say_ready]

    def _look_at_answer(self, step: InterviewStep) -> None:
        """At the middle of the typed answer's line."""
        text = step.answer_text
        panel = next((p for p in step.panels() if p.name == "interview-answer"), None)
        if text is None or text.isEmpty() or panel is None:
            return
        line_z = text.getZ(panel.root) - 0.02
        point = self.station.base.render.getRelativePoint(panel.root, (0.0, 0.0, line_z))
        self.look((point[0], point[1], point[2]))

    @staticmethod
    def _answer_for(asking: int | None, script: DemoScript) -> str:
        """The answer to main question ``asking``; the follow-up answer to anything else."""
        if asking is not None and 1 <= asking <= len(script.answers):
            return script.answers[asking - 1]
        return script.follow_up_answer or script.answers[-1]

    def _type(self, characters: str) -> None:
        """Type on the station's keyboard (the interview step takes keystrokes as the
        on-screen keys)."""
        for char in characters:
            self.station.base.messenger.send("keystroke", [char])

    def report(self) -> None:
        self.wait_state(KioskState.REPORT)
        self.settle()
        self.look_at_panel("report")
        self.wait(0.3)
        self.shot("report")
        session = self.station.session
        assert session is not None and session.report is not None
        report = session.report
        texts = self.station.ctx.ui.texts
        labels = ReportLabels(self.station.catalog.interview.report_labels, texts.language)
        self.result.report_lines = [f"{line.title}: {line.text}"
                                    for line in report_lines(report, labels, texts.number)]
        self.result.heard = [a.transcript for a in report.answers if a.answered]
        if report.overall.eye_contact is not None:  # the report's figure, as the panel shows it
            self.result.eye_contact_percent = eye_contact_percent(report.overall.eye_contact)
        if self.out_dir is not None:
            path = self.out_dir / "interview-report.json"
            path.write_text(report.to_json() + "\n", encoding="utf-8")
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
        "eye_contact_percent": result.eye_contact_percent,
        "recognizer": result.recognizer,
        "turn_latency_ms": [round(ms) for ms in result.turn_latency_ms],
    }
    (result.out_dir / "summary.json").write_text(json.dumps(summary, indent=2) + "\n",
                                                 encoding="utf-8")
