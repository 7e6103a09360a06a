"""The hands-on task at a tour stop: its things in the room and within reach, its panel and voice.

The rules live in ``hands_on.TaskRun``; this view only shows them. Every selectable thing is a
one-button card, so the pointing machinery (controller ray, hand pinch, mouse, gaze dwell)
selects it like any button:
- items of *sort*, *sequence* and *choose* are tiles on an arc within arm's reach, a little
  below the eyes (``hands_on.reach``), placed again when the visitor sits down or stands up;
- things to *find* and the places of *sort* are labels at their workplace anchors in the room.
For *sort* the visitor selects an item (it shows a tick), then its place; or carries it there:
squeeze the grip (pinch a tracked hand, hold the mouse button) on a tile, point at its place and
let go (``hands_on.grab``). Either way an item put in its right place lands under the place's
label, so the room shows what is stored where.

The instruction, each feedback and each hint are spoken with captions in the layout's
captions zone; the task's panel stands in the tour's details zone.

What the eyes see first, the pointers hit first. Cards are drawn over the room in scene-graph
order (``ui.panel``), so the labels in the room hang before the step's panels in that order and
the tiles (nearer than any panel) after them; and the panels' cards stop a ray, so a label
hidden behind a panel cannot be chosen through it (a visitor standing close to a thing saw
its label over the task panel while the ray chose "Aufgabe beenden" under it).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from panda3d.core import NodePath, Point3, Vec3

from catalog.model import pick
from catalog.tasks import HandsOnTask, TaskKind
from hands_on import (
    Feedback,
    Finished,
    Hint,
    Phase,
    TaskEvent,
    TaskOutcome,
    TaskRun,
    Verdict,
    strengths,
    tile_places,
)
from hands_on.grab import Carried, Dropped, Grabbed, GrabTracker, HandGrip
from vr_station.ui.geometry import Rect3D
from vr_station.ui.layout import ViewRect
from vr_station.ui.panel import ButtonKind, ButtonSpec, Panel
from vr_station.ui.pointing import GAZE, PointerFrame, Target
from vr_station.ui.theme import PANEL_DISTANCE_M

if TYPE_CHECKING:
    from vr_station.steps.tour import TourStep

PREFIX = "task:"
"""Target ids of the task's things: ``task:<item or target id>``."""
CARD_WIDTH_M = 0.62
"""A card is made like a panel at the usual panel distance, then scaled to where it stands
(the theme's padding and text sizes are metres at that distance)."""
TILE_WIDTH_M = 0.15
"""Tiles on the arc stand 21° apart at 0.45 m: 0.165 m between centres."""
HIGHLIGHT_PULSE = 0.08
"""A hinted thing breathes by this share of its size, once a second."""
SPEECH_RATE_WPM = 150
ROOM_DRAW_SORT = -10
"""The labels in the room come before the step's stage (sort 0) among the render's children:
farther than the panels, they are painted first and the panels over them."""
TRAY_DRAW_SORT = 10
"""The tiles within reach come after the stage: nearer than the panels, painted over them."""
BLOCKER_PREFIX = "task-cover:"
"""Ids of the step's panel cards as ray stoppers (``Target.blocks``)."""
PLACED_SCALE = 0.7
"""An item landed at its place is this share of the place label's size, so the label stays first."""
PLACED_GAP_M = 0.02
"""Between a place's label and the items under it, at the panel distance (scaled like them)."""


def with_strengths(report_json: str, outcome: TaskOutcome | None) -> str:
    """The kept report with the "Das lag Ihnen" card of the tour's task added (ids, figures).

    Strength ids, not texts: staff print the report in the visitor's language
    (ui text ``strength_<id>``).
    """
    if outcome is None:
        return report_json
    report = json.loads(report_json)
    report["hands_on_task"] = {
        "kind": str(outcome.kind), "completed": outcome.completed,
        "hints_used": outcome.hints_used, "duration_s": outcome.duration_s,
        "strengths": [str(s) for s in strengths(outcome)]}
    return json.dumps(report, ensure_ascii=False, indent=2)


