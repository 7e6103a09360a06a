"""A tour through an occupation's workplace: stop by stop, with narration, hotspots and facts.

At each stop the visitor stands at the stop's viewpoint (faded there when they choose "Next"),
hears the narration with captions, may look at glowing hotspots to hear more, and reads the
stop's facts on a panel to the side. Between stops they may also teleport and snap-turn on
their own. Nothing moves them unless they chose it.
"""

from __future__ import annotations

import logging
import math

from panda3d.core import NodePath

from catalog.model import Hotspot, Occupation, TourStop, pick
from hands_on import TaskOutcome, strengths
from vr_station.comfort.locomotion import Area
from vr_station.kiosk.flow import ChooseIntent, Finish, Intent, KioskState
from vr_station.steps.base import Step
from vr_station.steps.facts import add_facts, fact_units
from vr_station.steps.task import TaskView
from vr_station.ui import shapes
from vr_station.ui.geometry import Rect3D, normalized
from vr_station.ui.layout import GAP_DEG, Arrangement, Placement, ViewRect, Zone, pages, panel_view, zone
from vr_station.ui.panel import ButtonKind, ButtonSpec, Panel
from vr_station.ui.pointing import PointerFrame, Target
from vr_station.world.scenes import WorkplaceScene

log = logging.getLogger(__name__)

NARRATION_RATE_WPM = 150
"""A little slower than conversation: visitors listen while looking around."""
HOTSPOT_RADIUS_M = 0.07
HOTSPOT_TARGET_M = 0.32
"""The area around a hotspot that counts as pointing at it: easy to hit at 3 m by gaze."""


class _HotspotMarker:
    def __init__(self, parent: NodePath, hotspot: Hotspot, title: str, step: TourStep) -> None:
        theme = step.ctx.ui.kit.theme
        self.hotspot = hotspot
        self.root = parent.attachNewNode(f"hotspot-{hotspot.id}")
        self.root.setPos(*hotspot.position)
        self.root.setLightOff()
        kit = step.ctx.ui.kit
        colour = theme.colours.hotspot
        self.orb = kit.shape(("hotspot-orb", colour), lambda root: shapes.sphere(
            root, "orb", HOTSPOT_RADIUS_M, colour), self.root)
        self.halo = self.root.attachNewNode("halo")
        kit.shape(("hotspot-halo", colour), lambda root: shapes.ring(
            root, "ring", HOTSPOT_RADIUS_M * 1.5, HOTSPOT_RADIUS_M * 1.9, colour), self.halo)
        self.halo.setBillboardPointEye()
        # Drawn over the world (overlay), so the prop it explains never hides it; the world root
        # is traversed before the steps' stages, so the step's panels still cover it.
        label = Panel(step.ctx.ui.kit, self.root, f"label-{hotspot.id}", 0.8, distance_m=2.5)
        label.paragraph(title, align="center")
        label.finish()
        label.root.setZ(HOTSPOT_RADIUS_M * 2 + label.height_m / 2 + 0.03)
        label.root.setBillboardAxis()
        self.label = label
        self.visited = False
        self._phase = 0.0

    def mark_visited(self) -> None:
        self.visited = True
        self.orb.setColorScale(0.55, 1.0, 0.7, 1)

    def update(self, dt_s: float, hovered: bool) -> None:
        self._phase = (self._phase + dt_s) % 2.0
        pulse = 1.0 + 0.12 * math.sin(self._phase * math.pi)
        self.halo.setScale(pulse * (1.35 if hovered else 1.0))

    def target(self, render: NodePath, head: tuple[float, float, float]) -> Target:
        centre = self.root.getPos(render)
        to_head = (head[0] - centre[0], head[1] - centre[1], 0.0)
        if abs(to_head[0]) + abs(to_head[1]) < 1e-6:
            to_head = (0.0, -1.0, 0.0)
        facing = normalized(to_head)
        right = (-facing[1], facing[0], 0.0)
        return Target(f"hotspot:{self.hotspot.id}",
                      Rect3D((centre[0], centre[1], centre[2]), right, (0.0, 0.0, 1.0),
                             HOTSPOT_TARGET_M / 2, HOTSPOT_TARGET_M / 2))


