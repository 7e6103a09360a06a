"""The bilingual take-home report ("zweisprachige Auswertung", issue 15 item 4).

A visitor who chose Ukrainian or Arabic practises a German interview; the kept report prints
every explanation in their language with the German below it, Arabic right to left, while the
questions and answers stay German. Rendered in a real headless Chromium; a PNG of each is left
in the test's temporary folder to look at.
"""

from __future__ import annotations

import dataclasses
import json
from html.parser import HTMLParser
from pathlib import Path

from catalog.model import Catalog
from interview_engine.report import InterviewReport, for_visitor, report_from_dict
from interview_engine.report_html import ReportHelp, TaskCard, render_html, render_kept_report
from tests.interview_engine import test_report_print as printout

# The print test's interview (ten questions, every follow-up) and its Chromium, shared.
browser = printout.browser
spoken_report = printout.spoken_report
typed_report = printout.typed_report


def kept(report: InterviewReport, language: str) -> str:
    """The report as the station keeps it for a visitor of ``language`` (with the task card)."""
    data = json.loads(for_visitor(report, language).to_json())
    data["hands_on_task"] = {"kind": "sort", "completed": True, "hints_used": 0,
                             "duration_s": 30.0, "strengths": ["careful"]}
    return json.dumps(data, ensure_ascii=False)


