"""The station: the kiosk flow, its steps and everything they share, driven frame by frame.

One per-frame task (``frame``) does, in order: read the display's state and the pointers
(gaze, controllers, mouse), let the current step react, turn and teleport the rig when the
visitor asked for it, deliver finished background jobs, advance the kiosk flow's timers and
apply its transitions (behind a fade), and update captions, notices and the gaze cursor.
Nothing in it waits for speech, files or the network.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from calibration import StationProfile, load_profile
from calibration.body import Posture
from catalog.model import Catalog
from speech.sources import AudioSource
from speech.station_speech import station_speech
from speech.synthesis import Synthesizer
from timebase import Clock, MonotonicClock
from vr_station.collector import RenderThreadCollector
from vr_station.comfort.fade import Fader
from vr_station.comfort.locomotion import SnapTurn, TeleportAim, teleport_arc
from vr_station.comfort.loudness import SpeechVolume, sound_effects_gain
from vr_station.comfort.rig import Rig
from vr_station.comfort.teleport_view import TeleportArcView
from vr_station.display.base import DisplayMode, DisplayState
from vr_station.display.untracked import UntrackedDisplay
from vr_station.feedback.health_setup import health_reporter
from vr_station.feedback.sink import FeedbackSink, OutboxFeedback
from vr_station.feedback.station_health import HealthReporter, HelpState
from vr_station.feedback.visit import session_record
from vr_station.interview.engine import EngineInterviews, ListeningSettings
from vr_station.jobs import FILES, BackgroundJobs
from vr_station.kiosk.flow import (
    DisplayLost,
    EndReason,
    KioskEvent,
    KioskFlow,
    KioskState,
    PauseReason,
    StaffLanguage,
    StaffReset,
    StaffSkip,
    Start,
    Transition,
)
from vr_station.kiosk.timing import KioskTimings
from vr_station.kiosk.transition_log import TransitionLog
from vr_station.privacy import expire_kept_reports, scratch_dir, wipe_scratch
from vr_station.session import VisitorSession
from vr_station.sound.narration import Narrator
from vr_station.sound.playback import SpeechPlayer
from vr_station.steps.attract import AttractStep
from vr_station.steps.base import (
    DemoScript,
    SpeechServices,
    Step,
    StepContext,
    UiServices,
    VisitServices,
    WorldServices,
)
from vr_station.steps.feedback import FeedbackStep
from vr_station.steps.interview import InterviewStep
from vr_station.steps.language import LanguageStep
from vr_station.steps.menu import MenuStep
from vr_station.steps.occupation import OccupationStep
from vr_station.steps.quick_check import QuickCheckStep
from vr_station.steps.report import ReportStep
from vr_station.steps.thanks import ThanksStep
from vr_station.steps.tour import TourStep
from vr_station.steps.wipe import WipeStep
from vr_station.ui.captions import CaptionBar
from vr_station.ui.fonts import load_fonts
from vr_station.ui.geometry import angle_between_deg
from vr_station.ui.hands_view import HandsView
from vr_station.ui.help_button import MirrorHelpNotice
from vr_station.ui.hyphens import Hyphenation
from vr_station.ui.input_hint import InputHint
from vr_station.ui.overlays import Notice, PointerRays, StaffHelp
from vr_station.ui.panel import UiKit
from vr_station.ui.pointing import GAZE, PointerFrame, PointerInput, PointerSample
from vr_station.ui.reticle import Reticle
from vr_station.ui.texts import Texts
from vr_station.ui.theme import Theme, register_overlay_bin
from vr_station.world.kit_scenes import KitScenes
from vr_station.world.lobby import Lobby
from vr_station.world.scenes import SceneBuilder

if TYPE_CHECKING:
    from direct.showbase.ShowBase import ShowBase

    from vr_station.config import StationConfig

log = logging.getLogger(__name__)

STEPS: dict[KioskState, type[Step]] = {
    KioskState.ATTRACT: AttractStep,
    KioskState.LANGUAGE: LanguageStep,
    KioskState.QUICK_CHECK: QuickCheckStep,
    KioskState.MENU: MenuStep,
    KioskState.OCCUPATION: OccupationStep,
    KioskState.TOUR: TourStep,
    KioskState.INTERVIEW: InterviewStep,
    KioskState.REPORT: ReportStep,
    KioskState.FEEDBACK: FeedbackStep,
    KioskState.THANKS: ThanksStep,
    KioskState.WIPE: WipeStep,
}
"""The presentation of each state of the kiosk flow."""

HEAD_MOVED_DEG = 4.0
HEAD_MOVED_M = 0.05
"""Head movement beyond this (since the last activity) shows someone is there."""
STAFF_KEYS = {"f5": "reset", "f6": "skip", "f7": "pause", "f8": "language", "f1": "help",
              "f9": "recentre", "f10": "posture", "f2": "call_help"}


@dataclass
class StationParts:
    """The seams, chosen by the entry point. ``None`` takes the station's own."""

    synthesizer: Synthesizer | None = None
    """Text to speech for the guide and the interviewer; None: pyttsx3 in its worker process."""
    microphone: Callable[[], AudioSource] | None = None
    """Where interview answers come from; None: the microphone of the station profile."""
    scenes: SceneBuilder | None = None
    interviews: Callable[[Station], EngineInterviews] | None = None
    feedback: Callable[[Station], FeedbackSink] | None = None
    demo: DemoScript | None = None
    timings: KioskTimings = field(default_factory=KioskTimings)
    profile: StationProfile | None = None
    """None: the station profile next to station.yaml (``vr-station calibrate``)."""
    content_updates: Callable[[], Catalog | None] | None = None
    """The catalog of newly published content, asked for between visits (``ContentFollower``)."""
    content_version: Callable[[], str] | None = None
    """The content version label for the heartbeat (``ContentFollower.content_version``, asked on
    a worker thread); None: a digest of the content folder."""


