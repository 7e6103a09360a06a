"""The editing form's logic without a server: writing values into YAML text, the German wording
of the check's problems, and placing problems at their fields (with the real validator)."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.files import default_content_dir
from catalog.yaml_loader import parse_yaml_text
from center.content_form import FormRefused, changed_files, occupation_form, shared_form
from center.content_store import ContentProblem
from center.problem_texts import german, german_at, known
from center.yaml_edit import EditRefused, set_values

SAMPLE = """\
# A comment that must stay.
schema_version: 1
titles: {de: Koch/Köchin, en: Cook}
summary:
  de: >-
    Ein langer Text, der über
    zwei Zeilen geht.
  en: Short.
tasks:
  de:
    - eins
    - zwei  # why two
cues:
  de: [ja, "danke*"]
tour:
  stops:
    welcome:
      titles: Hallo
"""


def data(text: str):
    return parse_yaml_text(Path("sample.yaml"), text).data


def test_a_changed_value_replaces_only_its_own_text():
    text = set_values(SAMPLE, {("titles", "de"): "Köchin: Profi", ("summary", "de"): "Neu."},
                      "sample.yaml")
    before, after = SAMPLE.splitlines(), text.splitlines()
    assert after[0] == "# A comment that must stay." and "  - zwei  # why two" in text
    assert after[2] == "titles: {de: 'Köchin: Profi', en: Cook}"
    assert [line for line in after if line not in before] == [after[2], "    Neu."]
    assert data(text)["titles"]["de"] == "Köchin: Profi"
    assert data(text)["summary"] == {"de": "Neu.", "en": "Short."}


def test_a_long_folded_text_stays_folded_at_its_indentation():
    long = "Ein sehr langer Text über die Küche, " * 6
    text = set_values(SAMPLE, {("summary", "de"): long.strip()}, "sample.yaml")
    lines = text.splitlines()
    start = lines.index("  de: >-")
    assert all(line.startswith("    ") and len(line) <= 96 for line in lines[start + 1:start + 3])
    assert data(text)["summary"]["de"] == long.strip()


def test_lists_keep_their_style_and_missing_keys_are_added():
    text = set_values(SAMPLE, {("tasks", "de"): ["eins", "drei: vier"],
                               ("cues", "de"): ["ja", "bitte*"], ("titles", "tr"): "Aşçı",
                               ("tour", "stops", "welcome", "narration"): "Erzählung",
                               ("training", "note", "de"): "Hinweis"}, "sample.yaml")
    assert "    - eins\n    - 'drei: vier'\n" in text
    assert "  de: [ja, bitte*]" in text
    assert "titles: {de: Koch/Köchin, en: Cook, tr: Aşçı}" in text
    assert "      titles: Hallo\n      narration: Erzählung\n" in text
    result = data(text)
    assert result["training"] == {"note": {"de": "Hinweis"}}
    assert result["tasks"]["de"] == ["eins", "drei: vier"]


def test_a_value_below_a_list_item_that_does_not_exist_is_refused():
    with pytest.raises(EditRefused):
        set_values(SAMPLE, {("tasks", "de", 5): "sechs"}, "sample.yaml")


@pytest.mark.parametrize(("message", "expected"), [
    ("titles.de: must not be empty", "Das Feld darf nicht leer sein."),
    ("salary.training.year: must be at least 2015, not 1999",
     "Der Wert muss mindestens 2015 sein, nicht 1999."),
    ("salary.training.year: must be at most 2100, not 2200",
     "Der Wert darf höchstens 2100 sein, nicht 2200."),
    ("titles: missing 'en' translation", "Die Übersetzung in „en“ fehlt."),
    ("salary.training: missing required field 'year'", "Das Pflichtfeld „year“ fehlt."),
    ("training.duration_months: should be a whole number, not the text 'drei'",
     "Hier muss eine ganze Zahl stehen, nicht der Text „drei“."),
    ("salary.training: min_eur (900) is above max_eur (800)",
     "Der Mindestbetrag (900 €) liegt über dem Höchstbetrag (800 €)."),
    ("interview.questions[0].strong_answer[0].cues.de: 'Ja' must be lower case, as a recognizer "
     "writes it", "Das Stichwort „Ja“ muss kleingeschrieben sein, so wie die Spracherkennung "
                  "schreibt."),
    ("tour.stops[1].hotspots[0]: no hotspot 'herd' in tour.hotspots",
     "Es gibt keinen Hotspot „herd“ unter tour.hotspots."),
    ("tasks: entries must translate each other one by one (de has 6, en has 5)",
     "Die Einträge müssen einander eins zu eins übersetzen (de hat 6, en hat 5)."),
])
def test_the_checks_messages_in_german(message, expected):
    assert known(message)
    assert german(message) == expected


def test_an_unknown_message_is_shown_in_english_behind_a_german_lead_in():
    assert not known("something new went wrong")
    assert german("something new went wrong") == \
        "Die Prüfung meldet (englisch): something new went wrong"


def shipped() -> dict[str, bytes]:
    root = default_content_dir()
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def test_problems_land_at_their_cell_or_row_and_the_rest_stays_unplaced():
    tree = shipped()
    lines = tree["occupations/koch.yaml"].decode().splitlines()
    title = next(n for n, line in enumerate(lines, 1) if line.startswith("  de: Koch/"))
    titles = next(n for n, line in enumerate(lines, 1) if line.startswith("titles:"))
    problems = [ContentProblem("occupations/koch.yaml", title, 7, "titles.de: must not be empty"),
                ContentProblem("occupations/koch.yaml", titles + 1, 3,
                               "titles: missing 'fr' translation"),
                ContentProblem("occupations/koch.yaml", 2, 1, "schema_version: must be 1, not 2")]
    form = occupation_form(tree, "koch", problems)
    assert form is not None
    row = form.rows("beruf")[0]
    assert row.label == "Berufsbezeichnung"
    assert row.cells["de"].problems == ["Das Feld darf nicht leer sein."]
    assert row.problems == ["Die Übersetzung in „fr“ fehlt."]
    assert [message for _p, message in form.unplaced] == ["Hier muss „1“ stehen, nicht „2“."]


def test_only_changed_cells_are_written_and_a_bad_number_is_refused():
    tree = shipped()
    form = occupation_form(tree, "koch", [])
    assert form is not None
    narration = next(r for r in form.rows("rundgang") if r.label == "Erzählung")
    title = form.rows("rundgang")[0]
    posted = {narration.name("tr"): ["Yeni anlatım."],
              title.name("de"): [str(title.cells["de"].value)], "stand": [form.stamp(tree)]}
    files = changed_files(tree, form, "rundgang", posted)
    assert list(files) == ["translations/tr/occupations/koch.yaml"]
    year = next(r for r in form.rows("beruf") if r.label == "Jahr der Angaben")
    with pytest.raises(FormRefused) as refused:
        changed_files(tree, form, "beruf", {year.name("*"): ["zweitausend"],
                                            "stand": [form.stamp(tree)]})
    assert list(refused.value.errors) == [year.name("*")]


def test_a_form_made_before_someone_elses_save_is_refused():
    tree = shipped()
    form = occupation_form(tree, "koch", [])
    assert form is not None
    stamp = form.stamp(tree)
    tree["translations/ar/occupations/koch.yaml"] += b"\n"  # another editor saved meanwhile
    title = form.rows("beruf")[0]
    with pytest.raises(FormRefused, match="inzwischen geändert"):
        changed_files(tree, form, "beruf", {title.name("de"): ["Koch"], "stand": [stamp]})


def test_the_shared_form_has_the_feedback_chips_in_every_language():
    form = shared_form(shipped(), [])
    chip = form.rows("gemeinsam")[0]
    assert chip.cells["de"].value == "Einfach zu bedienen"
    assert {"ar", "uk", "tr", "ru"} <= set(chip.cells)
    assert next(lang for lang in form.languages if lang.code == "ar").rtl


def test_the_yaml_editor_keeps_the_dotted_path_in_front_of_the_german_text():
    assert german_at("salary.training.year: must be at least 2015, not 1999") == \
        "salary.training.year: Der Wert muss mindestens 2015 sein, nicht 1999."
    assert german_at("something new") == "Die Prüfung meldet (englisch): something new"