class _Blocks(HTMLParser):
    """The text of every element with a ``lang``, with its ``dir``, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, str | None, str | None, list[str]]] = []
        self.blocks: list[tuple[str | None, str | None, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "br", "html"):
            return
        a = dict(attrs)
        self.open.append((tag, a.get("lang"), a.get("dir"), []))

    def handle_endtag(self, tag: str) -> None:
        if not self.open or tag in ("meta", "br", "html"):
            return
        _, lang, direction, text = self.open.pop()
        joined = "".join(text)
        if self.open:
            self.open[-1][3].append(joined)
        if lang is not None:
            self.blocks.append((lang, direction, joined))

    def handle_data(self, data: str) -> None:
        if self.open:
            self.open[-1][3].append(data)


def blocks(html: str) -> list[tuple[str | None, str | None, str]]:
    parser = _Blocks()
    parser.feed(html)
    return parser.blocks


def pairs(html: str, language: str) -> list[tuple[str, str]]:
    """Each explanation as (visitor's language, German below it)."""
    found = blocks(html)
    return [(text, found[i + 1][2]) for i, (lang, _, text) in enumerate(found[:-1])
            if lang == language and found[i + 1][0] == "de"]


def test_the_kept_report_carries_the_visitors_language_and_a_german_one_stays_german(
        catalog: Catalog, spoken_report: InterviewReport):
    data = json.loads(kept(spoken_report, "uk"))
    assert data["help_language"] == "uk" and data["schema_version"] == 3
    assert data["strength_values"] and len(data["strength_values"]) == len(data["strength_ids"])
    assert for_visitor(spoken_report, "de").help_language == ""
    german = render_kept_report(kept(spoken_report, "de"), catalog)
    card = TaskCard.of(catalog, ["careful"])
    assert german == render_html(spoken_report, catalog.interview.report_labels, task_card=card)
    assert 'class="vl"' not in german
    # The tour task's card is printed too (it was dropped before), never as a grade.
    assert "<h3>Das lag Ihnen</h3><ul><li>sorgfältig</li></ul>" in german
    assert "Das lag Ihnen" not in render_html(spoken_report, catalog.interview.report_labels)


def test_the_task_card_is_printed_in_the_visitors_language_with_the_german_below(
        catalog: Catalog, spoken_report: InterviewReport):
    html = render_kept_report(kept(spoken_report, "uk"), catalog)
    said = dict((german, own) for own, german in pairs(html, "uk"))
    assert said["Das lag Ihnen"] == catalog.ui["uk"].texts["strengths_title"]
    assert said["sorgfältig"] == catalog.ui["uk"].texts["strength_careful"]


def test_the_ukrainian_report_says_each_explanation_in_ukrainian_with_the_german_below(
        catalog: Catalog, spoken_report: InterviewReport, browser, tmp_path: Path):
    html = render_kept_report(kept(spoken_report, "uk"), catalog)
    said = pairs(html, "uk")
    german_of = {german: own for own, german in said}
    # Every strength and top tip, in Ukrainian, with the report's own German under it.
    for german in (*spoken_report.strengths, *spoken_report.top_tips, spoken_report.footer):
        assert german in german_of, german
        assert german_of[german] != german and not german_of[german].startswith("[DE]")
        assert any("\u0400" <= ch <= "\u04ff" for ch in german_of[german]), german_of[german]
    assert german_of[spoken_report.footer].startswith("Вимірюються лише Ваші слова")
    if "pace_good" in spoken_report.strength_ids:  # the figure is filled in, with a comma
        i = spoken_report.strength_ids.index("pace_good")
        wpm = spoken_report.strength_values[i]["wpm"]
        own = german_of[spoken_report.strengths[i]]
        assert own.startswith("Ваш темп мовлення був комфортним (") and "{wpm}" not in own
        assert str(wpm).replace(".", ",").removesuffix(",0") in own
    # The tips under each question too, and the labels with the German beside them.
    # (as the German page: no missed point twice, no habit of the top tips again per answer)
    said_once = {"missed_point"} | ({"fillers", "pace_fast", "pace_slow"}
                                    & set(spoken_report.top_tip_ids))
    answer_tips = [t for a in spoken_report.answers for t, k in zip(a.tips, a.tip_ids, strict=True)
                   if k not in said_once]
    assert answer_tips and all(t in german_of for t in answer_tips)
    assert "Що вдалося добре" in html and "/ Das lief gut" in html
    assert "Ваші найважливіші поради" in html and "Ситуація – Завдання – Дія – Результат" in html
    # What was said stays German: the questions and the answers, not translated.
    for answer in spoken_report.answers:
        assert answer.question.replace("„", "").split()[0] in html
    assert all(lang in ("de", "uk") for lang, _, _ in blocks(html))
    assert "[DE]" not in html
    shot = screenshot(browser, html, tmp_path / "report-uk.png")
    sentences = len(spoken_report.strengths) + len(spoken_report.top_tips) + len(answer_tips) + 2
    assert shot["uk_blocks"] >= sentences and shot["uk_directions"] == ["ltr"], shot


def test_the_arabic_report_runs_right_to_left_with_the_german_left_to_right(
        catalog: Catalog, spoken_report: InterviewReport, browser, tmp_path: Path):
    html = render_kept_report(kept(spoken_report, "ar"), catalog)
    arabic = [(direction, text) for lang, direction, text in blocks(html) if lang == "ar"]
    assert len(arabic) >= len(spoken_report.strengths) + len(spoken_report.top_tips) + 10
    assert all(direction == "rtl" for direction, _ in arabic)
    german_of = {german: own for own, german in pairs(html, "ar")}
    assert german_of[spoken_report.footer].startswith("لا يُقاس إلا كلماتكم")
    for german in (*spoken_report.strengths, *spoken_report.top_tips):
        assert any("\u0600" <= ch <= "\u06ff" for ch in german_of[german]), german
    assert "ما سار بشكل جيد" in html and "أهم نصائحكم" in html
    # Rendered: the Arabic blocks really run right to left and hug the right edge of the page,
    # while the German under them starts at the left.
    shot = screenshot(browser, html, tmp_path / "report-ar.png")
    assert shot["ar_directions"] == ["rtl"]
    assert shot["ar_right_aligned"] >= len(spoken_report.strengths), shot
    assert shot["de_left_aligned"] >= len(spoken_report.strengths), shot


def test_a_report_kept_before_the_visitors_language_was_kept_still_prints_in_german(
        catalog: Catalog, typed_report: InterviewReport):
    data = json.loads(typed_report.to_json())
    for key in ("strength_values", "top_tip_values", "help_language"):
        del data[key]
    for answer in data["answers"]:
        del answer["tip_values"]
    data["schema_version"] = 2
    again = report_from_dict(data)
    assert again.strengths == typed_report.strengths and again.help_language == ""
    html = render_kept_report(json.dumps({**data, "help_language": "uk"}), catalog)
    assert "Що вдалося добре" in html  # labels need no values
    for strength in typed_report.strengths:  # sentences without their values stay German
        assert strength.replace("„", "&bdquo;") in html or strength in html


def test_a_missing_translation_prints_the_german_alone(catalog: Catalog,
                                                       spoken_report: InterviewReport):
    help = ReportHelp.of(catalog, "uk")
    without = dataclasses.replace(help, labels={k: {"de": v["de"]} for k, v in help.labels.items()})
    html = render_html(for_visitor(spoken_report, "uk"), catalog.interview.report_labels, without)
    assert "Що вдалося добре" not in html and "<h3>Das lief gut</h3>" in html
    assert "[DE]" not in html


def screenshot(chromium, html: str, out: Path) -> dict[str, object]:
    """A full-page PNG of the report, and how Chromium lays out its blocks in each language."""
    page = chromium.new_page(viewport={"width": 794, "height": 1123})
    try:
        page.set_content(html, wait_until="load")
        page.emulate_media(media="print")
        page.screenshot(path=str(out), full_page=True)
        return page.evaluate("""() => {
            const out = {};
            for (const lang of ["uk", "ar", "de"]) {
              const els = [...document.querySelectorAll(`.pair > [lang="${lang}"]`)];
              out[`${lang}_blocks`] = els.length;
              out[`${lang}_directions`] = [...new Set(els.map(e => getComputedStyle(e).direction))];
              let right = 0, left = 0;
              for (const e of els) {
                const box = e.getBoundingClientRect();
                const range = document.createRange();
                range.selectNodeContents(e);
                const text = range.getBoundingClientRect();
                if (Math.abs(text.right - box.right) < 2) right++;
                if (Math.abs(text.left - box.left) < 2) left++;
              }
              out[`${lang}_right_aligned`] = right;
              out[`${lang}_left_aligned`] = left;
            }
            return out;
        }""")
    finally:
        page.close()


def test_leichte_sprache_beside_german_says_a_label_they_share_once(
        catalog: Catalog, typed_report: InterviewReport):
    html = render_kept_report(kept(typed_report, "de-x-ls"), catalog)
    assert "Das war gut" in html and "/ Das lief gut" in html
    assert "Sie geben auf jede Frage eine Antwort." in html  # the easy-read strength, then ...
    assert "Sie haben auf jede Frage eine Antwort gegeben." in html  # ... the German one
    assert "/ Frage" not in html and "/ Beruf" not in html  # the same word is not said twice
    assert '<span class="kind">Frage 1</span>' in html