class TaskView:
    """One run of ``task`` at the tour stop of ``step``, from ``now_s`` on the station clock."""

    def __init__(self, step: TourStep, task: HandsOnTask, now_s: float,
                 on_end: Callable[[TaskOutcome], None]) -> None:
        self.step = step
        self.task = task
        self.run = TaskRun(task, now_s)
        self._on_end = on_end
        self._now_s = now_s
        self._message: str | None = None
        self._hint: str | None = None
        self._highlight: str | None = None
        self._phase_s = 0.0
        ctx = step.ctx
        self.root = ctx.render.attachNewNode(f"task-{task.occupation_id}", ROOM_DRAW_SORT)
        self._tray = ctx.render.attachNewNode(f"task-{task.occupation_id}-tray", TRAY_DRAW_SORT)
        self._cards: dict[str, Panel] = {}
        self._scales: dict[str, float] = {}
        self._grab = GrabTracker()
        self._grabbed_at: dict[str, tuple[float, float, float]] = {}
        """Carried item → where its card stood (world) when grabbed."""
        self._placed: dict[str, str] = {}
        """Item → the place it landed at (sort)."""
        self._make_room_labels()
        self._make_tiles()
        self.place_tray()
        self._say(pick(task.instruction, ctx.language.code))

    # Things ------------------------------------------------------------------------------

    def _label(self, thing_id: str) -> str:
        language = self.step.ctx.ui.texts.language
        for item in self.task.items:
            if item.id == thing_id:
                return pick(item.labels, language)
        target = next(t for t in self.task.targets if t.id == thing_id)
        return pick(target.labels, language)

    def _card(self, parent: NodePath, thing_id: str, scale: float) -> Panel:
        panel = Panel(self.step.ctx.ui.kit, parent, f"task-{thing_id}", CARD_WIDTH_M)
        panel.row([ButtonSpec(PREFIX + thing_id, self._label(thing_id), kind=ButtonKind.CHIP)])
        panel.finish()
        panel.root.setScale(scale)
        self._cards[thing_id] = panel
        self._scales[thing_id] = scale
        return panel

    def _make_tiles(self) -> None:
        if self.task.kind is TaskKind.FIND:
            return
        for item in self.run.shown_order():
            self._card(self._tray, item.id, TILE_WIDTH_M / CARD_WIDTH_M)

    def _make_room_labels(self) -> None:
        """Things to find and places to sort into, at their anchors, readable from the stop."""
        head = self.step.ctx.world.rig.head_position()
        spots = [(i.id, i.anchor) for i in self.task.items if i.anchor is not None]
        spots += [(t.id, t.anchor) for t in self.task.targets]
        for thing_id, anchor in spots:
            if anchor is None:
                continue
            # As large as a panel at the usual distance looks, so it reads the same from the stop.
            distance = max(1.0, math.dist(head, anchor.position))
            card = self._card(self.root, thing_id, distance / PANEL_DISTANCE_M)
            card.root.setPos(*anchor.position)
            card.root.setBillboardAxis()

    def place_tray(self) -> None:
        """Stand the tiles within reach of the visitor as they are now (standing or seated)."""
        rig = self.step.ctx.world.rig
        x, y, eye_z = rig.head_position()
        self._tray.setPos(x, y, 0.0)
        # The arc faces the way the step's panels face (the tour turns them towards the task's
        # focus), so the tiles lie below the room's things, not off to the side where the head
        # happened to point when the task began.
        stage = self.step.stage
        render = self.step.ctx.render
        self._tray.setH(stage.getH(render) if stage is not None and not stage.isEmpty()
                        else rig.head_yaw_deg())
        tiles = [i.id for i in self.run.shown_order() if i.id in self._cards
                 and self.task.kind is not TaskKind.FIND]
        # Every tile keeps its spot on the arc when others have gone to their places.
        for thing_id, place in zip(tiles, tile_places(len(tiles), eye_z), strict=True):
            if thing_id in self._placed:
                continue
            panel = self._cards[thing_id]
            panel.root.setPos(*place.position)
            horizontal = math.hypot(place.position[0], place.position[1])
            # Panda3D turns counter-clockwise: a tile to the right turns left to face the eyes,
            # and it tips back so its face looks up at them.
            panel.root.setHpr(-place.heading_deg,
                              -math.degrees(math.atan2(eye_z - place.position[2], horizontal)), 0)

    def card_views(self, stage: NodePath, eye_z: float) -> dict[str, ViewRect]:
        """Where each task card (room label, tile, landed item) is seen, in the stage's angles.

        The eyes are ``eye_z`` above the stage's origin and the angles those of ``ui.layout``:
        the panels stand in the same frame, so the task's panel can keep clear of the cards.

        A carried card is left out: it follows the hand and never stays under a panel; so is a
        card beside or behind the visitor.
        A room label turns to face the eyes at draw time (a billboard), so its corners are
        taken across the line of sight rather than from its node's own turn.
        """
        render = self.step.ctx.render
        eye = render.getRelativePoint(stage, Point3(0, 0, eye_z))
        views = {}
        for thing_id, panel in self._cards.items():
            if thing_id in self._grabbed_at or panel.root.isEmpty() or panel.height_m <= 0.0:
                continue
            half_w = panel.width_m / 2 * self._scales[thing_id]
            half_h = panel.height_m / 2 * self._scales[thing_id]
            if panel.root.getParent() == self._tray:
                points = [render.getRelativePoint(panel.root, Point3(sx * panel.width_m / 2, 0,
                                                                     sz * panel.height_m / 2))
                          for sx in (-1, 0, 1) for sz in (-1, 0, 1)]
            else:
                centre = panel.root.getPos(render)
                across = Vec3(-(centre[1] - eye[1]), centre[0] - eye[0], 0)
                across.normalize()
                points = [centre + across * (sx * half_w) + Vec3(0, 0, sz * half_h)
                          for sx in (-1, 0, 1) for sz in (-1, 0, 1)]
            yaws, pitches = [], []
            for point in points:
                v = stage.getRelativeVector(render, point - eye)
                yaws.append(math.degrees(math.atan2(-v[0], v[1])))
                pitches.append(math.degrees(math.atan2(v[2], math.hypot(v[0], v[1]))))
            # A card beside or behind the visitor is nowhere near a panel (within 30° of
            # ahead), and its angles wrap round at 180°.
            if max(abs(y) for y in yaws) < 90.0:
                views[thing_id] = ViewRect(max(yaws), min(yaws), max(pitches), min(pitches))
        return views

    # Input and clock -----------------------------------------------------------------------

    def targets(self) -> list[Target]:
        """Every task card the pointers can choose (tiles and room labels)."""
        found: list[Target] = []
        # While an item is carried, the tiles are not targets: the carried card moves with the
        # ray, and the tiles on the arc lie between a seated visitor's hand and the places.
        carrying = bool(self._grab.carried)
        for panel in self._cards.values():
            if not (carrying and panel.root.getParent() == self._tray):
                found += panel.targets(self.step.ctx.render)
        return found + self._covers()

    def _covers(self) -> list[Target]:
        """The step's panels as surfaces that stop a ray (what lies behind them is hidden)."""
        render = self.step.ctx.render
        covers = []
        for panel in self.step.panels():
            if panel.root.isEmpty() or panel.root.isHidden() or panel.height_m <= 0.0:
                continue
            mat = panel.root.getMat(render)
            centre, right, up = mat.xformPoint((0, 0, 0)), mat.xformVec((1, 0, 0)), mat.xformVec((0, 0, 1))
            width_scale, height_scale = right.length(), up.length()
            right.normalize()
            up.normalize()
            covers.append(Target(BLOCKER_PREFIX + panel.name, Rect3D(
                (centre[0], centre[1], centre[2]), (right[0], right[1], right[2]), (up[0], up[1], up[2]),
                panel.width_m / 2 * width_scale, panel.height_m / 2 * height_scale), blocks=True))
        return covers

    def show_pointing(self, frame: PointerFrame, dt_s: float) -> None:
        """Hover outlines and dwell rings on the cards; the hinted card breathes; carried items move."""
        self._carry(frame)
        hovered = list(frame.hovered.values())
        self._phase_s = (self._phase_s + dt_s) % 1.0
        for thing_id, panel in self._cards.items():
            panel.show_pointing(hovered, frame.dwell_target, frame.dwell_progress, dt_s)
            pulse = 1.0 + HIGHLIGHT_PULSE * math.sin(self._phase_s * 2 * math.pi) \
                if thing_id == self._highlight else 1.0
            panel.root.setScale(self._scales[thing_id] * pulse)

    def _carry(self, frame: PointerFrame) -> None:
        """Grab, carry and drop items with the hand pointers' grips (see the module)."""
        hands = []
        for sample in frame.samples:
            if sample.source == GAZE:
                continue
            hovered = frame.hovered.get(sample.source)
            hit = frame.hits.get(sample.source)
            touching = hovered.removeprefix(PREFIX) if hovered and hovered.startswith(PREFIX) else None
            hands.append(HandGrip(sample.source, sample.ray.origin, sample.ray.direction, sample.grip,
                                  touching, hit.distance_m if hit is not None else None))
        render = self.step.ctx.render
        for event in self._grab.update(hands, self._grabbable()):
            card = self._cards.get(event.thing_id)
            if card is None:
                continue
            if isinstance(event, Grabbed):
                position = card.root.getPos(render)
                self._grabbed_at[event.thing_id] = (position[0], position[1], position[2])
                # The press that grabbed may also have chosen it this frame (a pinch selects too).
                if PREFIX + event.thing_id not in frame.chosen and self.run.in_hand != event.thing_id:
                    self.choose(PREFIX + event.thing_id)
            elif isinstance(event, Carried):
                start = self._grabbed_at[event.thing_id]
                card.root.setPos(render, *(s + o for s, o in zip(start, event.offset, strict=True)))
            elif isinstance(event, Dropped):
                self._grabbed_at.pop(event.thing_id, None)
                self._drop(event.thing_id, event.over)

    def _grabbable(self) -> set[str]:
        """Sort's items not yet in their place, while the task runs."""
        if self.task.kind is not TaskKind.SORT or self.run.phase is not Phase.RUNNING:
            return set()
        return {i.id for i in self.task.items if i.id not in self.run.done_ids}

    def _drop(self, item_id: str, over: str | None) -> None:
        """Let go over a place: it counts as choosing that place; the card lands there or goes back."""
        places = {t.id for t in self.task.targets}
        if over in places and self.run.phase is Phase.RUNNING and self.run.in_hand == item_id:
            self.choose(PREFIX + over)
        if item_id not in self._placed:
            self.place_tray()

    def _land(self, item_id: str, place_id: str) -> None:
        """Stand ``item_id``'s card under its place's label, below the items that came before."""
        card, label = self._cards.get(item_id), self._cards.get(place_id)
        if card is None or label is None:
            return
        below = [i for i, p in self._placed.items() if p == place_id]
        self._placed[item_id] = place_id
        scale = self._scales[place_id] * PLACED_SCALE
        self._scales[item_id] = scale
        card.root.reparentTo(self.root)
        card.root.setScale(scale)
        z = label.root.getZ(self.root) - self._scales[place_id] * (label.height_m / 2 + PLACED_GAP_M)
        for other in below:
            z -= scale * (self._cards[other].height_m + PLACED_GAP_M)
        z -= scale * card.height_m / 2
        card.root.setPos(label.root.getX(self.root), label.root.getY(self.root), z)
        card.root.setHpr(0, 0, 0)
        card.root.setBillboardAxis()

    def choose(self, target_id: str) -> bool:
        """A target was chosen; True when it was one of the task's cards."""
        if not target_id.startswith(PREFIX):
            return False
        thing_id = target_id.removeprefix(PREFIX)
        card = self._cards.get(thing_id)
        if card is not None:
            card.buttons[target_id].flash()
        self._handle(self.run.select(thing_id, self._now_s))
        return True

    def update(self, now_s: float) -> None:
        """The station clock moved on: hints after a pause, the kind end at the time limit."""
        self._now_s = now_s
        self._handle(self.run.tick(now_s))

    def stop(self) -> None:
        """The visitor ended the task early: it ends kindly, like at the time limit."""
        if self.run.phase is Phase.RUNNING:
            self._let_go()
            self.run.phase, self.run.ended_s = Phase.TIME_UP, self._now_s
            self._handle([Finished(False, self.task.time_up)])

    def _handle(self, events: list[TaskEvent]) -> None:
        t = self.step.ctx.ui.texts
        language = t.language
        spoken: list[str] = []
        for event in events:
            if isinstance(event, Feedback):
                if event.verdict is Verdict.RIGHT and event.item_id and event.target_id:
                    self._land(event.item_id, event.target_id)
                self._hint = None
                self._highlight = None
                self._message, say = self._feedback_text(event)
                spoken += say
            elif isinstance(event, Hint):
                self._hint = t("task_hint", hint=pick(event.texts, language))
                self._highlight = event.highlight
                spoken.append(pick(event.texts, language))
            elif isinstance(event, Finished):
                self._let_go()
                self._hint = None
                self._highlight = None
                closing = pick(event.texts, language)
                self._message = (self._message + " " if event.completed and self._message else "") + closing
                spoken.append(closing)
                self._on_end(self.run.outcome(self._now_s))
        if events:
            self._show_state()
            self.step.rebuild_ui()
        if spoken:
            self._say(" ".join(spoken))

    def _feedback_text(self, event: Feedback) -> tuple[str, list[str]]:
        t = self.step.ctx.ui.texts
        language = t.language
        explanation = pick(event.explanation, language) if event.explanation else None
        if event.verdict is Verdict.PICKED and event.item_id is not None:
            lead = t("task_picked", item=self._label(event.item_id))
        else:
            lead = t({Verdict.RIGHT: "task_right", Verdict.NOT_YET: "task_not_yet",
                      Verdict.ALREADY: "task_already"}.get(event.verdict, "task_pick_first"))
        text = f"{lead} {explanation}" if explanation else lead
        return text, [text]

    def _show_state(self) -> None:
        """Ticks on what is done (and on the item in hand); at the end, on every right thing."""
        shown = set(self.run.done_ids)
        if self.run.in_hand is not None:
            shown.add(self.run.in_hand)
        if self.run.phase is Phase.TIME_UP and self.task.kind in (TaskKind.FIND, TaskKind.CHOOSE):
            shown |= {i.id for i in self.task.items if i.right}
        for thing_id, panel in self._cards.items():
            for button in panel.buttons.values():
                button.set_selected(thing_id in shown)

    def _say(self, text: str) -> None:
        ctx = self.step.ctx
        language = ctx.language
        ctx.speech.narrator.say(text, language.tts_voices, SPEECH_RATE_WPM, ctx.ui.texts("caption_task"))

    # The task's panel ----------------------------------------------------------------------

    def build_panel(self) -> None:
        """The task's panel in the tour's details zone: what to do, the last answer, a hint."""
        step = self.step
        t = step.ctx.ui.texts
        language = t.language
        panel = step.panel("task", zone_name="details")
        panel.heading(pick(self.task.titles, language))
        # One thing at a time, so the panel fits its zone: the instruction until the first
        # answer, then the last answer (and a hint); the solution when the time is up.
        panel.paragraph(self._message or pick(self.task.instruction, language), small=True)
        if self._hint:
            panel.paragraph(self._hint, muted=True, small=True)
        if self.run.phase is Phase.TIME_UP:
            panel.paragraph(t("task_solution"), muted=True, small=True)
            panel.paragraph("\n".join(self._solution()), small=True)
        elif self.task.kind is TaskKind.SEQUENCE and self.run.done_ids:
            panel.paragraph(t("task_your_order"), muted=True, small=True)
            panel.paragraph("\n".join(f"{n}. {self._label(i)}"
                                      for n, i in enumerate(self.run.done_ids, 1)), small=True)
        finished = self.run.phase is not Phase.RUNNING
        panel.row([ButtonSpec("task-close", t("task_continue"), kind=ButtonKind.PRIMARY)] if finished
                  else [ButtonSpec("task-stop", t("task_stop"))], min_height_m=0.09)
        step.place_task_panel(panel.finish())

    def _solution(self) -> list[str]:
        language = self.step.ctx.ui.texts.language
        if self.task.kind is TaskKind.SORT:
            return [f"{pick(i.labels, language)} → {self._label(i.place or '')}" for i in self.task.items]
        if self.task.kind is TaskKind.SEQUENCE:
            return [f"{n}. {pick(i.labels, language)}" for n, i in enumerate(self.task.items, 1)]
        return [pick(i.labels, language) for i in self.task.items if i.right]

    def _let_go(self) -> None:
        """The task ends: whatever a hand carries goes back to the arc."""
        if self._grab.release_all():
            self._grabbed_at.clear()
            self.place_tray()

    def destroy(self) -> None:
        """Remove the cards and the tray."""
        for panel in self._cards.values():
            panel.destroy()
        self._cards.clear()
        for node in (self.root, self._tray):
            if not node.isEmpty():
                node.removeNode()
