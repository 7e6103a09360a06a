"""The report panel in the headset, in every visitor language, standing and seated (issue 15
item 4, "zweisprachige Auswertung").

A visitor who reads Ukrainian or Arabic practises a German interview: the panel says every
explanation (strengths, top tips, what is measured) and every label in their language with the
German under or beside it, from the printout's texts (``ReportHelp``); Arabic right to left,
the German under it left to right. Such a report is longer than the content zone: it pages
("1/2 ▸") instead of overflowing, and keep and continue stand on its last page.

Real reports (the printout test's ten-question interview, typed and spoken, and three of its
questions as the demo asks them) on a real offscreen station: each page is rendered and its
panel's corners projected into the eye as the layout test does; every page is reached by its
buttons. A screenshot of every page is left in the test's temporary folder.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from calibration import StationProfile
from calibration.body import Posture
from catalog import load_catalog
from catalog.model import Catalog
from interview_engine.report import InterviewReport
from interview_engine.report_html import ReportHelp, summary_said
from tests.conftest import CONTENT
from tests.interview_engine import test_report_print as printout
from tests.vr_station import test_layout_steps
from tests.vr_station.station_fixtures import Rig, make_station, to_quick_check
from vr_station.interview.report import ReportLabels, report_lines
from vr_station.kiosk.flow import KioskState
from vr_station.steps.report import ReportStep

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]

BULLET = "•  "
"""Before each item of a list (``Panel.bullet``)."""

typed_report = printout.typed_report
spoken_report = printout.spoken_report


@pytest.fixture(scope="module")
def short_report(catalog: Catalog) -> InterviewReport:
    """Three questions, as the demo asks them."""
    return printout.interview(catalog, printout.visitor, printout.TEN_QUESTIONS[1:4])


def one_tip(report: InterviewReport) -> InterviewReport:
    """``report`` with one tip and no strengths: short enough for one page in any language."""
    return dataclasses.replace(report, strengths=(), strength_ids=(), strength_values=(),
                               top_tips=report.top_tips[:1], top_tip_ids=report.top_tip_ids[:1],
                               top_tip_values=report.top_tip_values[:1])


def _languages() -> list[str]:
    catalog, _ = load_catalog(CONTENT)
    return list(catalog.languages)


def open_report(language: str, report: InterviewReport) -> Rig:
    """A station whose visitor chose ``language`` and the interview, on the report of ``report``."""
    rig = make_station(language=language, profile=StationProfile(), size_px=(640, 360))
    station, visitor = rig.station, rig.visitor
    to_quick_check(rig, language)
    visitor.click("posture:standing")
    visitor.click("confirm")
    visitor.wait_until(lambda: "yes" in station.targets_by_id() and not station.pending_work(),
                       "the hearing question")
    visitor.click("yes")
    visitor.wait_state(KioskState.MENU)
    visitor.click("interview")
    visitor.wait_state(KioskState.OCCUPATION)
    station.base.messenger.send("f6")  # the first occupation: the report is handed in below
    visitor.wait_state(KioskState.INTERVIEW)
    assert station.session is not None
    station.session.report = report  # as the interview step sets it when the interview ends
    station.base.messenger.send("f6")
    visitor.wait_state(KioskState.REPORT)
    visitor.settle(0.3)
    return rig


def report_step(rig: Rig) -> ReportStep:
    step = rig.station.step
    assert isinstance(step, ReportStep)
    return step


def panel_texts(rig: Rig) -> list[str]:
    """What the report panel says now, text by text."""
    panel = next(p for p in report_step(rig).panels() if p.name == "report")
    return [t.getTag("text").removeprefix(BULLET) for t in panel.root.findAllMatches("**/=text")
            if not t.isHidden()]


def read_every_page(rig: Rig, name: str, shots: Path) -> tuple[list[list[str]], list[str]]:
    """Every page of the report as the visitor turns them: each page's texts and the layout
    problems found on it; ends back on the first page."""
    station, visitor = rig.station, rig.visitor
    step = report_step(rig)
    pages: list[list[str]] = []
    problems: list[str] = []
    for _ in range(12):
        screen = test_layout_steps.measure(rig, f"{name}-{len(pages) + 1}")
        rig.display.screenshot(shots / f"{name}-{len(pages) + 1}.png")
        panel = next(p for p in step.panels() if p.name == "report")
        assert panel.placement is not None
        if not panel.placement.fits:
            problems.append(f"{screen.name}: the panel is larger than its zone")
        problems += [f"{screen.name}: {p}" for p in screen.problems]
        pages.append(panel_texts(rig))
        targets = station.targets_by_id()
        last = len(pages) == step.page_count
        # Keep and go on on the last page only; before it, the way on is the next page.
        assert ({"keep", "continue"} <= set(targets)) == last, (name, len(pages), sorted(targets))
        if "report-page:next" not in targets:
            break
        visitor.click("report-page:next")
        visitor.settle(0.2)
        assert "report-page:previous" in station.targets_by_id()
    assert len(pages) == step.page_count, (name, len(pages), step.page_count)
    if step.page_count > 1:
        visitor.click("report-page:previous")
        visitor.settle(0.2)
        assert step.page == step.page_count - 2
        while step.page != step.page_count - 1:
            visitor.click("report-page:next")
            visitor.settle(0.2)
        visitor.click("report-page:first")
        visitor.settle(0.2)
        assert step.page == 0 and panel_texts(rig) == pages[0]
    return pages, problems


def show(rig: Rig, report: InterviewReport) -> None:
    """The report step shows ``report`` from its first page."""
    step = report_step(rig)
    assert rig.station.session is not None
    rig.station.session.report = report
    step.page = 0
    step.rebuild_ui()
    rig.visitor.settle(0.2)


@pytest.mark.parametrize("language", _languages())
def test_the_report_pages_inside_its_zone_standing_and_seated(
        language, catalog, short_report, typed_report, spoken_report, caplog, tmp_path):
    """No report is larger than the content zone, even bilingual: it pages, every page reached
    by its buttons, nothing overlapping, leaving the comfortable view or reaching an edge."""
    caplog.set_level("WARNING", logger="vr_station")
    rig = open_report(language, short_report)
    problems: list[str] = []
    read: dict[str, list[list[str]]] = {}
    try:
        step = report_step(rig)
        for posture in (Posture.STANDING, Posture.SEATED):
            if posture is Posture.SEATED:
                step.change_posture(Posture.SEATED)
            for kind, report in (("one-tip", one_tip(short_report)), ("three", short_report),
                                 ("typed", typed_report), ("spoken", spoken_report)):
                show(rig, report)
                name = f"{language}-{posture}-{kind}"
                read[name], found = read_every_page(rig, name, tmp_path)
                problems += found
    finally:
        rig.close()
    assert not problems, "\n".join(problems)
    too_large = [r.getMessage() for r in caplog.records if "larger than" in r.getMessage()]
    assert not too_large, too_large
    if language == "de":  # a German visitor reads the German report alone, as before
        assert len(read["de-standing-one-tip"]) == 1, "a report that fits stays one page"
        said = " ".join(text for page in read["de-standing-spoken"] for text in page)
        for sentence in (*spoken_report.strengths, *spoken_report.top_tips, spoken_report.footer):
            assert f"{sentence}" in said
        assert " / " not in said


@pytest.mark.parametrize("language", ["uk", "ar"])
def test_each_explanation_is_in_the_visitors_language_with_the_german(
        language, catalog, spoken_report, tmp_path):
    """Every strength, top tip and the footer in the visitor's language with the report's German
    under it; the labels with the German beside (Ukrainian) or under (Arabic) them; the Arabic
    right-aligned (its lines begin at the right), the German under it left-aligned."""
    rig = open_report(language, spoken_report)
    try:
        pages, problems = read_every_page(rig, language, tmp_path)
        assert not problems, "\n".join(problems)
        texts = [text for page in pages for text in page]
        help = ReportHelp.of(catalog, language)
        said = summary_said(spoken_report, help)
        explained = [*said.strengths, *said.top_tips, *([said.footer] if said.footer else [])]
        assert len(explained) >= 5
        for item in explained:
            assert item.own is not None and item.own != item.text, item
            if language == "uk":
                assert any("\u0400" <= ch <= "\u04ff" for ch in item.own), item.own
            else:
                assert any("\u0600" <= ch <= "\u06ff" for ch in item.own), item.own
            # The visitor's sentence, and right under it the German one.
            assert item.own in texts, item.own
            assert texts[texts.index(item.own) + 1] == item.text, item.text
        labels = catalog.interview.report_labels
        german = ReportLabels(labels, "de")
        for key in ("strengths", "top_tips"):
            own = help.beside(german(key), labels[key])
            assert f"{own} / {german(key)}" in texts
        for line in report_lines(spoken_report, ReportLabels(labels, language),
                                 lambda value, decimals=0: str(value)):
            own = help.beside(german(line.label_key), labels[line.label_key])
            assert own is not None
            if language == "uk":
                assert any(t.startswith(f"{own} / {german(line.label_key)}: ") for t in texts)
            else:  # the German label under the Arabic line, not in its middle
                title = next(t for t in texts if t.startswith(f"{own}: "))
                assert texts[texts.index(title) + 1] == german(line.label_key)
        # Questions, answers and points of a strong answer stay German (and off the panel).
        assert not any(a.question in texts for a in spoken_report.answers)
        if language == "ar":
            _arabic_right_german_left(rig, said.strengths[0].own or "", said.strengths[0].text)
    finally:
        rig.close()


def _arabic_right_german_left(rig: Rig, arabic: str, german: str) -> None:
    """On the first page: the Arabic sentence ends at the right padding, the German starts at
    the left one."""
    step = report_step(rig)
    while arabic not in panel_texts(rig):
        rig.visitor.click("report-page:next")
        rig.visitor.settle(0.2)
    panel = next(p for p in step.panels() if p.name == "report")
    padding = rig.station.ctx.ui.kit.theme.padding_m
    nodes = {t.getTag("text").removeprefix(BULLET): t for t in panel.root.findAllMatches("**/=text")}
    low, high = nodes[arabic].getTightBounds(panel.root)
    assert high[0] > panel.width_m / 2 - padding - 0.1, "the Arabic is right-aligned"
    assert low[0] > -panel.width_m / 2 + padding + 0.1, "a short Arabic sentence: not at the left"
    low, high = nodes[german].getTightBounds(panel.root)
    assert abs(low[0] - (-panel.width_m / 2 + padding)) < 0.02, "the German starts at the left"
