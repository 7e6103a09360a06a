from catalog.tasks import TaskKind
from hands_on import Strength, TaskOutcome, strengths


def _outcome(completed: bool, hints: int, mistakes: int, duration_s: float) -> TaskOutcome:
    return TaskOutcome(TaskKind.SORT, completed, hints, mistakes, duration_s, 180.0)


def test_a_quick_faultless_run_reads_careful_and_quick() -> None:
    assert strengths(_outcome(True, 0, 0, 40.0)) == (Strength.CAREFUL, Strength.QUICK)


def test_hints_and_mistakes_read_as_persevering_and_using_hints_never_as_a_grade() -> None:
    assert strengths(_outcome(True, 2, 3, 150.0)) == (Strength.PERSEVERING, Strength.USED_HINTS)


def test_a_run_the_time_ended_still_gets_a_kind_word() -> None:
    assert strengths(_outcome(False, 0, 0, 180.0)) == (Strength.GAVE_IT_A_GO,)
