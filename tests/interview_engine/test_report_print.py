"""The printout of the report, rendered in a real headless Chromium: a 10-question interview fits
on one or two A4 pages, in plain German, with no time figures for typed answers (issue 14, item 6).

The PDF and a PNG of each render are written to the test's temporary folder, to look at.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from catalog.model import Catalog
from catalog.questions import FollowUpTrigger
from interview_engine.dialogue import TurnKind
from interview_engine.feedback import ReportContext, build_report, format_value
from interview_engine.report import InterviewReport, eye_contact_percent
from interview_engine.report_html import render_html
from tests.interview_engine.test_report import record, timed
from tests.interview_engine.test_review_interviews import (
    FOLLOW_UP_ANSWERS,
    JOB_TERM_ANSWERS,
    REVIEW_ANSWERS,
    interview,
)

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]

TEN_QUESTIONS = ("greeting-arrival", "intro-yourself", "motivation-why-cook", "strengths-stress",
                 "behaviour-teamwork", "behaviour-mistake", "job-hygiene", "job-leftovers",
                 "candidate-first-day", "closing-anything-else")
ANSWERS = {
    **REVIEW_ANSWERS,
    "intro-yourself": "Ich bin siebzehn Jahre alt und mache gerade meinen Hauptschulabschluss. In "
                      "den Sommerferien habe ich ein Praktikum in einer Kantine gemacht, dort habe "
                      "ich Gemüse geschnitten, Salate angerichtet und bei der Essensausgabe "
                      "geholfen. Zu Hause koche ich oft für meine Familie, am liebsten Gerichte "
                      "aus der Heimat meiner Oma.",
    "motivation-why-cook": "Ich koche gern, weil man am Ende etwas in der Hand hat, das anderen "
                           "Freude macht. Im Praktikum hat mir die Arbeit im Team in der Küche "
                           "gefallen, auch wenn es stressig war. Ich möchte lernen, wie man für "
                           "viele Gäste kocht und wie man Gerichte schön anrichtet.",
    "behaviour-mistake": "Einmal habe ich im Praktikum vergessen, den Kühlraum richtig zu "
                         "schließen. Ich habe es gemerkt, als ich die Temperatur kontrolliert "
                         "habe, und habe es sofort dem Koch gesagt. Wir haben die Lebensmittel "
                         "geprüft, zum Glück war nichts verdorben, und seitdem kontrolliere ich "
                         "die Tür immer zweimal.",
}
"""A visitor who says a fair amount: the printout must still fit (a worst case for its length)."""


def visitor(key: str, trigger: FollowUpTrigger | None) -> str:
    if trigger is None:
        return ANSWERS[key]
    if trigger == FollowUpTrigger.JOB_TERM:
        return JOB_TERM_ANSWERS.get(key, "Das kenne ich aus meinem Praktikum in einer Kantine.")
    return FOLLOW_UP_ANSWERS[trigger]


@pytest.fixture(scope="module")
def typed_report(catalog: Catalog) -> InterviewReport:
    """Ten questions typed into the real dialogue, every rule's follow-up asked."""
    report = interview(catalog, visitor, TEN_QUESTIONS)
    assert sum(1 for a in report.answers if a.kind == "main") == 10
    assert any(a.kind == "follow_up" for a in report.answers)
    return report


