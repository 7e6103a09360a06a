"""The report: tips chosen by rule, strengths, overall figures, JSON and the printable HTML."""

from __future__ import annotations

import json
import os
import re
import stat
import sys

import pytest

from catalog.questions import FollowUpTrigger
from interview_engine.analysis import analyze_answer
from interview_engine.dialogue import TurnKind, TurnRecord
from interview_engine.feedback import ReportContext, build_report
from interview_engine.practice import write_report
from interview_engine.report import report_from_dict
from interview_engine.report_html import render_html
from speech.backends import Backend
from speech.transcript import EMPTY_RESULT, RecognitionResult, RecognizedWord, from_text, from_vosk_json
from tests.catalog.test_visitor_texts import ENGINE_WORDS, FORBIDDEN
from tests.interview_engine.conftest import DATA


def timed(text: str, wpm: float = 150.0, start: float = 0.0, fillers: int = 0) -> RecognitionResult:
    words = text.split() + ["äh"] * fillers
    step = 60.0 / wpm
    return RecognitionResult(tuple(RecognizedWord(w.lower(), round(start + i * step, 3),
                                                  round(start + i * step + step * 0.8, 3), 0.9)
                                   for i, w in enumerate(words)), " ".join(words))


@pytest.fixture
def koch_questions(catalog):
    return {q.id: q for q in catalog.occupations["koch"].questions.questions}


def record(catalog, question, result, turn_id, *, kind=TurnKind.MAIN, parent=None, nudges=0,
           language="de"):
    norms = catalog.languages[language].norms
    terms = catalog.occupations["koch"].terms[language]
    analysis = None if result.empty else analyze_answer(result, question, norms, terms,
                                                        catalog.interview.rules)
    return TurnRecord(turn_id, question, question.text[language], kind,
                      FollowUpTrigger.TOO_SHORT if kind == TurnKind.FOLLOW_UP else None, parent,
                      result, analysis, nudges, False)


def context(language="de") -> ReportContext:
    return ReportContext(language, "koch", "Koch/Köchin", "neutral", "Sachlich",
                         "2026-03-02T10:15:00+01:00", 7, "vosk")


def build(catalog, turns, language="de", **kwargs):
    return build_report(turns, context(language), catalog.interview, catalog.languages[language].norms,
                        **kwargs)


def test_each_answer_gets_one_to_three_kind_tips_most_useful_first(catalog, koch_questions):
    fast_short = record(catalog, koch_questions["behaviour-teamwork"],
                        timed("Wir haben das im Team gut gemacht, das ist mir wichtig", wpm=200,
                              fillers=3), 1)
    silent = record(catalog, koch_questions["strengths-main"], EMPTY_RESULT, 2, nudges=2)
    report = build(catalog, [fast_short, silent])
    tips = report.answers[0].tips
    assert 1 <= len(tips) <= 3
    texts = catalog.interview.tips
    assert tips[0] == texts["too_short"]["de"].format(words=11)
    assert tips[1] == texts["no_example"]["de"]
    assert tips[2] == texts["no_result"]["de"]
    assert report.answers[1].tips[0] == texts["no_answer"]["de"]
    assert report.answers[1].tips[1] == texts["missed_point"]["de"].format(
        point=koch_questions["strengths-main"].points("de")[0])
    assert report.answers[0].tip_ids == ("too_short", "no_example", "no_result")
    assert report.answers[1].tip_ids == ("no_answer", "missed_point")
    assert not report.answers[1].answered and report.answers[1].figures is None


def test_pace_and_filler_tips_name_the_figures_in_german_number_format(catalog, koch_questions):
    answer = timed(" ".join(["Ich", "habe", "im", "Praktikum", "am", "Ende", "viel", "gelernt"] * 4),
                   wpm=190.5, fillers=4)
    report = build(catalog, [record(catalog, koch_questions["motivation-why-cook"], answer, 1)])
    tips = report.answers[0].tips
    fig = report.answers[0].figures
    assert fig is not None and fig.wpm is not None and fig.wpm > 170
    wpm = f"{fig.wpm:.1f}".replace(".", ",")
    assert any(f"({wpm} Wörter pro Minute, angenehm sind 130–170)" in t for t in tips), tips
    assert any(t.startswith("Sie haben 4-mal „äh“") for t in tips), tips


