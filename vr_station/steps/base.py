"""What every kiosk step is: an owner of panels, nodes, tasks and event subscriptions.

A step is entered when the kiosk flow enters its state and exited when the flow leaves it;
``exit`` removes everything the step made, in one place (Panda3D's DirectObject habit:
``accept``/``addTask`` then ``ignoreAll``/``removeAllTasks``). The station hands every step a
``StepContext``: the services it may use, passed in, never looked up globally.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from direct.showbase.DirectObject import DirectObject
from panda3d.core import NodePath

from calibration.body import Posture
from vr_station.feedback.station_health import HelpState
from vr_station.kiosk.flow import FlowContext, KioskEvent, KioskState
from vr_station.ui.help_button import HELP_TARGET, compact_kit, fill_help_panel
from vr_station.ui.layout import Arrangement, Placement, Reserved, zone
from vr_station.ui.panel import Panel, UiKit
from vr_station.ui.pointing import PointerFrame, Target

if TYPE_CHECKING:
    from direct.showbase.ShowBase import ShowBase

    from calibration.profile import StationProfile
    from catalog.model import Catalog, Language
    from speech.station_speech import StationSpeech
    from vr_station.comfort.fade import Fader
    from vr_station.comfort.locomotion import Area
    from vr_station.comfort.loudness import SpeechVolume
    from vr_station.comfort.rig import Rig
    from vr_station.config import StationConfig
    from vr_station.feedback.sink import FeedbackSink
    from vr_station.interview.engine import EngineInterviews
    from vr_station.jobs import BackgroundJobs
    from vr_station.session import VisitorSession
    from vr_station.sound.narration import Narrator
    from vr_station.sound.playback import SpeechPlayer
    from vr_station.ui.captions import CaptionBar
    from vr_station.ui.texts import Texts
    from vr_station.world.lobby import Lobby
    from vr_station.world.scenes import SceneBuilder


@dataclass(frozen=True)
class DemoScript:
    """What the scripted demo visitor does where a real visitor would speak or type."""

    answers: tuple[str, ...]
    """One per main question, spoken (or typed, without a recognizer for the language)."""
    max_questions: int
    follow_up_answer: str = ""
    """For any follow-up question or repeat."""
    seed: int | None = None
    """The interview's questions and follow-ups, reproducibly."""


@dataclass(frozen=True)
class SpeechServices:
    """The station's voice: one speech path for the guide and the interviewer, and what goes with it.

    3-D playback on the station's clock, the guide's narration, the caption bar and this visit's
    volume.
    """

    synthesizer: StationSpeech
    player: SpeechPlayer
    narrator: Narrator
    captions: CaptionBar
    volume: SpeechVolume
    """This session's speech volume (the visitor may raise it in the quick check)."""


@dataclass(frozen=True)
class WorldServices:
    """Where the visitor is: the rig (head, hands, posture), fades, the lobby and the scenes.

    The scenes are the workplaces and the interview room, built under ``root``.
    """

    rig: Rig
    fader: Fader
    lobby: Lobby
    scenes: SceneBuilder
    root: NodePath
    """Scenes and hotspots hang here (the station removes it at exit)."""


@dataclass(frozen=True)
class VisitServices:
    """What a visit produces goes here: interviews (and speech in) and the anonymous feedback."""

    interviews: EngineInterviews
    feedback: FeedbackSink
    demo: DemoScript | None = None
    """The scripted demo visitor's answers, where it plays the visitor."""


@dataclass(frozen=True)
class UiServices:
    """The panels' look and words in the visitor's language.

    The station swaps the whole object when the language changes.
    """

    kit: UiKit
    texts: Texts


class HelpDesk(Protocol):
    """Where the "get help" button's call goes (``feedback.station_health.HealthReporter``)."""

    @property
    def help_state(self) -> HelpState:
        """The current visit's call for help."""
        ...

    def call_help(self, step: str, now_s: float) -> None:
        """The visitor asked for help in ``step``."""
        ...