@pytest.fixture(scope="module")
def spoken_report(catalog: Catalog, typed_report: InterviewReport) -> InterviewReport:
    """The same interview spoken (with times, a few fillers and eye contact): the same
    questions, follow-ups and words as the typed one."""
    bank = {q.id: q for q in catalog.occupations["koch"].questions.questions}
    turns = []
    eye = {}
    for i, answer in enumerate(typed_report.answers):
        follow_up = answer.kind == "follow_up"
        turn = record(catalog, bank[answer.question_id],
                      timed(answer.transcript, wpm=145, start=i * 60.0, fillers=1),
                      answer.turn_id, kind=TurnKind.FOLLOW_UP if follow_up else TurnKind.MAIN,
                      parent=answer.parent_turn_id)
        turns.append(dataclasses.replace(
            turn, asked_text=answer.question, reply=answer.reply,
            trigger=FollowUpTrigger(answer.trigger) if answer.trigger else None))
        eye[answer.turn_id] = 0.6 if follow_up else 0.8
    context = ReportContext("de", "koch", "Koch/Köchin", "neutral", "Sachlich",
                            "2026-03-02T10:15:00+01:00", 7, "vosk")
    return build_report(turns, context, catalog.interview, catalog.languages["de"].norms,
                        eye_contact=eye, overall_eye_contact=0.885)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not found (Debian: apt-get install chromium; "
                    "scripts/debian/test.txt lists it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


def print_pages(browser, html: str, out: Path) -> int:
    """Print the page to an A4 PDF as a browser does (CSS @page), save a PNG; the page count."""
    page = browser.new_page(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
    try:
        page.set_content(html, wait_until="load")
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
        page.emulate_media(media="print")
        page.screenshot(path=str(out.with_suffix(".png")), full_page=True)
    finally:
        page.close()
    out.with_suffix(".pdf").write_bytes(pdf)
    # Chromium writes each page as an object "/Type /Page" (the tree's root is "/Type /Pages").
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_a_ten_question_typed_interview_prints_on_at_most_two_a4_pages(
        catalog, typed_report, browser, tmp_path):
    html = render_html(typed_report, catalog.interview.report_labels)
    pages = print_pages(browser, html, tmp_path / "typed")
    assert 1 <= pages <= 2, f"{pages} pages; see {tmp_path / 'typed.png'}"
    # The counter counts: the same interview three times over is longer than two pages.
    longer = dataclasses.replace(typed_report, answers=typed_report.answers * 3)
    assert print_pages(browser, render_html(longer, catalog.interview.report_labels),
                       tmp_path / "thirty") > 2


def test_a_ten_question_spoken_interview_prints_on_at_most_two_a4_pages(
        catalog, spoken_report, browser, tmp_path):
    html = render_html(spoken_report, catalog.interview.report_labels)
    pages = print_pages(browser, html, tmp_path / "spoken")
    assert 1 <= pages <= 2, f"{pages} pages; see {tmp_path / 'spoken.png'}"


def test_the_typed_printout_is_plain_german_without_time_figures(catalog, typed_report):
    html = render_html(typed_report, catalog.interview.report_labels)
    assert "<dt>Antworten</dt><dd>getippt</dd>" in html and "Spracherkennung" not in html
    for figure in ("Füllwörter", "Wörter pro Minute", "Sprechzeit", "Pausen ab", "Wörter "):
        assert figure not in html, f"{figure!r} is a figure typed answers do not have"
    assert "line-through" not in html and "<s>" not in html and "<del>" not in html
    assert "Situation – Aufgabe – Handlung – Ergebnis" in html and "STAR" not in html
    assert "Das haben Sie gezeigt:" in html and "Das hätte noch gepasst:" in html
    assert typed_report.footer and typed_report.footer in html
    assert "Gefühle und Persönlichkeit werden weder erkannt noch bewertet" in typed_report.footer
    reply = next((a.reply for a in typed_report.answers if a.reply), None)
    if reply is not None:  # the interviewer answered the candidate's question: it is printed
        assert reply in html


def test_the_spoken_printout_shows_the_same_figures_as_the_json(catalog, spoken_report):
    html = render_html(spoken_report, catalog.interview.report_labels)
    overall = spoken_report.overall
    assert overall.eye_contact == 0.885 and eye_contact_percent(overall.eye_contact) == 89
    assert "Blickkontakt: 89 %" in html, "half up, as the panel and the tips round it"
    assert f"Wörter pro Minute: {format_value(overall.wpm, 'de')} (Ziel 130–170)" in html
    assert "So hat die Station Ihre Antwort" in html and html.count("So hat die Station Ihre Antwort") == 1
    assert "Situation – Aufgabe – Handlung – Ergebnis" in html and "line-through" not in html
    for tip in spoken_report.top_tips:
        assert tip.replace("„", "&bdquo;") in html or tip in html.replace("&quot;", '"')