def test_summary_names_strengths_and_the_three_most_frequent_tips(catalog, koch_questions):
    good = timed("Einmal im Praktikum war meine Aufgabe der Salatposten. Ich habe früh alles "
                 "vorbereitet und auf Hygiene und die Kühlkette geachtet. Am Ende waren alle zufrieden "
                 "und ich habe viel gelernt.", wpm=150)
    turns = [record(catalog, koch_questions["behaviour-teamwork"], good, 1),
             record(catalog, koch_questions["job-hygiene"], good, 2),
             record(catalog, koch_questions["motivation-why-cook"], timed("Ich koche gern."), 3),
             record(catalog, koch_questions["strengths-main"], timed("Ich bin fleißig."), 4)]
    report = build(catalog, turns, eye_contact={1: 0.9, 2: 0.8, 3: 0.7, 4: 0.9})
    praise = catalog.interview.praise
    assert report.strengths[0] == praise["all_answered"]["de"]
    assert report.strengths[1] == praise["terms_used"]["de"].format(terms="Hygiene, Posten, Kühlkette")
    assert len(report.strengths) == 3
    assert report.top_tips[0] == catalog.interview.summary_tips["too_short"]["de"]
    assert len(report.top_tips) <= 3 and len(set(report.top_tips)) == len(report.top_tips)
    assert report.overall.answered == 4 and report.overall.questions == 4
    assert report.overall.terms_used == ("Hygiene", "Posten", "Kühlkette")  # Salatposten: a Posten
    assert report.overall.eye_contact is not None and 0.8 < report.overall.eye_contact < 0.9


def test_low_eye_contact_becomes_a_tip_and_overall_share_can_be_given(catalog, koch_questions):
    turn = record(catalog, koch_questions["job-hygiene"], timed("Hygiene schützt die Gäste " * 6), 1)
    report = build(catalog, [turn], eye_contact={1: 0.3}, overall_eye_contact=0.35)
    assert report.answers[0].eye_contact == 0.3
    assert any("in 30 % der Antwortzeit" in t for t in report.answers[0].tips)
    assert report.overall.eye_contact == 0.35


def test_overall_figures_add_up_over_answers(catalog, koch_questions):
    a = from_vosk_json((DATA / "de_hygiene.json").read_text("utf-8"))
    turns = [record(catalog, koch_questions["job-hygiene"], a, 1),
             record(catalog, koch_questions["job-allergies"], a, 2)]
    overall = build(catalog, turns).overall
    assert (overall.word_count, overall.filler_count, overall.speaking_time_s) == (30, 4, 19.6)
    assert (overall.wpm, overall.fillers_per_min) == (91.8, 12.2)
    assert (overall.long_pause_count, overall.longest_pause_s) == (4, 2.5)


def test_json_round_trips_and_transcripts_can_be_dropped(catalog, koch_questions):
    turn = record(catalog, koch_questions["behaviour-teamwork"],
                  timed("Einmal im Praktikum habe ich am Ende viel gelernt"), 1)
    follow = record(catalog, koch_questions["behaviour-teamwork"], EMPTY_RESULT, 2,
                    kind=TurnKind.FOLLOW_UP, parent=1)
    report = build(catalog, [turn, follow], eye_contact={1: 0.5})
    again = report_from_dict(json.loads(report.to_json()))
    assert again == report
    stripped = report.without_transcripts()
    assert all(a.transcript == "" and a.fillers == () for a in stripped.answers)
    assert stripped.answers[0].figures == report.answers[0].figures