class StepContext:
    """The station's services for the steps, built in one place (``station.Station.start``).

    The station updates ``ui``, ``flow`` and ``session``.
    """

    def __init__(self, *, base: ShowBase, config: StationConfig, catalog: Catalog,
                 languages: Sequence[str], profile: StationProfile, jobs: BackgroundJobs,
                 clock: Callable[[], float], send: Callable[[KioskEvent], None],
                 touch: Callable[[], None], speech: SpeechServices, world: WorldServices,
                 visit: VisitServices, ui: UiServices, help_desk: HelpDesk | None = None) -> None:
        self.base = base
        self.render: NodePath = base.render
        self.config = config
        self.catalog = catalog
        self.languages = tuple(languages)
        """Languages the visitor can choose (content, interface texts and config agree)."""
        self.profile = profile
        """What staff calibrated (vr-station calibrate): floor, posture, volume, play area."""
        self.jobs = jobs
        self.clock = clock
        self.send = send
        self.touch = touch
        """The visitor is active (speaking, for instance): restart the inactivity timer."""
        self.speech = speech
        self.world = world
        self.visit = visit
        self.ui = ui
        self.help_desk = help_desk
        """Where a call for help goes; None: no "get help" button (a test's bare station)."""
        self.flow: FlowContext | None = None
        self.session: VisitorSession | None = None

    @property
    def language(self) -> Language:
        """The visitor's language as content describes it (the default language if it has none)."""
        code = self.ui.texts.language
        return self.catalog.languages.get(code) or self.catalog.languages[
            self.catalog.default_language]

    def require_session(self) -> VisitorSession:
        """The current visitor's session; RuntimeError outside one."""
        if self.session is None:
            raise RuntimeError("this step needs a visitor session")
        return self.session


log = logging.getLogger(__name__)


