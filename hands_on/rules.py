"""One visitor's go at a hands-on task, as a state machine per kind.

States (``Phase``): RUNNING → DONE (everything found, placed, ordered or chosen) or
RUNNING → TIME_UP (the time limit ended it kindly). There is no failure state: a wrong
selection gets a gentle "not yet" with the reason, and the visitor carries on.

Inputs: ``select(thing_id, now_s)`` (an item, or for *sort* a target) and ``tick(now_s)``
(the station's clock, each frame). Outputs: ``Feedback``, ``Hint`` and ``Finished`` events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from catalog.model import LocalizedText
from catalog.tasks import HandsOnTask, TaskItem, TaskKind


class Phase(StrEnum):
    """Where a task run stands."""

    RUNNING = "running"
    DONE = "done"
    TIME_UP = "time_up"


class Verdict(StrEnum):
    """What a selection meant."""

    RIGHT = "right"
    """Found, placed, next in order or chosen: it stays done."""
    NOT_YET = "not_yet"
    """Not this one (or not here): the explanation says why; nothing is lost."""
    PICKED = "picked"
    """sort: the item is in hand; now its place."""
    PICK_FIRST = "pick_first"
    """sort: a place was selected with no item in hand."""
    ALREADY = "already"
    """It was done before."""


@dataclass(frozen=True)
class Feedback:
    """The answer to one selection."""

    verdict: Verdict
    item_id: str | None
    target_id: str | None = None
    explanation: LocalizedText | None = None


@dataclass(frozen=True)
class Hint:
    """Help after a pause: a text and the thing to look at."""

    number: int
    """1 for the first hint of this run."""
    texts: LocalizedText
    highlight: str | None
    """The item (or target) the visitor could select next."""


@dataclass(frozen=True)
class Finished:
    """The task ended: done, or the time was up (then the solution is shown)."""

    completed: bool
    texts: LocalizedText


TaskEvent = Feedback | Hint | Finished


@dataclass(frozen=True)
class TaskOutcome:
    """What the visitor did, as figures (for the card and the center record)."""

    kind: TaskKind
    completed: bool
    hints_used: int
    mistakes: int
    """Selections answered "not yet"."""
    duration_s: float
    time_limit_s: float


@dataclass
class TaskRun:
    """One go at ``task`` from ``started_s`` on the station clock (see the module)."""

    task: HandsOnTask
    started_s: float
    phase: Phase = Phase.RUNNING
    done_ids: list[str] = field(default_factory=list)
    """Items found, placed, ordered (in order) or chosen."""
    in_hand: str | None = None
    """sort: the item selected, waiting for its place."""
    hints_used: int = 0
    mistakes: int = 0
    ended_s: float | None = None
    _quiet_since_s: float = field(init=False)

    def __post_init__(self) -> None:
        """The first pause starts with the task."""
        self._quiet_since_s = self.started_s

    # Inputs -----------------------------------------------------------------------------

    def select(self, thing_id: str, now_s: float) -> list[TaskEvent]:
        """The visitor selected an item (or, for sort, a target): feedback and perhaps the end."""
        if self.phase is not Phase.RUNNING:
            return []
        self._quiet_since_s = now_s
        item = self._item(thing_id)
        if self.task.kind is TaskKind.SORT:
            feedback = self._sort(thing_id, item)
        elif item is None:
            return []
        elif item.id in self.done_ids:
            feedback = Feedback(Verdict.ALREADY, item.id, explanation=item.explanation)
        elif self.task.kind is TaskKind.SEQUENCE:
            feedback = self._sequence(item)
        else:
            feedback = self._pick_right(item)
        if feedback.verdict is Verdict.NOT_YET:
            self.mistakes += 1
        events: list[TaskEvent] = [feedback]
        if self._complete():
            self.phase, self.ended_s = Phase.DONE, now_s
            events.append(Finished(True, self.task.done))
        return events

    def tick(self, now_s: float) -> list[TaskEvent]:
        """The clock moved on: a hint after a pause, or the kind end at the time limit."""
        if self.phase is not Phase.RUNNING:
            return []
        if now_s - self.started_s >= self.task.time_limit_s:
            self.phase, self.ended_s, self.in_hand = Phase.TIME_UP, now_s, None
            return [Finished(False, self.task.time_up)]
        if now_s - self._quiet_since_s >= self.task.hint_after_s:
            self._quiet_since_s = now_s
            self.hints_used += 1
            return [Hint(self.hints_used, self._hint_texts(self.hints_used), self.next_needed())]
        return []

    # What the view needs -----------------------------------------------------------------

    def next_needed(self) -> str | None:
        """The thing a helpful colleague would point at now."""
        if self.task.kind is TaskKind.SORT and self.in_hand is not None:
            return self._item_or_fail(self.in_hand).place
        for item in self.task.items:
            wanted = item.right if self.task.kind in (TaskKind.FIND, TaskKind.CHOOSE) else True
            if wanted and item.id not in self.done_ids:
                return item.id
        return None

    def shown_order(self) -> tuple[TaskItem, ...]:
        """The items as the tiles show them: a sequence shuffled (never already in order)."""
        items = self.task.items
        if self.task.kind is not TaskKind.SEQUENCE:
            return items
        # A fixed shuffle, the same for every visitor (so staff and tests see one order): every
        # other step from the back, then the rest; a step left where it belongs swaps with the
        # next one, so the tiles never start in order.
        order = list(items[1::2])[::-1] + list(items[0::2])
        for i in range(len(order)):
            if order[i] is items[i]:
                j = (i + 1) % len(order)
                order[i], order[j] = order[j], order[i]
        return tuple(order)

    def outcome(self, now_s: float) -> TaskOutcome:
        """The figures of this run (so far, if it is still running)."""
        end = self.ended_s if self.ended_s is not None else now_s
        return TaskOutcome(self.task.kind, self.phase is Phase.DONE, self.hints_used,
                           self.mistakes, round(end - self.started_s, 1), self.task.time_limit_s)

    # Rules per kind ----------------------------------------------------------------------

    def _pick_right(self, item: TaskItem) -> Feedback:
        """Find and choose: the right ones stay found; the others say why not."""
        if item.right:
            self.done_ids.append(item.id)
            return Feedback(Verdict.RIGHT, item.id, explanation=item.explanation)
        return Feedback(Verdict.NOT_YET, item.id, explanation=item.explanation)

    def _sequence(self, item: TaskItem) -> Feedback:
        if item.id == self.next_needed():
            self.done_ids.append(item.id)
            return Feedback(Verdict.RIGHT, item.id, explanation=item.explanation)
        return Feedback(Verdict.NOT_YET, item.id)

    def _sort(self, thing_id: str, item: TaskItem | None) -> Feedback:
        if item is not None:
            if item.id in self.done_ids:
                return Feedback(Verdict.ALREADY, item.id, explanation=item.explanation)
            self.in_hand = item.id
            return Feedback(Verdict.PICKED, item.id)
        if thing_id not in {t.id for t in self.task.targets}:
            return Feedback(Verdict.PICK_FIRST, None, thing_id)
        if self.in_hand is None:
            return Feedback(Verdict.PICK_FIRST, None, thing_id)
        held = self._item_or_fail(self.in_hand)
        if held.place == thing_id:
            self.done_ids.append(held.id)
            self.in_hand = None
            return Feedback(Verdict.RIGHT, held.id, thing_id, held.explanation)
        return Feedback(Verdict.NOT_YET, held.id, thing_id, held.explanation)

    def _complete(self) -> bool:
        if self.task.kind in (TaskKind.FIND, TaskKind.CHOOSE):
            return all(i.id in self.done_ids for i in self.task.items if i.right)
        return len(self.done_ids) == len(self.task.items)

    def _hint_texts(self, number: int) -> LocalizedText:
        """The hint ``number`` in every language; after the last, the last again."""
        return {code: texts[min(number, len(texts)) - 1] for code, texts in self.task.hints.items()}

    def _item(self, item_id: str) -> TaskItem | None:
        return next((i for i in self.task.items if i.id == item_id), None)

    def _item_or_fail(self, item_id: str) -> TaskItem:
        item = self._item(item_id)
        if item is None:
            raise KeyError(item_id)
        return item
