"""The rules of each task kind, with hand-written tasks (no content files, no Panda3D)."""

from catalog.model import Anchor
from catalog.tasks import HandsOnTask, TaskItem, TaskKind, TaskTarget
from hands_on import Feedback, Finished, Hint, Phase, TaskRun, Verdict


def _item(item_id: str, *, right: bool = False, place: str | None = None) -> TaskItem:
    return TaskItem(item_id, {"de": item_id, "en": item_id}, {"de": f"weil {item_id}", "en": f"as {item_id}"},
                    right=right, place=place)


def _task(kind: TaskKind, items: list[TaskItem], targets: tuple[TaskTarget, ...] = ()) -> HandsOnTask:
    return HandsOnTask("koch", "stop", kind, {"de": "T"}, {"de": "Tun Sie das."},
                       {"de": ("Erster Tipp", "Zweiter Tipp"), "en": ("First hint", "Second hint")},
                       hint_after_s=20.0, time_limit_s=120.0, done={"de": "Fertig"},
                       time_up={"de": "Danke"}, items=tuple(items), targets=targets)


def _verdicts(events: list) -> list[Verdict]:
    return [e.verdict for e in events if isinstance(e, Feedback)]


def test_find_keeps_what_was_found_and_ends_when_every_right_thing_is_found() -> None:
    run = TaskRun(_task(TaskKind.FIND, [_item("cable", right=True), _item("plug", right=True),
                                        _item("lamp")]), started_s=0.0)
    assert _verdicts(run.select("lamp", 1.0)) == [Verdict.NOT_YET]
    assert _verdicts(run.select("cable", 2.0)) == [Verdict.RIGHT]
    assert _verdicts(run.select("cable", 3.0)) == [Verdict.ALREADY]
    events = run.select("plug", 4.0)
    assert _verdicts(events) == [Verdict.RIGHT]
    assert events[-1] == Finished(True, {"de": "Fertig"})
    assert run.phase is Phase.DONE
    assert run.outcome(10.0).mistakes == 1 and run.outcome(10.0).duration_s == 4.0
    assert run.select("lamp", 5.0) == []  # nothing happens after the end


def test_choose_says_why_a_wrong_option_is_not_it_and_the_visitor_carries_on() -> None:
    run = TaskRun(_task(TaskKind.CHOOSE, [_item("torque-wrench", right=True), _item("hammer")]), 0.0)
    feedback = run.select("hammer", 1.0)[0]
    assert isinstance(feedback, Feedback) and feedback.explanation == {"de": "weil hammer", "en": "as hammer"}
    assert run.phase is Phase.RUNNING
    assert isinstance(run.select("torque-wrench", 2.0)[-1], Finished)


def test_sequence_takes_the_steps_only_in_order() -> None:
    steps = [_item(f"s{i}") for i in range(1, 6)]
    run = TaskRun(_task(TaskKind.SEQUENCE, steps), 0.0)
    shown = [i.id for i in run.shown_order()]
    assert sorted(shown) == ["s1", "s2", "s3", "s4", "s5"]
    assert all(shown[i] != f"s{i + 1}" for i in range(5)), "no step is shown where it belongs"
    for n in range(2, 9):
        items = [_item(f"t{i}") for i in range(n)]
        order = TaskRun(_task(TaskKind.SEQUENCE, items), 0.0).shown_order()
        assert sorted(i.id for i in order) == sorted(i.id for i in items)
        assert all(order[i] is not items[i] for i in range(n)), f"{n} steps: one is in place"
    assert _verdicts(run.select("s2", 1.0)) == [Verdict.NOT_YET]
    for i in range(1, 5):
        assert _verdicts(run.select(f"s{i}", 1.0 + i)) == [Verdict.RIGHT]
    assert run.done_ids == ["s1", "s2", "s3", "s4"]
    assert isinstance(run.select("s5", 9.0)[-1], Finished)


def test_sort_needs_an_item_in_hand_then_its_place() -> None:
    anchor = Anchor("a", (0.0, 0.0, 1.0))
    targets = (TaskTarget("cold", {"de": "Kühlraum"}, anchor), TaskTarget("dry", {"de": "Lager"}, anchor))
    run = TaskRun(_task(TaskKind.SORT, [_item("milk", place="cold"), _item("flour", place="dry")],
                        targets), 0.0)
    assert _verdicts(run.select("cold", 1.0)) == [Verdict.PICK_FIRST]
    assert _verdicts(run.select("milk", 2.0)) == [Verdict.PICKED]
    assert run.next_needed() == "cold"
    assert _verdicts(run.select("dry", 3.0)) == [Verdict.NOT_YET]
    assert run.in_hand == "milk", "a wrong place keeps the item in hand"
    assert _verdicts(run.select("cold", 4.0)) == [Verdict.RIGHT]
    assert run.in_hand is None
    run.select("flour", 5.0)
    events = run.select("dry", 6.0)
    assert isinstance(events[-1], Finished) and events[-1].completed
    assert run.outcome(6.0).mistakes == 1


def test_hints_come_after_a_pause_on_the_station_clock_and_point_at_the_next_thing() -> None:
    run = TaskRun(_task(TaskKind.FIND, [_item("a"), _item("b", right=True)]), 100.0)
    assert run.tick(119.9) == []
    first = run.tick(120.0)
    assert first == [Hint(1, {"de": "Erster Tipp", "en": "First hint"}, "b")]
    assert run.tick(130.0) == [], "the next hint waits another pause"
    run.select("a", 135.0)  # an action restarts the pause
    assert run.tick(150.0) == []
    second = run.tick(155.0)
    assert isinstance(second[0], Hint) and second[0].texts["de"] == "Zweiter Tipp"
    third = run.tick(175.0)
    assert isinstance(third[0], Hint) and third[0].texts["de"] == "Zweiter Tipp", "the last one again"
    assert run.hints_used == 3


def test_the_time_limit_ends_the_task_kindly_without_a_failure() -> None:
    run = TaskRun(_task(TaskKind.SEQUENCE, [_item("x"), _item("y")]), 0.0)
    run.select("x", 5.0)
    events = run.tick(120.0)
    assert events == [Finished(False, {"de": "Danke"})]
    assert run.phase is Phase.TIME_UP
    outcome = run.outcome(500.0)
    assert (outcome.completed, outcome.duration_s) == (False, 120.0)
    assert run.tick(121.0) == [] and run.select("y", 121.0) == []