class TourStep(Step):
    """The workplace tour: the visitor stands at each tour stop in turn, hears about it, opens hotspots."""

    state = KioskState.TOUR
    uses_lobby = False

    def enter(self) -> None:
        """Build the occupation's workplace; the visitor stands at its first tour stop, at standing height."""
        flow = self.ctx.flow
        assert flow is not None and flow.occupation_id is not None
        self.occupation: Occupation = self.ctx.catalog.occupations[flow.occupation_id]
        self.stops: tuple[TourStop, ...] = self.occupation.tour.stops
        self.index = 0
        self.done = False
        self._markers: list[_HotspotMarker] = []
        self._open_hotspot: Hotspot | None = None
        self._open_panel: Panel | None = None
        self._facts_page = 0
        self._moving = False
        self._task_view: TaskView | None = None
        self._now_s = 0.0
        self.hands_on = self.ctx.catalog.hands_on.get(self.occupation.id)
        """The occupation's hands-on task, offered at its tour stop (None: it has none)."""
        self.ctx.world.lobby.hide()
        self.scene: WorkplaceScene = self.ctx.world.scenes.build_workplace(
            self.occupation.tour.workplace, self.ctx.world.root)
        self.ctx.world.rig.set_eye_height(self.ctx.world.rig.standing_eye_height_m)
        self._arrive(0)

    def exit(self) -> None:
        """Remove the hotspot markers, the task and the workplace; count the tour stops the visitor saw."""
        self._close_task()
        self._clear_markers()
        self.scene.destroy()
        session = self.ctx.session
        if session is not None:
            session.tour_stops_seen = max(session.tour_stops_seen, self.index + 1)
        self.ctx.world.rig.use_natural_height()
        super().exit()

    def teleport_area(self) -> Area:
        """The workplace's floor: the visitor may teleport anywhere in it."""
        workplace = self.occupation.tour.workplace
        return Area(workplace.width_m / 2, workplace.depth_m / 2)

    # Stops -----------------------------------------------------------------------------------

    @property
    def stop(self) -> TourStop:
        """The tour stop the visitor stands at now."""
        return self.stops[self.index]

    def _arrive(self, index: int) -> None:
        """Stand at the stop (the screen is black or the visitor just chose to go there)."""
        self.index = index
        self.done = False
        self._facts_page = 0
        viewpoint = self.stop.viewpoint
        self.ctx.world.rig.place_head(viewpoint.position, viewpoint.heading_deg)
        self.ctx.speech.captions.recentre()
        self.make_stage()
        self._close_task()
        self._close_hotspot()
        self._clear_markers()
        self._make_markers()
        self.rebuild_ui()
        self._narrate()
        session = self.ctx.session
        if session is not None:
            session.tour_stops_seen = max(session.tour_stops_seen, index + 1)

    def _go_to(self, index: int) -> None:
        if self._moving:
            return
        self._moving = True
        self.ctx.speech.narrator.stop()

        def there() -> None:
            self._arrive(index)
            self.ctx.world.fader.in_(then=self._arrived)

        self.ctx.world.fader.out(then=there)

    def _arrived(self) -> None:
        self._moving = False

    def _narrate(self) -> None:
        language = self.ctx.language
        self.ctx.speech.narrator.say(pick(self.stop.narration, language.code), language.tts_voices,
                                     NARRATION_RATE_WPM * language.speech_rate_factor,
                                     self.ctx.ui.texts("caption_guide"))

    def _finish_tour(self) -> None:
        self.done = True
        self.ctx.speech.narrator.stop()
        self._close_task()
        self._close_hotspot()
        self.rebuild_ui()

    # UI --------------------------------------------------------------------------------------

    def build_ui(self) -> None:
        """The panels for the moment: the stop's facts and controls, an open hotspot, or the end."""
        t = self.ctx.ui.texts
        if self.done:
            self.arrange(Arrangement.SINGLE)
            panel = self.panel("tour-done", 1.3)
            panel.title(t("tour_done_title"))
            panel.paragraph(t("tour_done_text"))
            self._strengths_card(panel)
            panel.gap(0.02)
            panel.row([ButtonSpec("practise", t("tour_practise"), kind=ButtonKind.PRIMARY),
                       ButtonSpec("end", t("tour_end"))])
            self.place(panel.finish())
            return
        self.arrange(Arrangement.TOUR)
        stop = self.stop
        # The task takes the details zone and hides the controls: panels in front of the room
        # would be hit before the things behind them, and the task's panel has its own way out.
        if self._task_view is not None:
            self._task_view.build_panel()
            return
        # An open hotspot takes the details zone; the stop's facts come back when it closes.
        # The task's offer takes the facts' place until the visitor has tried it (both together
        # are taller than the details zone); then the stop's facts come back.
        offer = self.task_here() and self.ctx.session is not None \
            and self.ctx.session.hands_on is None
        if stop.facts and self._open_hotspot is None and not offer:
            self._facts_panel(stop)
        elif offer and self._open_hotspot is None:
            self._task_offer(self.panel("task-offer", zone_name="details"))
            self.place(self.panels()[-1].finish(), align="top")
        hint = t("tour_hotspot_hint") if stop.hotspots else t("tour_move_hint")
        controls = self._controls(stop, hint)
        if not self.fits(controls):
            # The buttons and the stop's title win over the muted hint: a panel larger than its
            # zone would lie over the captions and the help button (a long stop title in
            # Leichte Sprache did).
            self.drop_panel(controls)
            controls = self._controls(stop, None)
        self.place(controls, align="top")
        if self._open_hotspot is not None and self._task_view is None:
            self._show_hotspot_panel(self._open_hotspot)

    def _controls(self, stop: TourStop, hint: str | None) -> Panel:
        """The stop's counter, title and buttons, and ``hint`` below them; finished."""
        t = self.ctx.ui.texts
        controls = self.panel("controls", zone_name="controls")
        controls.paragraph(t("tour_stop_counter", current=self.index + 1, total=len(self.stops)),
                           muted=True, small=True)
        controls.heading(pick(stop.titles, t.language))
        if self.index > 0:
            controls.row([ButtonSpec("previous", "◀  " + t("tour_previous")),
                          ButtonSpec("next", t("tour_next") + "  ▶", kind=ButtonKind.PRIMARY)])
        else:
            controls.row([ButtonSpec("next", t("tour_next") + "  ▶", kind=ButtonKind.PRIMARY)])
        controls.row([ButtonSpec("repeat", "↻  " + t("tour_repeat")),
                      ButtonSpec("finish", t("tour_finish"))], min_height_m=0.1)
        if hint is not None:
            controls.paragraph(hint, muted=True, small=True)
        return controls.finish()

    def _task_offer(self, panel: Panel) -> None:
        """The task's title and "try it yourself" on ``panel``."""
        assert self.hands_on is not None
        t = self.ctx.ui.texts
        panel.heading(pick(self.hands_on.titles, t.language))
        panel.row([ButtonSpec("task-start", t("task_start"), kind=ButtonKind.PRIMARY)],
                  min_height_m=0.09)
        panel.gap(0.02)

    def _facts_panel(self, stop: TourStop) -> None:
        """The stop's facts, a page at a time: as many units per page as fit the details zone.

        Nothing is dropped: a longer list gets "◀" and "1/2 ▸" buttons.
        """
        t = self.ctx.ui.texts
        units = fact_units(self.occupation, stop.facts, t.language)
        room_m = zone(self.arrangement, "details").height_m()
        per_page = len(units)
        while True:
            split = pages(units, per_page)
            page = min(self._facts_page, len(split) - 1)
            facts = self.panel("facts", zone_name="details")
            add_facts(facts, self.occupation, list(split[page]), t)
            if len(split) > 1:
                facts.gap(0.01)
                buttons = [ButtonSpec("facts-page:previous", "◀", width_m=0.16)] \
                    if page > 0 else []
                label = f"{page + 1}/{len(split)}"
                if page + 1 < len(split):
                    buttons.append(ButtonSpec("facts-page:next", f"{label}  ▸", width_m=0.24))
                else:
                    buttons.append(ButtonSpec("facts-page:first", f"{label}  ↺", width_m=0.24))
                facts.row(buttons, min_height_m=0.08)
            facts.finish()
            if facts.height_m <= room_m or per_page == 1:
                break
            self.drop_panel(facts)  # too tall for the zone: fewer units a page
            per_page -= 1
        self._facts_page = page
        self.place(facts, align="top")

    # The hands-on task ----------------------------------------------------------------------

    @property
    def task_view(self) -> TaskView | None:
        """The hands-on task running at this stop, if any."""
        return self._task_view

    def task_here(self) -> bool:
        """Whether the occupation's hands-on task is offered at this stop."""
        return self.hands_on is not None and self.hands_on.stop_id == self.stop.id

    def _start_task(self) -> None:
        assert self.hands_on is not None
        self.ctx.speech.narrator.stop()
        self._open_hotspot = None
        # The stop's hotspot markers stand at the same anchors as the task's things: hidden
        # while the task runs, so a pointer finds the task's card, not the marker in front.
        for marker in self._markers:
            marker.root.hide()
        self._task_view = TaskView(self, self.hands_on, self._now_s, self._task_ended)
        self._face_task_focus()
        self._task_view.place_tray()  # below the focus, where the stage now faces
        self.rebuild_ui()

    def _face_task_focus(self) -> None:
        """Turn the panels' stage towards the task's focus: the room ahead stays free of panels."""
        focus = self.hands_on.focus if self.hands_on is not None else None
        if focus is None or self.stage is None:
            return
        x, y, _ = self.ctx.world.rig.head_position()
        dx, dy = focus.position[0] - x, focus.position[1] - y
        if math.hypot(dx, dy) > 0.3:
            self.stage.setH(math.degrees(math.atan2(-dx, dy)))

    def place_task_panel(self, panel: Panel) -> Panel:
        """Stand the task's panel where it covers none of the task's cards in the view.

        The details zone's top is where a panel usually hangs, but with the stage turned to the
        task's focus the room's place labels ("Trockenlager", "Kühlraum") stand there too, and a
        panel over a label hides what the visitor must aim at. So the panel slides down its
        zone, then tries the controls zone (empty while the task runs), shrinking within the
        layout's limits when a free band is lower than the panel; the first free spot wins.
        """
        view = self._task_view
        stage = self._stage()
        if view is None or self._eye_z is None:
            return self.place(panel, align="top")
        things = [_grown(v, GAP_DEG / 2) for v in view.card_views(stage, self._eye_z).values()]
        placement = _free_placement(self.arrangement, panel.width_m, panel.height_m, things)
        if placement is None:
            # The labels stand where the panel zones are (a label is as large as a panel at the
            # usual distance): turn the stage, panels and tiles, the least way that leaves the
            # room's things all on one side of the middle and a panel zone free on the other.
            stage.setH(stage, _clearing_turn_deg(self.arrangement, things))
            view.place_tray()
            things = [_grown(v, GAP_DEG / 2)
                      for v in view.card_views(stage, self._eye_z).values()]
            placement = _free_placement(self.arrangement, panel.width_m, panel.height_m, things)
        if placement is None:
            log.warning("the task panel covers a card of task %r wherever it stands",
                        view.task.occupation_id)
            return self.place(panel, align="top")
        self._stand(panel.root, placement)
        panel.placement = placement
        return panel

    def _task_ended(self, outcome: TaskOutcome) -> None:
        if self.ctx.session is not None:
            self.ctx.session.hands_on = outcome

    def _close_task(self) -> None:
        view = getattr(self, "_task_view", None)
        if view is not None:
            view.stop()
            view.destroy()
            self._task_view = None
            for marker in self._markers:
                marker.root.show()

    def _strengths_card(self, panel: Panel) -> None:
        """The "Das lag Ihnen" card: what the visitor's go at the task showed, never a grade."""
        outcome = self.ctx.session.hands_on if self.ctx.session is not None else None
        if outcome is None:
            return
        t = self.ctx.ui.texts
        panel.gap(0.015)
        panel.heading(t("strengths_title"))
        panel.paragraph(" · ".join(t(f"strength_{s.value}") for s in strengths(outcome)))

    def update(self, dt_s: float, now_s: float) -> None:
        """The station clock drives the task's hints and its time limit."""
        self._now_s = now_s
        if self._task_view is not None:
            self._task_view.update(now_s)

    def posture_changed(self) -> None:
        """Panels and the task's tiles stand again for the new eye height."""
        super().posture_changed()
        if self._task_view is not None:
            self._task_view.place_tray()

    def _make_markers(self) -> None:
        language = self.ctx.ui.texts.language
        for hotspot in self.stop.hotspots:
            marker = _HotspotMarker(self.ctx.world.root, hotspot, pick(hotspot.titles, language), self)
            if self.ctx.session is not None and hotspot.id in self.ctx.session.hotspots_opened:
                marker.mark_visited()
            self._markers.append(marker)

    def _clear_markers(self) -> None:
        for marker in getattr(self, "_markers", []):
            marker.root.removeNode()
        self._markers = []

    def _open(self, hotspot: Hotspot) -> None:
        self._open_hotspot = hotspot
        if self.ctx.session is not None:
            self.ctx.session.hotspots_opened.add(hotspot.id)
        for marker in self._markers:
            if marker.hotspot.id == hotspot.id:
                marker.mark_visited()
        self.rebuild_ui()  # the hotspot's panel takes the facts' place
        language = self.ctx.language
        # The panel shows exactly what is spoken: it is the caption.
        self.ctx.speech.narrator.say(pick(hotspot.texts, language.code), language.tts_voices,
                                     NARRATION_RATE_WPM * language.speech_rate_factor,
                                     pick(hotspot.titles, language.code),
                                     captions=False)

    def rebuild_ui(self) -> None:
        """Build the panels again; the open hotspot's panel went with the others."""
        self._open_panel = None
        super().rebuild_ui()

    def _show_hotspot_panel(self, hotspot: Hotspot) -> None:
        """The open hotspot's text in the details zone, where the facts stood.

        Not above the hotspot itself: there it covered the stop's controls or the thing it
        explains (issue 15); the glowing marker and its label show which thing it is.
        """
        t = self.ctx.ui.texts
        panel = self.panel(f"hotspot-{hotspot.id}", zone_name="details")
        panel.heading(pick(hotspot.titles, t.language))
        panel.paragraph(pick(hotspot.texts, t.language))
        panel.row([ButtonSpec("close-hotspot", t("close"), width_m=0.4)], min_height_m=0.09)
        self.place(panel.finish(), align="top")
        self._open_panel = panel
        for marker in self._markers:  # the open panel says what the label said
            if marker.hotspot.id == hotspot.id:
                marker.label.root.hide()

    def _close_hotspot(self) -> None:
        """Close the open hotspot's panel; the stop's facts come back."""
        was_open = self._open_hotspot is not None
        self._open_hotspot = None
        for marker in self._markers:
            marker.label.root.show()
        if was_open and self.stage is not None:
            self.rebuild_ui()

    # Input -----------------------------------------------------------------------------------

    def targets(self) -> list[Target]:
        """The step's buttons and, during the tour, every hotspot marker at this stop."""
        found = super().targets()
        if self._task_view is not None:
            found += self._task_view.targets()
        if not self.done and self._task_view is None:
            head = self.ctx.world.rig.head_position()
            found += [m.target(self.ctx.render, head) for m in self._markers]
        return found

    def show_pointing(self, frame: PointerFrame, dt_s: float) -> None:
        """Show hover and dwell on the panels, and grow the hotspot marker a pointer is on."""
        super().show_pointing(frame, dt_s)
        hovered = set(frame.hovered.values())
        if self._task_view is not None:
            self._task_view.show_pointing(frame, dt_s)
        for marker in self._markers:
            marker.update(dt_s, f"hotspot:{marker.hotspot.id}" in hovered)

    def on_choose(self, target_id: str) -> None:
        """Open or close a hotspot, go to the next or previous stop, repeat the narration, or end.

        After the tour the visitor may go on to practise an interview or end the visit.
        """
        if self._moving:
            return
        if self._task_view is not None and self._task_view.choose(target_id):
            return
        if target_id == "task-start" and self.task_here():
            self._start_task()
        elif target_id == "task-stop" and self._task_view is not None:
            self._task_view.stop()
        elif target_id == "task-close":
            self._close_task()
            self.rebuild_ui()
        elif target_id.startswith("hotspot:"):
            wanted = target_id.removeprefix("hotspot:")
            hotspot = next((h for h in self.stop.hotspots if h.id == wanted), None)
            if hotspot is not None:
                self._open(hotspot)
        elif target_id.startswith("facts-page:"):
            move = target_id.removeprefix("facts-page:")
            self._facts_page = 0 if move == "first" else \
                max(0, self._facts_page + (1 if move == "next" else -1))
            self.rebuild_ui()
        elif target_id == "close-hotspot":
            self.ctx.speech.narrator.stop()
            self._close_hotspot()
        elif target_id == "next":
            if self.index + 1 < len(self.stops):
                self._go_to(self.index + 1)
            else:
                self._finish_tour()
        elif target_id == "previous" and self.index > 0:
            self._go_to(self.index - 1)
        elif target_id == "repeat":
            self._close_hotspot()
            self._narrate()
        elif target_id == "finish":
            self._finish_tour()
        elif target_id == "practise":
            self.ctx.send(ChooseIntent(Intent.INTERVIEW))
        elif target_id == "end":
            self.ctx.send(Finish())

    def wrap_up(self) -> None:
        """Time is up: end the tour, so the visitor sees the end panel."""
        if not self.done:
            self._finish_tour()