def test_html_is_escaped_labelled_in_the_session_language_and_printable(catalog, koch_questions):
    evil = timed("<script>alert(1)</script> Ich koche & backe gern", wpm=150)
    report = build(catalog, [record(catalog, koch_questions["motivation-why-cook"], evil, 1)])
    page = render_html(report, catalog.interview.report_labels)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert '<html lang="de">' in page
    assert "Ihr Übungsgespräch – Auswertung" in page and "Wörter pro Minute" in page
    assert "02.03.2026, 10:15 Uhr" in page
    assert "@page" in page and "@media print" in page
    assert not re.search(r"https?://", page)  # self-contained: nothing loaded from elsewhere
    english = build(catalog, [record(catalog, koch_questions["motivation-why-cook"],
                                     timed("I like cooking for my family", wpm=150), 1,
                                     language="en")], language="en")
    page_en = render_html(english, catalog.interview.report_labels)
    assert '<html lang="en">' in page_en and "Your practice interview – feedback" in page_en


def test_summary_never_suggests_a_term_used_elsewhere_and_typed_reports_show_no_times(
        catalog, koch_questions):
    hygiene_only = from_text("Hygiene ist wichtig, weil die Gäste sonst krank werden können, "
                             "deshalb wasche ich mir oft die Hände.")
    with_haccp = from_text("Ich kenne HACCP und die Kühlkette aus dem Praktikum, am Ende "
                           "haben wir dort alles dokumentiert und kontrolliert.")
    turns = [record(catalog, koch_questions["job-hygiene"], hygiene_only, 1),
             record(catalog, koch_questions["job-leftovers"], with_haccp, 2)]
    report = build_report(turns, ReportContext("de", "koch", "Koch/Köchin", "neutral", "Sachlich",
                                               "", 1, "typed"),
                          catalog.interview, catalog.languages["de"].norms)
    assert any("HACCP" in t for t in report.answers[0].tips)  # missed in the first answer
    summary_terms = [t for t in report.top_tips if t.startswith("Fachbegriffe zeigen")]
    assert all("HACCP" not in t and "Kühlkette" not in t for t in summary_terms)
    page = render_html(report, catalog.interview.report_labels)
    assert "Wörter pro Minute" not in page and "So hat die Station Ihre Antwort" not in page


def test_the_summary_never_contradicts_the_overall_figures(catalog, koch_questions):
    """One fast answer in an interview at a comfortable pace: a tip for that answer, but the
    summary praises the pace and does not call it fast."""
    calm = record(catalog, koch_questions["intro-yourself"], timed(
        "Ich habe im Sommer ein Praktikum in einer Kantine gemacht und dort jeden Tag beim "
        "Gemüseschneiden und bei der Hygiene geholfen und viel gelernt", wpm=140), 1)
    fast = record(catalog, koch_questions["intro-free-time"], timed(
        "In meiner Freizeit koche ich gern für meine Familie und probiere neue Rezepte aus, am "
        "liebsten regionale Gerichte mit Gemüse vom Markt", wpm=185, start=30.0), 2)
    report = build(catalog, [calm, fast])
    norms = catalog.languages["de"].norms
    assert norms.wpm_min <= report.overall.wpm <= norms.wpm_max
    assert any("zügig" in tip for tip in report.answers[1].tips)
    assert not any("zügig" in tip for tip in report.top_tips)
    assert any("Sprechtempo war angenehm" in s for s in report.strengths), report.strengths


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_printed_report_of_a_spoken_interview_names_no_engine(catalog, koch_questions, language):
    """The record keeps the engine (``recognizer``) for staff; the visitor's page says spoken."""
    labels = catalog.interview.report_labels
    notice = catalog.interview.notices["recognizer_limited"][language]
    question = koch_questions["motivation-why-cook"]
    for engine in sorted(ENGINE_WORDS & {b.value for b in Backend}):
        turn = record(catalog, question, from_text("Ja gern, ich koche sehr gern"), 1,
                      language=language)
        report = build_report([turn], ReportContext(language, "koch", "Koch/Köchin", "neutral",
                                                    "Sachlich", "", 7, engine, notices=(notice,)),
                              catalog.interview, catalog.languages[language].norms)
        assert report.recognizer == engine
        visible = re.sub(r"<[^>]+>", " ", render_html(report, labels).split("<body>", 1)[1])
        assert not FORBIDDEN.search(visible), FORBIDDEN.search(visible)
        assert f"{labels['recognizer'][language]} {labels['spoken'][language]}" in \
            re.sub(r"\s+", " ", visible)


