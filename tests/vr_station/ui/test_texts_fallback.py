"""A visitor language whose interface text is missing shows the German text visibly marked
"[DE]" (never silently), with numbers still written as German writes them."""

from __future__ import annotations

from pathlib import Path

from catalog import load_catalog
from catalog.translations import FALLBACK_MARK
from vr_station.ui.texts import Texts


def test_a_missing_interface_text_is_german_and_marked(content_copy: Path):
    (content_copy / "ui" / "tr.yaml").write_text(
        "schema_version: 1\nlanguage: tr\ntexts:\n  back: Geri\n"
        "  tour_stop_counter: 'Durak {current} / {total}'\n", encoding="utf-8")
    (content_copy / "ui" / "ar.yaml").unlink(missing_ok=True)
    catalog, skipped = load_catalog(content_copy)
    assert skipped == []
    german, turkish, arabic = (Texts(catalog.ui[c]) for c in ("de", "tr", "ar"))
    assert turkish("back") == "Geri" and not turkish.is_fallback("back")
    assert turkish("tour_stop_counter", current=2, total=5) == "Durak 2 / 5"
    assert turkish.is_fallback("tour_finish")
    assert turkish("tour_finish") == FALLBACK_MARK + german("tour_finish")
    assert turkish("salary_training", range="900 €") == \
        FALLBACK_MARK + german("salary_training", range="900 €")
    # A language without any ui file: every text German and marked; numbers unmarked.
    assert arabic("welcome") == FALLBACK_MARK + german("welcome")
    assert arabic.number(1300) == german.number(1300) == "1.300"
