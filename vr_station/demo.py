"""The scripted demo visitor: a whole session in the headless mode, with screenshots.

attract → language → quick check → menu → occupation → tour (narration, a hotspot, facts) →
interview → report → feedback (smiley, chips, a typed comment) → thanks → wipe → attract. The
visitor uses the gaze (dwell) for some choices and a controller for others, as real visitors
do. Time is stepped (1/30 s a frame) so it runs as fast as frames render.

Every wait counts frames of the station's clock, never wall-clock seconds, so a slow machine
changes only how long a run takes. While the station waits for a worker thread (speech
synthesis, a scene being prepared, the recognizer taking the visitor's voice, the interviewer
getting its next sentence ready) a frame passes with the clock held (``DemoVisitor.busy``):
a worker that is slower on a busy machine costs wall time, not station time, so no timer of
the station or of the interview runs out because of it. A wait ends with ``DemoStuck`` after
its station seconds, or after ``HELD_LIMIT_FRAMES`` frames held for a worker that never
finishes; the message says what it waited for and how long, in station seconds, frames and
(for information) wall seconds.

In the interview the visitor speaks: its answers are synthesized (the station's own speech
output, not cached) and reach the interview engine through ``DemoVoice``, an audio source in
place of the microphone, 1/30 s of audio a frame, so the real recognizer hears them (Whisper
where a model is installed, in German and English alike; PocketSphinx for English where none
is). The voice is a simulated source: it goes no faster than the recognizer takes its audio,
and the visitor holds the clock while it is behind. Where the language has no recognizer
installed, the room shows the engine's notice and the visitor types its answers on the
keyboard instead. The report is the engine's, with eye contact measured
from where the visitor looked.
"""

from __future__ import annotations

import json
import logging
import math
import statistics
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from panda3d.core import NodePath

from calibration.body import Pose
from hands_on import TaskOutcome
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
from vr_station.ui.text_input import SWITCH_LAYOUT

log = logging.getLogger(__name__)

FRAME_S = 1 / 30
HELD_LIMIT_FRAMES = 30 * 300
"""A wait gives up after this many frames held for a worker that does not finish. A frame held
for a worker that does not finish lasts at least ``FRAME_S`` of wall time, so this is at least 5
minutes: far longer than any worker takes on a busy machine (a sentence synthesized, a scene
prepared, a speech model loaded: seconds), short enough that a hung one ends the demo with a
message."""
VOICE_AHEAD_FRAMES = 3
"""Frames of the visitor's voice that may wait for the recognizer before the clock holds: the
station's time runs at most this far (plus the session's own few chunks) ahead of what the
recognizer has heard, so silence and end-of-answer are judged on audio it has taken."""
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
"""The visitor's own voice where it differs from the interviewer's. For PocketSphinx, the
English fallback where no model is installed: its bundled model is US English, and espeak-ng's
US voice is what it recognizes best (measured: most words of an answer, against a few with the
British voice the station's English interviewer uses); the US voice stays so that the fallback
hears the demo too. German uses the interviewer's voices (espeak-ng's ``de``)."""
THINKING_S = 0.6
"""The visitor's pause before answering, as people make; the mic opens 0.25 s after the
question anyway (room echo), so an answer begun at once would lose its first word."""
FOLLOW_UP_ANSWERS = {
    "de": "Zum Beispiel habe ich im Praktikum jeden Morgen die Mise en place für fünfzig Essen "
          "vorbereitet. Am Ende waren alle Gerichte pünktlich fertig, und der Koch war zufrieden.",
    "en": "For example, in my internship I prepared the mise en place for fifty meals every "
          "morning. In the end every dish was ready on time, and the chef was happy.",
}
COMMENT = {"de": "Sehr anschaulich, danke.", "en": "Very clear, thanks.",
           # Typed on the visitor's own keyboard (keyboard_layouts): letters each layout has.
           "uk": "Дуже наочно дякую", "ru": "Очень наглядно спасибо", "ar": "شرح واضح شكرا",
           "tr": "Çok anlaşılır teşekkürler", "de-x-ls": "Sehr gut erklärt danke"}