class Step(DirectObject):
    """Base of every step. Subclasses build their UI in ``build_ui`` from their own state."""

    state: KioskState
    uses_lobby = True
    """Show the calm lobby (sky, floor grid) around this step."""
    arrangement = Arrangement.SINGLE
    """The layout's zones this step's panels and the captions stand in (``arrange`` changes it)."""
    offers_help = True
    """Show the "get help" button in the layout's help zone (issue 16: on every screen)."""

    def __init__(self, ctx: StepContext) -> None:
        self.ctx = ctx
        self._panels: list[Panel] = []
        self._nodes: list[NodePath] = []
        self.stage: NodePath | None = None
        self._eye_z: float | None = None
        """Eye height when the stage was made: panels stand relative to it."""
        self._wrap_up_requested = False
        self._help_panel: Panel | None = None
        self._too_large: set[tuple[str, str, str]] = set()
        """(arrangement, zone, panel) already logged as larger than its zone: a screen that is
        rebuilt at every chip or page choice says so once, not at every rebuild."""

    # Lifecycle -------------------------------------------------------------------------------

    def enter(self) -> None:
        """Make the stage in front of the visitor and build the step's panels on it."""
        self.make_stage()
        self.arrange(type(self).arrangement)
        self.build_ui()
        self.show_help()

    def arrange(self, arrangement: Arrangement) -> None:
        """Use ``arrangement``'s zones from now on; the captions move to its captions zone."""
        self.arrangement = arrangement
        self.ctx.speech.captions.place_in(zone(arrangement, "captions"))
        # Panels stand relative to the eyes as they are now: a step may have seated the visitor
        # since its stage was made (the interview desk), and zones are angles from the eye.
        self._eye_z = self.ctx.world.rig.head_position()[2]
        if self._help_panel is not None:  # another arrangement may have its help zone elsewhere
            self.place(self._help_panel, align="top")

    def build_ui(self) -> None:
        """Create this step's panels (again after a language change)."""

    def rebuild_ui(self) -> None:
        """Build the panels again from the step's state (another language, another eye height)."""
        for panel in self._panels:
            panel.destroy()
        self._panels.clear()
        self._help_panel = None
        self.build_ui()
        self.show_help()

    def show_help(self) -> None:
        """(Re)build the "get help" panel for the help desk's state, in the help zone."""
        desk = self.ctx.help_desk
        if desk is None or not self.offers_help:
            return
        if self._help_panel is not None:
            self.drop_panel(self._help_panel)
        where = zone(self.arrangement, "help")
        panel = Panel(compact_kit(self.ctx.ui.kit), self._stage(), "help", where.width_m(),
                      distance_m=where.distance_m)
        panel.zone_name = "help"
        self._panels.append(panel)
        self._help_panel = fill_help_panel(panel, desk.help_state, self.ctx.ui.texts)
        self.place(panel, align="top")

    def help_reserved(self) -> Reserved | None:
        """The help zone while its button (or the call's state) stands there, in the world.

        What follows the head keeps clear of it (``ui.input_hint``).
        """
        if self._help_panel is None or self.stage is None or self.stage.isEmpty():
            return None
        return Reserved(self.stage.getH(self.ctx.render), zone(self.arrangement, "help").area)

    def exit(self) -> None:
        """Remove everything the step made: subscriptions, tasks, narration, panels, nodes and stage."""
        self.ignoreAll()
        self.removeAllTasks()
        self.ctx.speech.narrator.stop()
        for panel in self._panels:
            panel.destroy()
        self._panels.clear()
        self._help_panel = None
        for node in self._nodes:
            if not node.isEmpty():
                node.removeNode()
        self._nodes.clear()
        if self.stage is not None and not self.stage.isEmpty():
            self.stage.removeNode()
        self.stage = None

    def update(self, dt_s: float, now_s: float) -> None:
        """Once per frame while the step is active."""

    def request_wrap_up(self) -> None:
        """Called every frame once the time limit ran out; wraps up once."""
        if not self._wrap_up_requested:
            self._wrap_up_requested = True
            self.wrap_up()

    def teleport_area(self) -> Area | None:
        """Where the visitor may teleport in this step; None: nowhere (menus, interview)."""
        return None

    def wrap_up(self) -> None:
        """The step's time limit ran out: come to an end (the flow moves on after a grace)."""
        self.ctx.send(_finish())

    # Comfort (VR buttons and staff keys) -----------------------------------------------------

    def recentre(self) -> None:
        """Bring this step back in front of the visitor, wherever they turned or walked.

        The head goes above the spot the step was made for, looking the way its panels face.
        """
        stage = self._stage()
        spot = stage.getPos(self.ctx.render)
        self.ctx.world.rig.recentre((spot[0], spot[1]), stage.getH(self.ctx.render))
        self.ctx.speech.captions.recentre()

    def change_posture(self, posture: Posture, eye_height_m: float | None = None) -> None:
        """The visitor now stands or sits (``eye_height_m``: as the quick check measured it)."""
        self.ctx.world.rig.set_posture(posture, eye_height_m)
        if self.ctx.session is not None:
            self.ctx.session.posture = posture
        self.posture_changed()

    def posture_changed(self) -> None:
        """The eye height changed: panels stand again at the new eye level."""
        self._eye_z = self.ctx.world.rig.head_position()[2]
        self.rebuild_ui()

    # Input -----------------------------------------------------------------------------------

    def targets(self) -> list[Target]:
        """Every enabled button on this step's panels, for pointing."""
        found: list[Target] = []
        for panel in self._panels:
            found += panel.targets(self.ctx.render)
        return found

    def show_pointing(self, frame: PointerFrame, dt_s: float) -> None:
        """Show each panel's hover outlines and dwell progress for this frame."""
        hovered = list(frame.hovered.values())
        for panel in self._panels:
            panel.show_pointing(hovered, frame.dwell_target, frame.dwell_progress, dt_s)

    def choose(self, target_id: str) -> None:
        """A target was chosen: flash its button, then let the step act on it (``on_choose``)."""
        for panel in self._panels:
            button = panel.buttons.get(target_id)
            if button is not None:
                button.flash()
        if target_id == HELP_TARGET and self.ctx.help_desk is not None:
            self.ctx.help_desk.call_help(str(self.state), self.ctx.clock())
            return
        self.on_choose(target_id)

    def on_choose(self, target_id: str) -> None:
        """A button (or another target) of this step was chosen."""

    # Ownership helpers -----------------------------------------------------------------------

    def panel(self, name: str, width_m: float | None = None, *, zone_name: str = "content",
              parent: NodePath | None = None, on_top: bool = False) -> Panel:
        """A panel this step owns for the layout zone ``zone_name``, on its stage unless ``parent``.

        It is sized for the zone's distance and at most as wide as the zone (``width_m`` None:
        the zone's width); ``place`` stands it there. ``on_top`` paints it over the step's other
        panels (a detail the visitor just opened).
        """
        where = zone(self.arrangement, zone_name)
        room = where.width_m()
        panel = Panel(self.ctx.ui.kit, parent if parent is not None else self._stage(), name,
                      room if width_m is None else min(width_m, room),
                      distance_m=where.distance_m)
        panel.zone_name = zone_name
        if on_top:
            transform = panel.root.getMat(self.ctx.render)
            panel.root.reparentTo(self.ctx.render, 50)
            panel.root.setMat(self.ctx.render, transform)
        self._panels.append(panel)
        return panel

    def panels(self) -> list[Panel]:
        """The panels this step owns now."""
        return list(self._panels)

    def drop_panel(self, panel: Panel) -> None:
        """Destroy ``panel`` now, before the step exits."""
        if panel in self._panels:
            self._panels.remove(panel)
        if panel is self._help_panel:
            self._help_panel = None
        panel.destroy()

    def own(self, node: NodePath) -> NodePath:
        """Remove ``node`` when the step exits; returns it."""
        self._nodes.append(node)
        return node

    def make_stage(self) -> NodePath:
        """A node on the floor below the head, turned the way the head faces.

        Panels stand in front of where the visitor looks when the step begins, not where the room
        faces.
        """
        if self.stage is not None and not self.stage.isEmpty():
            self.stage.removeNode()
        render = self.ctx.render
        x, y, z = self.ctx.world.rig.head_position()
        self.stage = render.attachNewNode(f"stage-{self.state}")
        self.stage.setPos(x, y, 0.0)
        self.stage.setH(self.ctx.world.rig.head_yaw_deg())
        self._eye_z = z
        return self.stage

    def _stage(self) -> NodePath:
        return self.stage if self.stage is not None else self.make_stage()

    def place(self, panel: Panel, *, align: str = "center") -> Panel:
        """Stand a finished panel in its layout zone, facing the visitor's eyes.

        The layout (``ui.layout``) decides where: the zone's centre (``align`` "top" or "bottom"
        to hang from its top or stand on its bottom), shrunk if the panel is larger than the zone.
        """
        where = zone(self.arrangement, panel.zone_name)
        placement = where.fit(panel.width_m, panel.height_m, align=align)
        screen = (str(self.arrangement), where.name, panel.name)
        if not placement.fits and screen not in self._too_large:
            self._too_large.add(screen)
            log.warning("panel %r (%.2f × %.2f m) is larger than the %s zone %r even at the "
                        "smallest text size", panel.name, panel.width_m, panel.height_m,
                        self.arrangement, where.name)
        self._stand(panel.root, placement)
        panel.placement = placement
        return panel

    def fits(self, panel: Panel) -> bool:
        """Whether a finished ``panel`` fits its layout zone, shrunk at most to ``MIN_SCALE``.

        Text never gets smaller than ``layout.MIN_TEXT_DEG``: a step pages its content until
        this holds.
        """
        where = zone(self.arrangement, panel.zone_name)
        return where.fit(panel.width_m, panel.height_m).fits

    def _stand(self, node: NodePath, placement: Placement) -> None:
        yaw, pitch = math.radians(placement.yaw_deg), math.radians(placement.pitch_deg)
        horizontal = placement.distance_m * math.cos(pitch)
        eye_z = self._eye_z if self._eye_z is not None else self.ctx.world.rig.head_position()[2]
        stage = self._stage()
        node.setPos(stage, -math.sin(yaw) * horizontal, math.cos(yaw) * horizontal,
                    eye_z + placement.distance_m * math.sin(pitch))
        node.setHpr(stage, placement.yaw_deg, placement.pitch_deg, 0)
        node.setScale(placement.scale)


def _finish() -> KioskEvent:
    from vr_station.kiosk.flow import Finish

    return Finish()
