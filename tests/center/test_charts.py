"""Charts are well-formed SVG with escaped labels; German formatting of figures."""

from datetime import date, timedelta
from xml.etree import ElementTree

from center import charts
from center.formatting import de_day, de_number, de_percent

SVG = "{http://www.w3.org/2000/svg}"


def test_day_columns_draw_one_column_per_day_scaled_to_the_peak():
    points = [(date(2025, 3, 1) + timedelta(days=i), n) for i, n in enumerate([0, 3, 7, 2])]
    svg = ElementTree.fromstring(str(charts.day_columns(points, "Sitzungen pro Tag")))
    columns = svg.findall(f"{SVG}rect")
    assert len(columns) == 4
    heights = [float(c.get("height", 0)) for c in columns]
    assert heights[0] == 0 and max(heights) == heights[2]
    assert abs(heights[1] / heights[2] - 3 / 7) < 0.01
    assert "Sitzungen pro Tag" in svg.get("aria-label", "")
    assert columns[2].find(f"{SVG}title").text == "Mo, 03.03.2025: 7 Sitzungen"  # type: ignore[union-attr]  # found or fails


def test_bars_escape_labels_and_show_shares():
    markup = str(charts.bars([charts.Bar("<b>Küche</b> & Co", 3), charts.Bar("Lager", 1)],
                             "Berufe", total=4))
    svg = ElementTree.fromstring(markup)  # parses: nothing unescaped broke the markup
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "<b>Küche</b> & Co" in texts and "3 (75\u00a0%)" in texts
    assert "<b>" not in markup
    empty = ElementTree.fromstring(str(charts.bars([], "Berufe")))
    assert "Keine Daten" in "".join(t.text or "" for t in empty.iter(f"{SVG}text"))


def test_target_gauge_marks_the_target():
    svg = ElementTree.fromstring(str(charts.target_gauge(0.64, 0.8, "„gut“ oder „sehr gut“", width=100)))
    assert [r.get("width") for r in svg.findall(f"{SVG}rect")] == ["100", "64.0"]
    assert svg.find(f"{SVG}line").get("x1") == "80.0"  # type: ignore[union-attr]  # found or fails


def test_german_number_formats():
    assert de_number(4.26) == "4,3"
    assert de_number(1234.5, 1) == "1.234,5"
    assert de_number(None) == "–"
    assert de_percent(0.823) == "82\u00a0%" and de_percent(None) == "–"
    assert de_day(date(2025, 11, 21)) == "Fr, 21.11.2025"
    assert de_day(date(2025, 11, 21), short=True) == "21.11."


def test_day_columns_label_the_scale_in_steps_and_long_periods_with_the_year():
    points = [(date(2025, 3, 1) + timedelta(days=i), 12 if i == 2 else 1) for i in range(30)]
    svg = ElementTree.fromstring(str(charts.day_columns(points, "Sitzungen pro Tag")))
    labels = [t.text for t in svg.iter(f"{SVG}text")]
    assert [x for x in labels if x and x.isdigit()] == ["0", "5", "10", "15", "20"]
    two_years = [(date(2024, 1, 1) + timedelta(days=i), 1) for i in range(730)]
    svg = ElementTree.fromstring(str(charts.day_columns(two_years, "Sitzungen pro Tag")))
    assert "01/2024" in [t.text for t in svg.iter(f"{SVG}text")]
