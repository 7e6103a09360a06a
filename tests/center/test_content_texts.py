"""An occupation's visitor texts side by side: inline de/en and a translation overlay."""

from catalog.files import default_content_dir
from center.content_texts import visitor_texts

OVERLAY = """schema_version: 1
language: uk
review: machine-assisted
titles: Кухар / кухарка
tasks: [Підготувати інгредієнти]
tour:
  stops:
    welcome:
      narration: Ласкаво просимо на кухню ресторану.
  hotspots:
    stove:
      titles: Індукційна плита
"""


def shipped_tree() -> dict[str, bytes]:
    root = default_content_dir()
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*.yaml")}


def test_inline_languages_and_an_overlay_stand_side_by_side():
    # The shipped translations left out: this test's own short overlay is the only one.
    tree = {path: data for path, data in shipped_tree().items() if not path.startswith("translations/")}
    tree["translations/uk/occupations/koch.yaml"] = OVERLAY.encode()
    table = visitor_texts(tree, "koch")
    assert table is not None
    assert table.languages == ["de", "en", "uk"]
    assert table.overlays == {"uk": "translations/uk/occupations/koch.yaml"}
    rows = {row.label: row for row in table.rows}
    assert rows["Berufsbezeichnung"].values == {"de": "Koch/Köchin", "en": "Cook / chef",
                                                "uk": "Кухар / кухарка"}
    assert rows["Berufsbezeichnung"].line == 5
    welcome = rows["Tour-Station „welcome“: Erzählung"]
    assert welcome.values["de"].startswith("Willkommen in einer Restaurantküche.")
    assert welcome.values["uk"] == "Ласкаво просимо на кухню ресторану."
    assert rows["Aufgabe 1"].values["uk"] == "Підготувати інгредієнти"
    assert "uk" not in rows["Aufgabe 2"].values  # missing: the page says "fehlt"
    assert rows["Hotspot „stove“: Titel"].values["uk"] == "Індукційна плита"
    assert "uk" not in rows["Kurzbeschreibung"].values


def test_an_unknown_or_unreadable_occupation_has_no_table():
    tree = shipped_tree()
    assert visitor_texts(tree, "astronaut") is None
    tree["occupations/kaputt.yaml"] = b"titles: [unclosed\n"
    assert visitor_texts(tree, "kaputt") is None