TASK_PANEL_STEP_DEG = 1.0
"""How far the task's panel slides down its zone between tries."""


def _grown(view: ViewRect, by_deg: float) -> ViewRect:
    return ViewRect(view.left_deg + by_deg, view.right_deg - by_deg, view.top_deg + by_deg,
                    view.bottom_deg - by_deg)


def _free_placement(arrangement: Arrangement, width_m: float, height_m: float,
                    things: list[ViewRect]) -> Placement | None:
    """The highest spot clear of ``things`` for a ``width_m`` × ``height_m`` panel, or None.

    The details zone first, then the controls zone.
    """
    for name in ("details", "controls"):
        where = zone(arrangement, name)
        area = where.area
        top = area.top_deg
        while top - area.bottom_deg > TASK_PANEL_STEP_DEG:
            band = Zone(name, ViewRect(area.left_deg, area.right_deg, top, area.bottom_deg),
                        where.distance_m)
            placement = band.fit(width_m, height_m, align="top")
            if not placement.fits:
                break
            seen = panel_view(placement, width_m, height_m)
            if not any(seen.overlaps(thing) for thing in things):
                return placement
            top -= TASK_PANEL_STEP_DEG
    return None


def _clearing_turn_deg(arrangement: Arrangement, things: list[ViewRect]) -> float:
    """How far to turn the stage (+ left) so that the room's things clear a panel zone.

    The things level with the panel zones then lie beside the details zone (left) or the
    controls zone (right), whichever needs the smaller turn; a gap more, because a panel
    pitched up or down reaches a little wider at its far corners.
    """
    details, controls = zone(arrangement, "details").area, zone(arrangement, "controls").area
    level = [t for t in things if t.top_deg > details.bottom_deg and t.bottom_deg < details.top_deg]
    if not level:
        return 0.0
    # Turning the stage left by d lowers every thing's yaw relative to it by d.
    panel_left = max(t.left_deg for t in level) - details.right_deg + GAP_DEG
    panel_right = min(t.right_deg for t in level) - controls.left_deg - GAP_DEG
    return panel_left if abs(panel_left) <= abs(panel_right) else panel_right
