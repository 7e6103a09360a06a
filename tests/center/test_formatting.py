"""German counts for staff pages: "1 Problem", "2 Probleme", never "Problem(e)"."""

from center.formatting import de_count


def test_count_takes_the_singular_only_for_one():
    assert de_count(1, "Problem", "Probleme") == "1\u00a0Problem"
    assert de_count(0, "Problem", "Probleme") == "0\u00a0Probleme"
    assert de_count(2, "Problem", "Probleme") == "2\u00a0Probleme"