class DemoStuck(RuntimeError):
    """The scripted visitor waited for something that did not happen."""


class WaitLimit:
    """How long one wait of the visitor may take.

    ``timeout_s`` of station time (frames that
    move the clock), and ``HELD_LIMIT_FRAMES`` frames held for workers. ``check`` raises
    ``DemoStuck`` past either, naming what was waited for and how long.
    """

    def __init__(self, visitor: DemoVisitor, what: str, timeout_s: float) -> None:
        self.visitor = visitor
        self.what = what
        self.timeout_s = timeout_s
        self.limit_frames = max(1, math.ceil(timeout_s / visitor.clock.step_s - 1e-6))
        self._clock_frames = visitor.clock_frames
        self._held_frames = visitor.result.held_frames
        self._wall_started_s = time.monotonic()

    def check(self) -> None:
        """Raise ``DemoStuck`` once the wait has used up its station time or its held frames."""
        visitor = self.visitor
        frames = visitor.clock_frames - self._clock_frames
        held = visitor.result.held_frames - self._held_frames
        if frames < self.limit_frames and held < HELD_LIMIT_FRAMES:
            return
        waited = (f"waited {frames * visitor.clock.step_s:.1f} s of station time ({frames} "
                  f"frames) for {self.what} in {visitor.station.state}")
        if held:
            waited += f", and {held} more frames with the clock held for {visitor.held_for}"
        wall = f"{time.monotonic() - self._wall_started_s:.0f} s of wall time"
        if held >= HELD_LIMIT_FRAMES:
            raise DemoStuck(f"{waited}: that worker did not finish ({wall})")
        raise DemoStuck(f"{waited}: the limit is {self.timeout_s:g} s of station time "
                        f"({self.limit_frames} frames; {wall})")


