"""The shipped content is valid and complete."""

from catalog import check_content, load_catalog
from tests.conftest import CONTENT


def test_shipped_content_has_no_problems():
    check = check_content(CONTENT)
    assert [str(p) for p in check.problems] == []


def test_catalog_offers_every_shipped_occupation_in_german_and_english():
    catalog, skipped = load_catalog(CONTENT)
    assert skipped == []
    files = sorted(p.stem for p in (CONTENT / "occupations").glob("*.yaml"))
    assert sorted(catalog.occupations) == files
    for occupation in catalog.occupations.values():
        assert {"de", "en"} <= set(occupation.titles)
        assert len(occupation.questions.questions) >= 25
        for stop in occupation.tour.stops:
            assert {"de", "en"} <= set(stop.narration)