def offered_languages(config: StationConfig, catalog: Catalog) -> list[str]:
    """Languages the config wants that have content and interface texts, config order first."""
    wanted = [c for c in config.languages if c in catalog.languages and c in catalog.ui]
    if not wanted:
        wanted = [c for c in catalog.languages if c in catalog.ui]
    if not wanted:
        raise RuntimeError("no language has interface texts (content/ui/*.yaml); run "
                           "'vr-station content validate'")
    return wanted


def _report_leftovers(removed: list[Path]) -> None:
    if removed:
        log.warning("removed %d file(s) a previous session left behind", len(removed))


class Station:
    """The running station on one display: kiosk flow, steps, rig, speech, interviews and feedback.

    ``clock`` is the station's time (monotonic by default; the demo steps its own); ``parts`` the
    seams the entry point chose (tests and the demo hand in their own).
    """

    def __init__(self, display: DisplayMode, config: StationConfig, catalog: Catalog, *,
                 clock: Clock | None = None, parts: StationParts | None = None) -> None:
        self.display = display
        self.config = config
        self.catalog = catalog
        self.clock = clock or MonotonicClock()
        self.parts = parts or StationParts()
        self.languages = offered_languages(config, catalog)
        default = config.default_language if config.default_language in self.languages \
            else (catalog.default_language if catalog.default_language in self.languages
                  else self.languages[0])
        self.flow = KioskFlow(self.languages, default, list(catalog.occupations),
                              self.parts.timings)
        self.transitions = TransitionLog()
        """The recent transitions (the event stream, the demo and tests read them)."""
        self.step: Step | None = None
        self.session: VisitorSession | None = None
        self.frame_times_s: deque[float] = deque(maxlen=10_000)
        self.collector = RenderThreadCollector()
        """Python's cycle collection, on this thread only while the station runs."""
        self._events: deque[KioskEvent] = deque()
        self._last_now_s: float | None = None
        self._switching = False
        self._closed = False
        self._head_reference: tuple[Any, Any] | None = None
        self._step_started_s = 0.0
        self._snap_turns: dict[str, SnapTurn] = {}
        self._teleports: dict[str, TeleportAim] = {}
        self._subscriptions: list[str] = []
        self.player_paused = False
        self._choices: deque[str] = deque(maxlen=64)
        self.choices_made = 0
        """How many buttons the visitor chose so far (scripts wait on it)."""

    # Start and stop ------------------------------------------------------------------------

    def start(self) -> ShowBase:
        """Open the display and set up everything the steps share, then enter the kiosk's first step.

        Returns the ShowBase; ``run`` (or a script stepping ``base.taskMgr``) drives the frames.
        """
        base = self.display.open()
        self.base = base
        self.collector.start()
        base.setBackgroundColor(0.08, 0.12, 0.16, 1)
        self.theme = Theme()
        register_overlay_bin()
        self.fonts = load_fonts()
        self.jobs = BackgroundJobs()
        self.profile = self.parts.profile or load_profile(self.config.paths.profile_file)
        self.rig = Rig(base.render, self.display,
                       tracks_head=not isinstance(self.display, UntrackedDisplay),
                       headset=self.profile.headset)
        self.rig.use_natural_height()
        self.lobby = Lobby(base.render, self.theme)
        self.fader = Fader(self.rig.head)
        self.fader.black()
        self.reticle = Reticle(self.rig.head, self.theme)
        self.rays = PointerRays(base.render, self.theme.colours.accent)
        self.hands_view = HandsView(self.rig.node)
        self.arc_view = TeleportArcView(base.render)
        self.pointer = PointerInput()
        texts = self._texts(self.flow.context.language)
        self.kit = UiKit(self.fonts, self.theme, rtl=texts.rtl,
                         hyphenation=Hyphenation.for_language(texts.language))
        self.captions = CaptionBar(self.kit, base.render, self.rig.head)
        self.player = SpeechPlayer(base, self.rig.head)
        self.volume = SpeechVolume(self.profile.speaker, sound_effects_gain(base))
        if not self.player.audible:
            log.info("no sound output: speech is shown as captions (and timed) only")
        # One speech path (pyttsx3 worker and cache) for the guide and the interviewer.
        self.speech = station_speech(self.config.paths.cache_dir, self.parts.synthesizer)
        self.narrator = Narrator(self.jobs, self.speech, self.player, self.captions,
                                 self.clock.now_s, self.catalog.languages[self.catalog.default_language]
                                 .tts_voices)
        self.still_there = Notice(self.kit, base.render, self.rig.head, "still-there", 1.3)
        self.paused_notice = Notice(self.kit, base.render, self.rig.head, "paused")
        self.input_hint = InputHint(self.kit, base.render, self.rig.head, self.captions)
        self.staff_help = StaffHelp(base.aspect2d, self.fonts.regular) \
            if self.display.name != "headless" else None
        feedback = self.parts.feedback(self) if self.parts.feedback \
            else OutboxFeedback(self.config, self.jobs)
        self.mirror_help = MirrorHelpNotice(base.aspect2d, self.fonts.regular)
        self.health: HealthReporter = health_reporter(self, feedback, self._help_changed)
        self.interviews = self.parts.interviews(self) if self.parts.interviews \
            else EngineInterviews(self.catalog, self.speech, self.config.paths.models_dir,
                                  self.clock.now_s, microphone=self.parts.microphone,
                                  listening=ListeningSettings.from_profile(self.profile),
                                  speech_settings=self.config.speech)
        self.world_root = base.render.attachNewNode("world")
        self.ctx = StepContext(
            base=base, config=self.config, catalog=self.catalog, languages=self.languages,
            profile=self.profile, jobs=self.jobs, clock=self.clock.now_s, send=self.send,
            touch=self._touch,
            speech=SpeechServices(self.speech, self.player, self.narrator, self.captions,
                                  self.volume),
            world=WorldServices(self.rig, self.fader, self.lobby,
                                self.parts.scenes or self._kit_scenes(), self.world_root),
            visit=VisitServices(self.interviews, feedback, self.parts.demo),
            ui=UiServices(self.kit, texts), help_desk=self.health)
        # A crash may have left a session folder behind: nothing of that visitor may stay.
        leftover = scratch_dir(self.config.paths.cache_dir)
        self.jobs.submit(FILES, "start-wipe", lambda: wipe_scratch(leftover),
                         on_done=_report_leftovers)
        data_dir, kept_days = self.config.paths.data_dir, self.config.kept_reports.retention_days
        self.jobs.submit(FILES, "expire-kept-reports",
                         lambda: expire_kept_reports(data_dir, kept_days, datetime.now()))
        for key, action in STAFF_KEYS.items():
            base.accept(key, self._staff, [action])
            self._subscriptions.append(key)
        base.taskMgr.add(self._frame_task, "station-frame", sort=10)
        self._enter(self.flow.state)
        self.fader.in_()
        return base

    def run(self) -> None:
        """Render until the window closes or the display ends the session (desktop, xr)."""
        base = self.base
        while not self._closed and self.display.state() is not DisplayState.CLOSED:
            base.taskMgr.step()

    def close(self) -> None:
        """Leave cleanly: end the visitor's session (wipe) and release the display."""
        if self._closed:
            return
        self._closed = True
        if self.session is not None:
            self._send_unfinished_feedback(self.session)
            self.ctx.visit.feedback.end_visit(str(self.session.session_id))
            self.session.forget()
            folder = scratch_dir(self.config.paths.cache_dir)
            try:
                wipe_scratch(folder)  # shutting down: nothing renders any more
            except OSError as exc:
                log.error("could not wipe %s at shutdown: %s", folder, exc)
        if self.step is not None:
            self.step.exit()
            self.step = None
        base = self.base
        for key in self._subscriptions:
            base.ignore(key)
        base.taskMgr.remove("station-frame")
        self.jobs.drain()
        self.jobs.shutdown()
        self.health.close()
        self.mirror_help.destroy()
        self.ctx.visit.feedback.close()
        self.interviews.close()
        self.speech.close()
        self.player.destroy()
        for part in (self.captions, self.reticle, self.fader, self.lobby, self.rays,
                     self.arc_view, self.hands_view, self.input_hint):
            part.destroy()
        self.still_there.hide()
        self.paused_notice.hide()
        if self.staff_help is not None:
            self.staff_help.destroy()
        self.world_root.removeNode()
        self.rig.destroy()
        self.display.close()
        self.collector.stop()

    def _kit_scenes(self) -> KitScenes:
        looks = {persona.look for persona in self.catalog.personas.values()}
        return KitScenes(self.catalog.workplaces, looks, self.jobs)

    def _send_unfinished_feedback(self, session: VisitorSession) -> None:
        """The station shuts down mid-visit: the center still learns of the visit (abandoned)."""
        flow = self.ctx.flow
        if session.feedback_sent or flow is None:
            return
        session.feedback_sent = True
        record = session_record(session, replace(flow, end_reason=EndReason.STAFF_RESET),
                                self.config.station_id, self.clock.now_s())
        if record is not None:
            self.ctx.visit.feedback.submit(record)

    def _note_visit(self, session: VisitorSession, now_s: float) -> None:
        """Note the visit under way as the abandoned record a crash now would leave (file lane)."""
        flow = self.ctx.flow
        if flow is None or flow.intent is None:
            return
        record = session_record(session, replace(flow, end_reason=EndReason.STAFF_RESET),
                                self.config.station_id, now_s)
        if record is not None:
            self.ctx.visit.feedback.note_visit(record)

    # Events --------------------------------------------------------------------------------

    def send(self, event: KioskEvent) -> None:
        """Queue an event for the flow; handled at the next frame (never inside a callback)."""
        self._events.append(event)

    def _staff(self, action: str) -> None:
        now = self.clock.now_s()
        log.info("staff key: %s", action)
        if action == "reset":
            self.send(StaffReset())
        elif action == "skip":
            self.send(StaffSkip())
        elif action == "pause":
            if PauseReason.STAFF in self.flow.pauses:
                self.flow.resume(PauseReason.STAFF, now)
            else:
                self.flow.pause(PauseReason.STAFF, now)
        elif action == "language":
            index = self.languages.index(self.flow.context.language)
            self.send(StaffLanguage(self.languages[(index + 1) % len(self.languages)]))
        elif action == "help" and self.staff_help is not None:
            self.staff_help.toggle()
        elif action == "recentre" and self.step is not None:
            self.step.recentre()
        elif action == "posture" and self.step is not None:
            self.step.change_posture(Posture.SEATED if self.rig.posture is Posture.STANDING
                                     else Posture.STANDING)
        elif action == "call_help":
            self.health.call_help(str(self.flow.state), now)

    def _help_changed(self, state: HelpState) -> None:
        """The visit's call for help changed: the visitor's help panel and the mirror show it."""
        self.mirror_help.show(state)
        if self.step is not None and not self._switching:
            self.step.show_help()

    def _touch(self) -> None:
        self.flow.touch(self.clock.now_s())

    # The frame -----------------------------------------------------------------------------

    def _frame_task(self, task: Any) -> Any:
        started = time.perf_counter()
        self.frame()
        self.frame_times_s.append(time.perf_counter() - started)
        return task.cont

    def frame(self) -> None:
        """One frame of the station, as the module docstring lists it (the per-frame task calls it)."""
        now = self.clock.now_s()
        dt = 0.0 if self._last_now_s is None else max(0.0, min(0.25, now - self._last_now_s))
        self._last_now_s = now
        self._watch_display(now)
        paused = self.flow.paused
        frame = self._point(dt) if not (paused or self._switching or self.fader.busy) else None
        step = self.step
        if frame is not None and step is not None:
            self._notice_activity(frame, now)
            step.show_pointing(frame, dt)
            for target in frame.chosen:
                self._choices.append(target)
                self.choices_made += 1
                step.choose(target)
            if frame.pressed and self.flow.state is KioskState.ATTRACT:
                self.send(Start())
            self._move(dt)
        if step is not None and not paused and not self._switching:
            step.update(dt, now)
            if self.flow.wrap_up_requested:
                step.request_wrap_up()
        self.jobs.drain()
        self.health.tick(now)
        self.player.update(now)
        self.narrator.update(now)
        while self._events and not self._switching:
            self._apply(self.flow.handle(self._events.popleft(), now))
        if not self._switching:
            self._apply(self.flow.tick(now))
        self._overlays(now, dt, frame)
        self.fader.update(dt)
        self.collector.frame()

    def _watch_display(self, now: float) -> None:
        state = self.display.state()
        headset_off = PauseReason.HEADSET_OFF in self.flow.pauses
        if state is DisplayState.PAUSED and not headset_off:
            self.flow.pause(PauseReason.HEADSET_OFF, now)
        elif state is DisplayState.RUNNING and headset_off:
            self.flow.resume(PauseReason.HEADSET_OFF, now)
            if self.step is not None:
                # Whoever put the headset (back) on may face anywhere: the step's panels come
                # to stand in front of them, while the view is still dark from the pause.
                self.step.recentre()
        elif state is DisplayState.LOST:
            self.send(DisplayLost())
        if self.flow.paused and not self.player_paused:
            self.player.pause(now)
            self.player_paused = True
        elif not self.flow.paused and self.player_paused:
            self.player.resume(now)
            self.player_paused = False

    def _point(self, dt: float) -> PointerFrame:
        samples = [PointerSample(GAZE, self.rig.gaze_ray())]
        hands = self.rig.hand_rays(self.display.controllers())
        samples += [PointerSample(h.hand, h.ray, h.select, h.source, h.grip) for h in hands]
        mouse = getattr(self.display, "mouse_ray", None)
        mouse_sample = mouse() if callable(mouse) else None
        if mouse_sample is not None:
            # The held button drags a task's item, as a squeeze carries it in the headset.
            samples.append(PointerSample("mouse", mouse_sample[0], mouse_sample[1],
                                         grip=mouse_sample[1]))
        targets = self.step.targets() if self.step is not None else []
        frame = self.pointer.update(samples, targets, dt)
        self.rays.update([(h.hand, h.ray, frame.hits[h.hand].distance_m
                           if h.hand in frame.hits else None) for h in hands])
        self.hands_view.update(self.display.controllers())
        return frame

    def _notice_activity(self, frame: PointerFrame, now: float) -> None:
        head = (self.rig.head_position(), self.rig.head_forward())
        reference = self._head_reference
        moved = reference is None or angle_between_deg(reference[1], head[1]) > HEAD_MOVED_DEG \
            or sum((a - b) ** 2 for a, b in zip(reference[0], head[0], strict=True)) \
            > HEAD_MOVED_M ** 2
        if frame.active or moved:
            self._head_reference = head
            self.flow.touch(now)

    def _move(self, dt: float) -> None:
        """Snap turns and teleports the visitor asked for with a controller or the keyboard."""
        step = self.step
        take_turns = getattr(self.display, "take_turn_request", None)
        if callable(take_turns):
            request = take_turns()
            if request:
                self.rig.snap_turn(30.0 * request)
        aiming = False
        for hand in self.rig.hand_rays(self.display.controllers()):
            turn = self._snap_turns.setdefault(hand.hand, SnapTurn()).update(hand.thumbstick[0])
            if turn:
                self.rig.snap_turn(turn)
            area = step.teleport_area() if step is not None else None
            if area is None:
                continue
            arc = teleport_arc(hand.ray, area, fits=partial(self.rig.play_area_fits, area))
            aim = self._teleports.setdefault(hand.hand, TeleportAim())
            if aim.update(hand.thumbstick[1], arc.valid) and arc.landing is not None:
                self._teleport(arc.landing)
            if aim.aiming:
                aiming = True
                self.arc_view.show(arc)
        if not aiming:
            self.arc_view.hide()

    def _teleport(self, landing: tuple[float, float]) -> None:
        def there() -> None:
            self.rig.place_head(landing)
            self.fader.in_(duration_s=0.15)

        self.fader.out(then=there, duration_s=0.15)

    # Transitions ---------------------------------------------------------------------------

    def _apply(self, transition: Transition | None) -> None:
        if transition is None:
            return
        self.transitions.append(transition)
        log.info("kiosk: %s → %s (%s)", transition.old, transition.new, transition.cause)
        self._switching = True
        self.fader.out(then=self._switch)

    def _switch(self) -> None:
        now = self.clock.now_s()
        state = self.flow.state
        context = self.flow.context
        if self.step is not None:
            if self.session is not None:
                key = str(self.step.state)
                self.session.seconds_by_step[key] = self.session.seconds_by_step.get(key, 0.0) \
                    + now - self._step_started_s
            self.step.exit()
            self.step = None
        if state is KioskState.ATTRACT:
            self._take_content_update()
            context = self.flow.context
        if state is KioskState.ATTRACT or (self.session is not None
                                            and self.session.number != context.session_number):
            if self.session is not None:
                self.ctx.visit.feedback.end_visit(str(self.session.session_id))
            self.session = None
            self.health.forget_visit()  # the next visitor starts without the last one's call
        if state is not KioskState.ATTRACT and self.session is None:
            self.session = VisitorSession(context.session_number, now,
                                          scratch_dir(self.config.paths.cache_dir))
            # A new visitor is told how they are choosing, whatever the last one used.
            self.pointer.forget_method()
            self.input_hint.forget()
        if self.ctx.ui.texts.language != context.language:
            self._set_language(context.language)
        self.ctx.flow = context
        self.ctx.session = self.session
        if self.session is not None and not self.session.feedback_sent:
            self._note_visit(self.session, now)
        self.pointer.reset()
        self._enter(state)
        self._switching = False
        self.fader.in_()

    def _take_content_update(self) -> None:
        """Switch to newly published content, only here: between two visitors (issue 16)."""
        catalog = self.parts.content_updates() if self.parts.content_updates else None
        if catalog is None:
            return
        languages = offered_languages(self.config, catalog)
        log.info("content: switching to %s (%d occupations)", catalog.content_dir,
                 len(catalog.occupations))
        self.catalog = catalog
        self.languages = languages
        self.flow.languages = languages
        self.flow.occupations = list(catalog.occupations)
        if self.flow.default_language not in languages:
            self.flow.default_language = languages[0]
        if self.flow.context.language not in languages:
            self.flow.context = replace(self.flow.context, language=self.flow.default_language)
        self.ctx.catalog = catalog
        self.ctx.languages = tuple(languages)
        if isinstance(self.interviews, EngineInterviews):
            self.interviews.catalog = catalog
        if self.parts.scenes is None:
            self.ctx.world = replace(self.ctx.world, scenes=self._kit_scenes())
        self._set_language(self.flow.context.language)

    def _enter(self, state: KioskState) -> None:
        step = STEPS[state](self.ctx)
        if step.uses_lobby:
            self.lobby.show()
        self.step = step
        self._step_started_s = self.clock.now_s()
        self.captions.recentre()
        step.enter()

    def _set_language(self, code: str) -> None:
        texts = self._texts(code)
        self.kit = UiKit(self.fonts, self.theme, rtl=texts.rtl,
                         hyphenation=Hyphenation.for_language(texts.language))
        self.ctx.ui = UiServices(self.kit, texts)
        self.still_there.set_kit(self.kit)
        self.paused_notice.set_kit(self.kit)
        self.input_hint.set_kit(self.kit)

    def _texts(self, code: str) -> Texts:
        language = self.catalog.languages.get(code)
        return Texts(self.catalog.ui[code], rtl=language is not None and language.direction == "rtl")

    def _overlays(self, now: float, dt: float, frame: PointerFrame | None) -> None:
        # Language may change mid-step (staff key): rebuild the step's texts.
        if self.step is not None and self.ctx.ui.texts.language != self.flow.context.language \
                and not self._switching:
            self._set_language(self.flow.context.language)
            self.ctx.flow = self.flow.context
            self.step.rebuild_ui()
        warning = self.flow.inactivity_warning_s()
        if warning is not None:
            self.still_there.show(self.ctx.ui.texts("still_there", seconds=max(1, round(warning))))
        else:
            self.still_there.hide()
        if self.flow.paused:
            self.paused_notice.show(self.ctx.ui.texts("paused"))
        else:
            self.paused_notice.hide()
        help_zone = self.step.help_reserved() if self.step is not None else None
        self.captions.update(now, dt, help_zone)
        self.reticle.set_visible(not self.fader.busy)
        if frame is not None:
            self.reticle.update(frame.hovered.get(GAZE) is not None, frame.dwell_progress)
            self.input_hint.update(frame.method, self.ctx.ui.texts, now, help_zone)
        if self.staff_help is not None:
            context = self.flow.context
            self.staff_help.set_status(
                f"{self.flow.state} · {context.language} · "
                f"{'PAUSE · ' if self.flow.paused else ''}F1: Hilfe/help")

    # For scripts and tests -----------------------------------------------------------------

    def targets_by_id(self) -> dict[str, Any]:
        """The current step's targets by id (scripts and tests point at them)."""
        return {t.id: t for t in (self.step.targets() if self.step is not None else [])}

    def recent_choices(self, since: int) -> list[str]:
        """Targets chosen after ``choices_made`` was ``since`` (at most the last 64)."""
        count = self.choices_made - since
        return list(self._choices)[-count:] if count > 0 else []

    @property
    def state(self) -> KioskState:
        """The kiosk state the station shows now."""
        return self.flow.state

    def pending_work(self) -> bool:
        """Whether anything is still under way: background jobs, a step change, a fade or queued events."""
        return self.jobs.pending > 0 or self._switching or self.fader.busy or bool(self._events)