@dataclass
class DemoResult:
    """What a demo run did: states passed, frames, screenshots and the saved reports."""
    out_dir: Path | None
    screenshots: list[Path] = field(default_factory=list)
    report_path: Path | None = None
    states: list[str] = field(default_factory=list)
    frames: int = 0
    held_frames: int = 0
    """Frames that passed with the clock held while the station waited for a worker."""
    simulated_s: float = 0.0
    wall_s: float = 0.0
    eye_contact_percent: int | None = None
    """The report's eye contact, as every view of it shows it."""
    report_lines: list[str] = field(default_factory=list)
    """The report panel's figures, as shown."""
    recognizer: str | None = None
    """whisper, vosk, pocketsphinx or typed."""
    heard: list[str] = field(default_factory=list)
    """The answers as the recognizer heard them (or as typed)."""
    turn_latency_ms: list[float] = field(default_factory=list)
    """Per answer: the end-of-answer silence detected → the next utterance's audio ready."""
    task: TaskOutcome | None = None
    """The hands-on task the visitor did on the tour."""
    voices: dict[str, str | None] = field(default_factory=dict)
    """The voices that spoke: each content voice list (``tts_voices``) and the installed voice
    the synthesizer chose for it (None: none installed, captions only)."""

    def summary(self) -> str:
        """The run in a few lines for the terminal."""
        lines = [
            f"demo visitor: {' → '.join(self.states)}",
            f"  {self.frames} frames ({self.held_frames} of them held while the station "
            f"waited for a worker), {self.simulated_s:.0f} s of station time in "
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
        if self.task is not None:
            lines.append(f"  hands-on task ({self.task.kind}): completed {self.task.completed}, "
                         f"{self.task.mistakes} not-yet, {self.task.hints_used} hints, "
                         f"{self.task.duration_s:.0f} s")
        if self.eye_contact_percent is not None:
            lines.append(f"  eye contact: {self.eye_contact_percent} % (the whole interview)")
        if self.out_dir is not None:
            lines.append(f"  {len(self.screenshots)} screenshot(s) and the report in "
                         f"{self.out_dir}")
        return "\n".join(lines)


def demo_script(language: str) -> DemoScript:
    """The demo visitor's answers in ``language``, the interview's (English where there are none)."""
    answers = ANSWERS.get(language, ANSWERS["en"])
    return DemoScript(answers, max_questions=len(answers),
                      follow_up_answer=FOLLOW_UP_ANSWERS.get(language, FOLLOW_UP_ANSWERS["en"]),
                      seed=DEMO_SEED)


class DemoVoice(AudioSource):
    """The demo visitor's voice in place of the station's microphone.

    Used as ``StationParts(
    microphone=voice)``): it delivers what the visitor says, then the silence of a quiet room,
    1/30 s a frame as the station's clock advances, like a microphone would in real time.

    The visitor calls ``advance`` on the render thread each frame; a feeder thread of the
    voice hands the audio on, so the frame never waits. One voice serves every interview and
    spoken comment of a station (``start`` … ``close`` each time).
    """

    simulated = True
    """Its audio follows the stepped clock, not real time: the interview session and the
    dictation take a simulated source's audio only as fast as their recognizer does (its
    ``deliver`` waits), and the visitor holds the clock while the voice is ``behind``. A real
    microphone cannot wait; the demo's voice must not run ahead of a recognizer that is slower
    on a busy machine, or the interview would judge silence on audio not yet heard."""

    def __init__(self, rate_hz: int = RECOGNIZER_RATE_HZ) -> None:
        self.rate_hz = rate_hz
        self._feeder: _Feeder | None = None
        self._speech = b""
        self._lock = threading.Lock()
        self._carry = 0.0

    def __call__(self) -> DemoVoice:
        """As the station's microphone factory: the same voice for every interview."""
        return self

    def start(self, deliver: Deliver) -> None:
        """Begin delivering to ``deliver`` (the station opened the microphone)."""
        with self._lock:
            old, self._feeder = self._feeder, _Feeder(deliver, self.rate_hz)
            self._speech = b""
        if old is not None:
            old.stop()

    def close(self) -> None:
        """Stop delivering (the station closed the microphone); what was not said is dropped."""
        with self._lock:
            old, self._feeder = self._feeder, None
            self._speech = b""
        if old is not None:
            old.stop()

    def say(self, audio: SpeechAudio, after_s: float = THINKING_S) -> None:
        """Say ``audio`` after ``after_s`` of thinking silence."""
        pcm = silence(after_s, self.rate_hz) + resample(audio.pcm, audio.sample_rate_hz,
                                                         self.rate_hz)
        with self._lock:
            self._speech += pcm

    @property
    def speaking(self) -> bool:
        """Whether words are still waiting to be delivered."""
        return bool(self._speech)

    @property
    def behind(self) -> bool:
        """More than ``VOICE_AHEAD_FRAMES`` frames of audio wait for the listener."""
        feeder = self._feeder
        return feeder is not None and feeder.waiting > VOICE_AHEAD_FRAMES

    def advance(self, seconds: float) -> None:
        """Deliver ``seconds`` of audio (speech, then silence) as the station's clock advances."""
        with self._lock:
            feeder = self._feeder
            exact = seconds * self.rate_hz + self._carry
            samples = int(exact)
            self._carry = exact - samples
            chunk, self._speech = self._speech[: 2 * samples], self._speech[2 * samples:]
        if feeder is not None:
            feeder.put(chunk + bytes(2 * samples - len(chunk)))


class _Feeder:
    """Hands one listening's audio to its listener on a thread of its own.

    The listener is ``deliver``; audio goes in
    order; ``deliver`` may wait while the recognizer is behind. Ends at ``stop`` (after a
    ``deliver`` in hand returns: the session and the dictation release it when they stop).
    """

    def __init__(self, deliver: Deliver, rate_hz: int) -> None:
        self._deliver = deliver
        self._rate_hz = rate_hz
        self._chunks: deque[bytes] = deque()
        self._delivering = False
        self._stopped = False
        self._changed = threading.Condition()
        threading.Thread(target=self._run, name="demo-voice", daemon=True).start()

    @property
    def waiting(self) -> int:
        """Chunks not yet taken by the listener (queued or being delivered)."""
        with self._changed:
            return len(self._chunks) + self._delivering

    def put(self, chunk: bytes) -> None:
        with self._changed:
            if not self._stopped:
                self._chunks.append(chunk)
                self._changed.notify()

    def stop(self) -> None:
        with self._changed:
            self._stopped = True
            self._chunks.clear()
            self._changed.notify()

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._chunks and not self._stopped:
                    self._changed.wait()
                if self._stopped:
                    return
                chunk = self._chunks.popleft()
                self._delivering = True
            try:
                self._deliver(chunk, self._rate_hz)
            except Exception:  # the listener's fault; the visitor's wait reports it as stuck
                log.exception("the visitor's voice could not be delivered")
            finally:
                with self._changed:
                    self._delivering = False


class DemoAnswers:
    """The visitor's answers, synthesized by the station's speech output.

    Never cached: they
    are the visitor's words, not the station's). Asking for the voice blocks the first time,
    so that happens on a thread of its own; the rest returns at once.
    """

    def __init__(self, speech: StationSpeech, texts: Sequence[str], voices: Sequence[str]) -> None:
        self.audio: dict[str, SpeechAudio] = {}
        self.failed: list[str] = []
        self._unfinished = set(texts)
        self._lock = threading.Lock()
        threading.Thread(target=self._request, args=(speech, list(dict.fromkeys(texts)),
                                                     list(voices)),
                         name="demo-answers", daemon=True).start()

    def ready(self, text: str) -> bool:
        """Synthesized, or failed (then ``failed`` says why)."""
        with self._lock:
            return text not in self._unfinished

    def _request(self, speech: StationSpeech, texts: list[str], voices: list[str]) -> None:
        try:
            voice = speech.voice_for(voices)
        except Exception as exc:  # no voice at all: every answer fails, and says why
            for text in texts:
                self._done(text, None, exc)
            return
        for text in texts:
            speech.speech_out.request(text, voice, ANSWER_RATE_WPM, partial(self._done, text),
                                      cache=False)

    def _done(self, text: str, audio: SpeechAudio | None, error: Exception | None) -> None:
        with self._lock:
            if audio is not None:
                self.audio[text] = audio
            else:
                self.failed.append(f"{text[:30]}…: {error}")
            self._unfinished.discard(text)


class DemoVisitor:
    """A scripted visitor of the headless station, stepping its frames.

    It looks, clicks, speaks and types through a whole visit.
    """

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
        self.held_for: str | None = None
        """What the last held frame waited for."""
        self.frame_s = 0.0
        """Wall seconds the last frame took to step (rendering included; a held frame's rest
        excluded), for benchmarks."""
        self._own_words: tuple[DemoAnswers, str] | None = None

    # Primitives ----------------------------------------------------------------------------

    @property
    def clock_frames(self) -> int:
        """Frames that moved the station's clock (the others were held for a worker)."""
        return self.result.frames - self.result.held_frames

    def busy(self) -> str | None:
        """The worker thread the station waits for now, or None.

        While there is one, frames
        pass with the clock held: on a slow machine a worker takes longer in wall time, and
        the station's timers (the narrator's patience, the interviewer's silence deadline, the
        kiosk's inactivity) must not run out for that.
        """
        if self.voice is not None and self.voice.behind:
            return "the recognizer to take the visitor's voice"
        jobs = self.station.jobs
        if jobs.pending:
            return f"background jobs ({', '.join(jobs.pending_names())})"
        step = self.station.step
        if isinstance(step, InterviewStep) and step.interview is not None \
                and step.talk.name in ("STARTING", "THINKING"):
            # Not before the session is there: the room fades in first, and a fade needs time.
            return "the interviewer's next words (the interview session's threads)"
        own = self._own_words
        if own is not None and not own[0].ready(own[1]):
            return f"the visitor's own voice ('{own[1][:30]}…' being synthesized)"
        return None

    def frame(self) -> None:
        """One frame: the clock moves one step, or is held while the station waits.

        While the station waits for a worker
        (``busy``), the frame passes with the clock held and rests for the rest of a frame's
        time or until a background job ends, leaving the CPU to the worker (the headless
        renderer uses every core).
        """
        busy = self.busy()
        started = time.monotonic()
        if busy is None:
            self.clock.advance()
            if self.voice is not None:
                self.voice.advance(self.clock.step_s)
        else:
            self.held_for = busy
            self.result.held_frames += 1
        self.station.base.taskMgr.step()
        self.result.frames += 1
        self.frame_s = time.monotonic() - started
        rest_s = self.clock.step_s - self.frame_s
        if busy is not None and rest_s > 0:
            if self.station.jobs.pending:
                self.station.jobs.wait_for_any(rest_s)
            else:
                time.sleep(rest_s)

    def wait(self, seconds: float) -> None:
        """Let ``seconds`` of station time pass (frames held for workers don't count)."""
        until = self.clock_frames + max(1, round(seconds / self.clock.step_s))
        self.wait_until(lambda: self.clock_frames >= until, f"{seconds:.1f} s to pass",
                        seconds + 1.0)

    def wait_until(self, done: Callable[[], bool], what: str, timeout_s: float = 60.0) -> None:
        """Step frames until ``done()``, for at most ``timeout_s`` of station time.

        Frames held
        for a worker don't count; ``HELD_LIMIT_FRAMES`` of them do end the wait.
        """
        limit = WaitLimit(self, what, timeout_s)
        while not done():
            limit.check()
            self.frame()

    def wait_state(self, state: KioskState, timeout_s: float = 60.0) -> None:
        """Step frames until the kiosk is in ``state`` with nothing pending."""
        self.wait_until(lambda: self.station.state is state and not self.station.pending_work(),
                        f"state {state}", timeout_s)
        self.result.states.append(str(state))

    def settle(self, seconds: float = 0.6) -> None:
        """Step frames until nothing is pending, then ``seconds`` more of station time."""
        self.wait_until(lambda: not self.station.pending_work(), "the screen to settle")
        self.wait(seconds)

    def own_words(self, answers: DemoAnswers, text: str) -> SpeechAudio:
        """The visitor's synthesized ``text``, waited for with the clock held.

        A person has
        their words ready; a slow synthesizer must not make them fall silent.
        """
        self._own_words = answers, text
        try:
            self.wait_until(lambda: answers.ready(text), f"the visitor's voice ('{text[:30]}…')")
        finally:
            self._own_words = None
        if text not in answers.audio:
            raise DemoStuck(f"the visitor's voice failed: {'; '.join(answers.failed)}")
        return answers.audio[text]

    def shot(self, name: str) -> None:
        """Save a screenshot named ``name`` (numbered in order) when the run keeps them."""
        if self.out_dir is None:
            return
        self._shots += 1
        path = self.display.screenshot(self.out_dir / f"{self._shots:02d}-{name}.png")
        self.result.screenshots.append(path)

    def target(self, target_id: str) -> Target:
        """The button ``target_id`` on the current step, or ``DemoStuck`` naming the step."""
        targets = self.station.targets_by_id()
        if target_id not in targets:
            raise DemoStuck(f"no button '{target_id}' in {self.station.state} "
                            f"(there are: {', '.join(sorted(targets))})")
        return targets[target_id]

    def look(self, point: tuple[float, float, float]) -> None:
        """Turn the head towards ``point`` (world coordinates)."""
        self.display.look_at(point)

    def look_at_target(self, target_id: str) -> None:
        """Turn the head towards the button ``target_id``."""
        self.look(self.target(target_id).rect.center)

    def look_at_panel(self, name: str) -> None:
        """Turn the head towards the current step's panel ``name``."""
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
        """The whole visit: menus, tour, interview, report, feedback and goodbye."""
        started = time.monotonic()
        self.attract_and_menus()
        self.tour()
        self.interview()
        self.report()
        self.feedback()
        self.goodbye()
        self.result.wall_s = time.monotonic() - started
        self.result.simulated_s = self.clock.now_s()
        self.result.voices = {", ".join(wanted): voice for wanted, voice
                              in self.station.speech.chosen_voices.items()}
        return self.result

    def attract_and_menus(self) -> None:
        """From the attract loop through language, quick check and menu to an occupation."""
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
        """Walk the tour: look at a hotspot, listen, go on to the end."""
        self.wait_state(KioskState.TOUR)
        step = self.station.step
        assert isinstance(step, TourStep)
        self.wait_until(lambda: bool(self.station.captions.text), "the narration to begin")
        self.look_ahead(-14.0, -6.0)
        self.wait(2.5)
        self.shot("tour-first-stop")
        hotspot_shown = facts_shown = False
        for _ in range(len(step.stops)):
            if step.task_here():
                self.hands_on_task(step)
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

    def hands_on_task(self, step: TourStep) -> None:
        """Try the stop's hands-on task: one wrong choice first, then the right ones in turn.

        Things are chosen with the controller; the first place of a sort by gaze dwell, so both
        ways of choosing a thing in the room are used.
        """
        self.look_at_target("task-start")
        self.wait(0.3)
        self.click("task-start")
        self.settle(0.3)
        view = step.task_view
        assert view is not None
        run = view.run
        wrong = next((i.id for i in run.task.items if i.id != run.next_needed()
                      and not i.right and i.place is None), None)
        if wrong is not None:  # find, choose and sequence: a gentle "not yet" first
            self.click(f"task:{wrong}")
            self.settle(0.2)
        self.shot(f"task-{run.task.occupation_id}")
        gazed = False
        while (needed := run.next_needed()) is not None:
            if not gazed and needed in {t.id for t in run.task.targets}:
                self.dwell(f"task:{needed}")  # once: a dwell waits for the hand to rest first
                gazed = True
            else:
                self.click(f"task:{needed}")
            self.settle(0.2)
        self.wait_until(lambda: "task-close" in self.station.targets_by_id(), "the task's end")
        self.look_at_panel("task")
        self.wait(0.5)
        self.shot("task-done")
        self.result.task = run.outcome(self.clock.now_s())
        self.click("task-close")
        self.settle(0.3)

    def interview(self) -> None:
        """The interview: choose the interviewer, answer aloud (or type where none listens)."""
        self.wait_state(KioskState.INTERVIEW)
        step = self.station.step
        assert isinstance(step, InterviewStep)
        # The interview runs in German or English whatever the visitor reads (``interview_language``):
        # the visitor answers in that language, with its voices.
        language = self.station.catalog.interview_language(self.station.ctx.language.code)
        script = self.station.parts.demo or demo_script(language.code)
        answers = None
        if self.voice is not None:
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
        limit = WaitLimit(self, "the end of the interview", 600)
        session: InterviewSession | None = None
        while self.station.state is KioskState.INTERVIEW:
            limit.check()
            self.frame()
            if step.interview is not None:
                session = step.interview
                self.result.recognizer = session.setup.context.recognizer
            glance += 1
            talk = step.talk.name
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
                elif answers is not None and self.voice is not None:
                    # Held frames until the words are synthesized: the interviewer's silence
                    # deadline must not run while a busy machine's synthesizer works.
                    self.voice.say(self.own_words(answers, text))
                    answered_turn = step.turn
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
        """Type on the station's keyboard.

        The interview step takes keystrokes as the
        on-screen keys.
        """
        for char in characters:
            self.station.base.messenger.send("keystroke", [char])

    def report(self) -> None:
        """Read the report panel and keep the report."""
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
        # A longer report (one with the visitor's language beside the German) pages ("1/2 ▸");
        # "continue" stands on its last page.
        while "report-page:next" in self.station.targets_by_id():
            self.click("report-page:next")
            self.settle(0.2)
        # The last page: the tips, explained in the visitor's language with the German beside.
        self.look_at_panel("report")
        self.wait(0.3)
        self.shot("report-end")
        self.click("continue")

    def feedback(self) -> None:
        """Rate the visit, choose chips and leave a comment."""
        self.wait_state(KioskState.FEEDBACK)
        self.settle()
        self.look_at_panel("rating")
        self.wait(0.3)
        self.shot("feedback-rating")
        self.click("rating:4")
        self.settle()
        chips = self.station.catalog.feedback
        for chip in (f"worked:{chips.worked[0].id}", f"worked:{chips.worked[2].id}",
                     f"not_worked:{chips.not_worked[-2].id}"):
            group = chip.partition(":")[0]
            # A group longer than its zone pages ("1/2 ▸"): turn to the chip's page.
            for _ in range(len(chips.worked) + len(chips.not_worked)):  # a page has one chip at least
                if chip in self.station.targets_by_id() \
                        or f"chips-page:{group}:next" not in self.station.targets_by_id():
                    break
                self.click(f"chips-page:{group}:next")
                self.settle()
            self.click(chip)  # DemoStuck names the buttons there are if paging never showed it
        self.look_ahead(0.0, -6.0)
        self.wait(0.3)
        self.shot("feedback-chips")
        self.click("comment")
        self.settle()
        for char in COMMENT.get(self.language, COMMENT["en"]):
            key = "key:space" if char == " " else f"key:{char.lower()}"
            if key not in self.station.targets_by_id() and SWITCH_LAYOUT in self.station.targets_by_id():
                self.click(SWITCH_LAYOUT)  # a language without a comment here types it in Latin letters
            self.click(key)
        self.look_at_panel("comment")
        self.wait(0.3)
        self.shot("feedback-comment")
        self.click("comment-done")
        self.settle()
        self.click("send")

    def goodbye(self) -> None:
        """The thank-you screen until the station returns to the attract loop."""
        self.wait_state(KioskState.THANKS)
        self.settle()
        self.look_at_panel("thanks")
        self.wait(0.3)
        self.shot("thanks")
        thanks_at = self.station.transitions.total
        self.wait_until(lambda: any(t.new is KioskState.ATTRACT
                                    for t in self.station.transitions.since(thanks_at))
                        and not self.station.pending_work(), "the wipe and the attract loop", 40)
        self.result.states += ["wipe", "attract"]
        self.settle(1.0)
        self.shot("attract-again")


def _has_panel(step: TourStep, name: str) -> bool:
    return any(p.name == name for p in step.panels())


def write_summary(result: DemoResult) -> None:
    """Write ``summary.json`` beside the screenshots."""
    if result.out_dir is None:
        return
    summary = {
        "states": result.states, "frames": result.frames, "held_frames": result.held_frames,
        "simulated_s": round(result.simulated_s, 1), "wall_s": round(result.wall_s, 1),
        "screenshots": [p.name for p in result.screenshots],
        "report": result.report_path.name if result.report_path else None,
        "eye_contact_percent": result.eye_contact_percent,
        "recognizer": result.recognizer,
        "turn_latency_ms": [round(ms) for ms in result.turn_latency_ms],
        "voices": result.voices,
    }
    (result.out_dir / "summary.json").write_text(json.dumps(summary, indent=2) + "\n",
                                                 encoding="utf-8")
