"""Interface texts: numbers and money as each language writes them; every key the code uses
exists in the schema (so a missing translation is caught by 'content validate', not by a
visitor)."""

from __future__ import annotations

import json
import re

import pytest

from catalog import load_catalog
from tests.conftest import CONTENT, REPO
from vr_station.ui.texts import Texts

SCHEMA = REPO / "catalog" / "schemas" / "ui.schema.json"


@pytest.fixture(scope="module")
def texts() -> dict[str, Texts]:
    catalog, _ = load_catalog(CONTENT)
    return {code: Texts(ui) for code, ui in catalog.ui.items()}


def test_numbers_follow_each_language(texts):
    assert texts["de"].number(1300) == "1.300"
    assert texts["en"].number(1300) == "1,300"
    assert texts["de"].number(3.5, 1) == "3,5"
    assert texts["de"].years(36) == "3"
    assert texts["de"].years(42) == "3,5"


def test_euro_ranges_say_when_they_are_approximate(texts):
    assert texts["de"].euro_range(724, 1300, True) == "etwa 724–1.300 €"
    assert texts["en"].euro_range(2170, 3070, False) == "2,170–3,070 €"


def test_placeholders_are_filled_in(texts):
    assert texts["de"]("tour_stop_counter", current=2, total=5) == "Station 2 von 5"
    assert texts["en"]("tour_stop_counter", current=2, total=5) == "Stop 2 of 5"


def used_keys() -> set[str]:
    """Keys passed to a Texts call anywhere in the station's code: t("…"), texts("…")."""
    pattern = re.compile(r"\b(?:t|texts|first|other|self\.texts|self\.ctx\.texts)"
                         r"""\(\s*f?["']([a-z0-9_{}]+)["']""")
    keys: set[str] = set()
    for path in (REPO / "vr_station").rglob("*.py"):
        keys |= set(pattern.findall(path.read_text(encoding="utf-8")))
    return keys


def test_every_text_the_code_asks_for_is_required_by_the_schema():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    required = set(schema["properties"]["texts"]["required"])
    keys = used_keys()
    assert len(keys) > 40, "the pattern should find the texts the steps use"
    templated = {k for k in keys if "{" in k}
    for key in keys - templated:
        assert key in required, f"{key} is used in the code but not declared in ui.schema.json"
    for key in templated:  # f-strings like f"facts_{kind}": at least one variant exists
        prefix = key.split("{")[0]
        assert any(r.startswith(prefix) for r in required), key


def test_schema_and_german_texts_declare_the_same_keys():
    import yaml

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    german = yaml.safe_load((CONTENT / "ui" / "de.yaml").read_text(encoding="utf-8"))["texts"]
    assert list(schema["properties"]["texts"]["required"]) == list(german)


def test_no_text_is_left_untranslated_in_english(texts):
    same = {k for k, v in texts["en"].ui.texts.items()
            if v == texts["de"].ui.texts[k] and len(v) > 3}
    assert same <= {"tour_end"} or same == set(), same