def test_the_json_names_every_tip_by_id_the_points_and_the_interviewers_reply(catalog, koch_questions):
    """What a reader of the JSON needs without parsing sentences (issue 14, item 6)."""
    import dataclasses

    question = koch_questions["candidate-first-day"]
    asked = record(catalog, question, timed("Was muss ich am ersten Tag mitbringen?"), 1)
    asked = dataclasses.replace(asked, reply="Arbeitskleidung bekommen Sie von uns.")
    empty = record(catalog, koch_questions["job-hygiene"], EMPTY_RESULT, 2, nudges=2)
    report = build_report([asked, empty], ReportContext("de", "koch", "Koch/Köchin", "neutral",
                                                        "Sachlich", "", 1, "typed"),
                          catalog.interview, catalog.languages["de"].norms)
    data = json.loads(report.to_json())
    first, second = data["answers"]
    assert first["reply"] == "Arbeitskleidung bekommen Sie von uns."
    assert first["points_covered"] == [question.points("de")[0]]
    assert first["points_missed"] == [question.points("de")[1]]
    assert len(first["tip_ids"]) == len(first["tips"])
    assert second["tip_ids"] == ["no_answer", "missed_point"] and second["reply"] is None
    assert second["answered"] is False and not any("akustisch" in t for t in second["tips"])
    assert data["top_tip_ids"] and len(data["top_tip_ids"]) == len(data["top_tips"])
    assert data["overall"]["filler_count"] is None  # typed: nobody said "äh"
    assert report_from_dict(data) == report


def test_the_summary_is_never_only_praise_while_an_answer_has_a_tip(catalog, koch_questions):
    """The VR panel shows the strengths and the top tips: an unanswered question is the tip."""
    greeted = record(catalog, koch_questions["greeting-arrival"],
                     timed("Ja, danke für die Einladung, ich habe gut hergefunden."), 1)
    silent = record(catalog, koch_questions["closing-anything-else"], EMPTY_RESULT, 2, nudges=2)
    report = build(catalog, [greeted, silent], eye_contact={1: 0.9}, overall_eye_contact=0.9)
    assert report.strengths and report.answers[1].tip_ids[0] == "no_answer"
    assert report.top_tip_ids == ("no_answer",)
    assert report.top_tips == (catalog.interview.tips["no_answer"]["de"],)
    assert report.footer == catalog.interview.report_labels["measures"]["de"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX mode bits (Windows: icacls, tested "
                    "in tests/visit_record/test_private_files.py)")
def test_a_practice_report_is_private_whatever_the_umask(catalog, koch_questions, tmp_path):
    turn = record(catalog, koch_questions["behaviour-teamwork"],
                  timed("Einmal im Praktikum habe ich am Ende viel gelernt"), 1)
    report = build(catalog, [turn])
    old = os.umask(0)
    try:
        paths = write_report(report, tmp_path / "reports", catalog.interview.report_labels)
    finally:
        os.umask(old)
    assert [stat.S_IMODE(p.stat().st_mode) for p in paths] == [0o600, 0o600]
    assert stat.S_IMODE((tmp_path / "reports").stat().st_mode) == 0o700
    assert json.loads(paths[0].read_text(encoding="utf-8"))["occupation_id"] == "koch"
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == sorted(p.name for p in paths)
