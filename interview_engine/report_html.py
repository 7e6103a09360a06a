"""A printable, self-contained HTML page of the report (A4, no external files, no scripts).

Labels come from content/interview.yaml (``report``), in the report's language. Every text
from content or from the recognizer is escaped.

It is meant to be taken home: a 10-question interview fits on one or two A4 pages
(tests/interview_engine/test_report_print.py renders it in Chromium and counts them). So each
question is one block with its follow-ups, the points the answers showed and missed, STAR
written out in words and the tips; figures appear only where they were measured (typed
answers have no times and no fillers), and nothing is struck through.

A visitor who chose another language than the interview's (``InterviewReport.help_language``:
a Ukrainian visitor practises a German interview) gets a bilingual printout ("zweisprachige
Auswertung"): every label and explanation in their language first, the German below or beside
it, Arabic right to left (``dir="rtl"`` on its blocks). What was said stays as said: the
questions, the answers, the points of a strong answer and the interviewer's replies are German.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from html import escape

from catalog.model import Catalog, LocalizedText
from catalog.translations import is_fallback
from interview_engine.feedback import format_value
from interview_engine.report import (
    AnswerReport,
    InterviewReport,
    TextValues,
    eye_contact_percent,
    report_from_dict,
)

_CSS = """
:root { --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --accent: #1f5fbf;
        --good-bg: #e6f4ea; --warn: #b7791f; --tip-bg: #fff8e6; }
* { box-sizing: border-box; }
body { font: 9.5pt/1.2 "Segoe UI", "DejaVu Sans", system-ui, sans-serif; color: var(--ink);
       margin: 0; background: #f5f7fa; }
main { max-width: 190mm; margin: 0 auto; padding: 10mm; background: #fff; }
h1 { font-size: 16pt; margin: 0 0 2mm; color: var(--accent); }
h2 { font-size: 10pt; margin: 0 0 0.5mm; }
h3 { font-size: 10pt; margin: 0 0 1mm; }
p { margin: 0 0 1mm; }
dl.meta { display: flex; flex-wrap: wrap; gap: 0 6mm; margin: 0 0 3mm; }
dl.meta dt { color: var(--muted); }
dl.meta dt::after { content: ":"; }
dl.meta dd { margin: 0 0 0 1.5mm; font-weight: 600; }
.notice { border-left: 3px solid var(--warn); background: var(--tip-bg); padding: 1mm 3mm;
          margin: 0 0 2mm; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; margin: 0 0 2mm; }
.card { border-radius: 2mm; padding: 2mm 4mm; }
.card.good { background: var(--good-bg); }
.card.tips { background: var(--tip-bg); }
.card ul, .card ol { margin: 0; padding-left: 5mm; }
.figures { margin: 0 0 2mm; }
.figures > span + span::before { content: " · "; color: var(--muted); }
.note { font-size: 8.5pt; color: var(--muted); }
article { border-top: 1px solid var(--line); padding: 1.5mm 0 0.5mm; }
h2, .follow-up p:first-child { break-after: avoid; }
blockquote, p { break-inside: avoid; }
.kind { display: inline-block; font-size: 8.5pt; font-weight: 700; color: #fff; background: var(--accent);
        border-radius: 1mm; padding: 0 1.5mm; margin-right: 2mm; }
.follow-up { margin-left: 6mm; }
.follow-up .kind { background: var(--muted); }
blockquote { margin: 0 0 1mm; padding: 0.5mm 3mm; border-left: 3px solid var(--line); }
blockquote.empty { color: var(--muted); }
ul.tips { padding-left: 5mm; margin: 0.5mm 0 0; }
ul.tips li::marker { color: var(--warn); }
.vl { font-family: "Segoe UI", "Noto Sans", "Noto Sans Arabic", "DejaVu Sans", system-ui, sans-serif; }
.pair > .vl, .pair > .de { display: block; }
.pair > .de, .label .de { color: var(--muted); }
.kind .label .de { color: inherit; font-weight: 400; }
.pair > .de { font-size: 8.5pt; }
.vl[dir="rtl"] { font-size: 10.5pt; }
footer { margin-top: 3mm; padding-top: 2mm; border-top: 1px solid var(--line); font-size: 8.5pt;
         color: var(--muted); }
@page { size: A4; margin: 10mm; }
@media print {
  body { background: #fff; }
  main { padding: 0; max-width: none; }
  .card, .kind { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


@dataclass(frozen=True)
class ReportHelp:
    """The report's explanations in the visitor's language, printed beside the German."""

    language: str
    rtl: bool
    decimal: str
    """The language's decimal mark (ui ``number_decimal``)."""
    tips: Mapping[str, LocalizedText]
    summary_tips: Mapping[str, LocalizedText]
    praise: Mapping[str, LocalizedText]
    labels: Mapping[str, LocalizedText]

    @classmethod
    def of(cls, catalog: Catalog, language: str) -> ReportHelp:
        """The texts of ``language`` from content/interview.yaml and its overlay."""
        ui = catalog.ui.get(language)
        script = catalog.interview
        return cls(language=language, rtl=catalog.languages[language].direction == "rtl",
                   decimal=ui.texts.get("number_decimal", ",") if ui is not None else ",",
                   tips=script.tips, summary_tips=script.summary_tips, praise=script.praise,
                   labels=script.report_labels)

    def text(self, texts: LocalizedText | None, values: TextValues | None = None) -> str | None:
        """The text in this language with its values filled in; None where it has none.

        A German fallback (marked "[DE]") is None too: the German stands beside it anyway.
        """
        text = (texts or {}).get(self.language)
        if not text or is_fallback(text):
            return None
        if not values:
            return text
        return text.format_map(_Values({k: self._value(v) for k, v in values.items()}))

    def beside(self, said: str, texts: LocalizedText | None,
               values: TextValues | None = None) -> str | None:
        """What the visitor reads beside ``said``, the report's own words.

        The text in this language; None where there is none or it says the same ("Frage /
        Frage": once).
        """
        own = self.text(texts, values)
        return None if own is None or own == said else own

    def table(self, name: str, key: str) -> LocalizedText | None:
        """The texts of ``key`` in a table of interview.yaml.

        ``tips``, ``praise``, ``labels``, or ``top_tips``: a summary tip where there is one, as
        feedback.py says them.
        """
        if not key:
            return None
        if name == "top_tips":
            name = "summary_tips" if key in self.summary_tips else "tips"
        tables = {"tips": self.tips, "summary_tips": self.summary_tips,
                  "praise": self.praise, "labels": self.labels}
        return tables[name].get(key)

    def _value(self, value: object) -> str:
        if isinstance(value, list | tuple):
            return ", ".join(self._value(v) for v in value)
        if isinstance(value, float):
            return format_value(value, "en").replace(".", self.decimal)
        return str(value)

    def attributes(self) -> str:
        """``lang`` and ``dir`` of an element in this language."""
        return f'lang="{escape(self.language)}" dir="{"rtl" if self.rtl else "ltr"}"'


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:  # a typo in content shows, never crashes
        return "{" + key + "}"


@dataclass(frozen=True)
class Said:
    """One explanation of the report, and the same in the visitor's language where it differs."""

    text: str
    """As the report says it, in the interview's language."""
    own: str | None = None
    """In the visitor's language (``ReportHelp``); None: the report's words stand alone."""


@dataclass(frozen=True)
class SummarySaid:
    """The report's summary as every view says it: strengths, top tips and what is measured."""

    strengths: tuple[Said, ...]
    top_tips: tuple[Said, ...]
    footer: Said | None


def summary_said(report: InterviewReport, help: ReportHelp | None) -> SummarySaid:
    """The summary of ``report``, each explanation beside its text in ``help``'s language.

    The printout and the station's report panel both say it so: one lookup for both.
    """
    def said(table: str, texts: tuple[str, ...], ids: tuple[str, ...],
             values: tuple[TextValues, ...]) -> tuple[Said, ...]:
        return tuple(Said(text, help.beside(text, help.table(table, key), value)
                          if help is not None else None)
                     for text, key, value in _aligned(texts, ids, values))

    r = report
    footer = None
    if r.footer:
        footer = Said(r.footer, help.beside(r.footer, help.table("labels", "measures"))
                      if help is not None else None)
    return SummarySaid(said("praise", r.strengths, r.strength_ids, r.strength_values),
                       said("top_tips", r.top_tips, r.top_tip_ids, r.top_tip_values), footer)


@dataclass(frozen=True)
class TaskCard:
    """The tour task's "Das lag Ihnen" card: its title and strengths, each per language."""

    title: LocalizedText
    strengths: tuple[LocalizedText, ...]

    @classmethod
    def of(cls, catalog: Catalog, strength_ids: list[str]) -> TaskCard | None:
        """The card for ``strength_ids`` from the ui texts (``strengths_title``, ``strength_<id>``)."""
        def texts(key: str) -> LocalizedText:
            return {code: ui.texts[key] for code, ui in catalog.ui.items() if key in ui.texts}
        strengths = tuple(t for t in (texts(f"strength_{s}") for s in strength_ids) if t.get("de"))
        title = texts("strengths_title")
        return cls(title, strengths) if strengths and title.get("de") else None


def render_html(report: InterviewReport, labels: Mapping[str, Mapping[str, str]],
                help: ReportHelp | None = None, task_card: TaskCard | None = None) -> str:
    """The report as one HTML page; ``labels`` is ``InterviewScript.report_labels``.

    With ``help`` in another language than the report's, the page is bilingual. ``task_card``:
    what the tour's hands-on task showed the visitor, printed beside the interview's strengths.
    """
    page = _Page(report, labels, help if help is not None and help.language != report.language
                 else None, task_card)
    return page.render()


def render_kept_report(report_json: str, catalog: Catalog) -> str:
    """A kept report (``vr_station.privacy.keep_report``'s JSON) as the printout for the visitor.

    Bilingual when the visitor's language was another than the interview's.
    """
    data = json.loads(report_json)
    task = data.pop("hands_on_task", None)  # the tour task's card, as strength ids
    report = report_from_dict(data)
    help = ReportHelp.of(catalog, report.help_language) \
        if report.help_language in catalog.languages else None
    card = TaskCard.of(catalog, [str(s) for s in task.get("strengths", ())]) \
        if isinstance(task, dict) else None
    return render_html(report, catalog.interview.report_labels, help, card)


_HABITS = frozenset({"fillers", "pace_fast", "pace_slow"})
"""Tips about a habit over the whole interview rather than about one answer."""


class _Page:
    def __init__(self, report: InterviewReport, labels: Mapping[str, Mapping[str, str]],
                 help: ReportHelp | None, task_card: TaskCard | None = None):
        self.report = report
        self.task_card = task_card
        self.language = report.language
        self.labels = labels
        self.help = help

    def german_label(self, key: str) -> str:
        """A label in the report's language alone (the page title), escaped."""
        return escape(self._german(key))

    def _german(self, key: str) -> str:
        texts = self.labels.get(key, {})
        return texts.get(self.language) or texts.get("de") or key

    def label(self, key: str) -> str:
        """A label; on a bilingual page the visitor's words first, then the German."""
        german = self.german_label(key)
        own = self.help.beside(self._german(key), self.help.labels.get(key)) \
            if self.help is not None else None
        if self.help is None or own is None:
            return german
        return (f'<span class="label"><span class="vl" {self.help.attributes()}>{escape(own)}'
                f'</span> <span class="de" lang="{escape(self.language)}">/ {german}</span></span>')

    def sentence(self, german: str, texts: LocalizedText | None = None,
                 values: TextValues | None = None) -> str:
        """An explanation: on a bilingual page in the visitor's language with the German below."""
        own = self.help.beside(german, texts, values) if self.help is not None else None
        return self.pair(Said(german, own))

    def pair(self, said: Said) -> str:
        """A sentence alone, or on a bilingual page the visitor's words with the German below."""
        if self.help is None or said.own is None:
            return escape(said.text)
        return (f'<span class="pair"><span class="vl" {self.help.attributes()}>{escape(said.own)}'
                f'</span><span class="de" lang="{escape(self.language)}">{escape(said.text)}'
                '</span></span>')

    def help_text(self, table: str, key: str) -> LocalizedText | None:
        """The texts of ``key`` in a table of interview.yaml, for a bilingual page."""
        return self.help.table(table, key) if self.help is not None else None

    def number(self, value: float | int | None, unit: str = "") -> str:
        if value is None:
            return f'<span class="target">{self.label("not_measured")}</span>'
        text = format_value(float(value) if isinstance(value, float) else value, self.language)
        return escape(text) + (f" {escape(unit)}" if unit else "")

    def render(self) -> str:
        r = self.report
        said = summary_said(r, self.help).footer
        footer = self.pair(said) if said is not None else ""
        privacy = self.sentence(self.german_label("privacy"), self.help_text("labels", "privacy"))
        parts = [
            "<!DOCTYPE html>",
            f'<html lang="{escape(r.language)}"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{self.german_label('title')} – {escape(r.occupation_title)}</title>",
            f"<style>{_CSS}</style></head><body><main>",
            f"<header><h1>{self.label('title')}</h1>", self._meta(), "</header>",
            *(f'<p class="notice">{escape(n)}</p>' for n in r.notices),
            self._summary(), '<section class="answers">',
            *self._answers(), "</section>",
            f"<footer><p>{footer}</p><p>{privacy}</p></footer>",
            "</main></body></html>",
        ]
        return "\n".join(parts) + "\n"

    @property
    def typed(self) -> bool:
        return self.report.recognizer == "typed"

    def _meta(self) -> str:
        r = self.report
        # Spoken or typed: the visitor's printout names no speech engine (the record keeps it).
        recognizer = ("recognizer", self.label("typed") if self.typed else self.label("spoken"))
        rows = [("occupation", escape(r.occupation_title)), ("interviewer", escape(r.persona_name)),
                ("date", escape(self._date(r.started_at))), recognizer]
        return '<dl class="meta">' + "".join(
            f"<dt>{self.label(k)}</dt><dd>{v}</dd>" for k, v in rows if v) + "</dl>"

    def _date(self, iso: str) -> str:
        try:
            when = datetime.fromisoformat(iso)
        except ValueError:
            return iso
        return when.strftime("%d.%m.%Y, %H:%M Uhr" if self.language == "de" else "%d %B %Y, %H:%M")

    def _summary(self) -> str:
        r = self.report
        said = summary_said(r, self.help)
        good = "".join(f"<li>{self.pair(s)}</li>" for s in said.strengths)
        tips = "".join(f"<li>{self.pair(t)}</li>" for t in said.top_tips)
        cards = []
        if good:
            cards.append(f'<div class="card good"><h3>{self.label("strengths")}</h3><ul>{good}</ul></div>')
        if tips:
            cards.append(f'<div class="card tips"><h3>{self.label("top_tips")}</h3><ol>{tips}</ol></div>')
        if self.task_card is not None:  # what the tour's hands-on task showed: never a grade
            card = self.task_card
            items = "".join(f"<li>{self.sentence(s['de'], s)}</li>" for s in card.strengths)
            cards.append(f'<div class="card good task"><h3>{self.sentence(card.title["de"], card.title)}'
                         f"</h3><ul>{items}</ul></div>")
        o, targets = r.overall, r.targets
        figures = []
        if not self.typed:  # typed answers have no times and no fillers: no such figures
            if o.wpm is not None:
                figures.append(f"{self.label('wpm')}: {self.number(o.wpm)} ({self.label('target')} "
                               f"{self.number(targets.wpm_min)}–{self.number(targets.wpm_max)})")
            if o.fillers_per_min is not None:
                figures.append(f"{self.label('fillers_per_min')}: {self.number(o.fillers_per_min)} "
                               f"({self.label('target')} ≤ {self.number(targets.fillers_per_min_max)})")
            if o.long_pause_count is not None:
                figures.append(f"{self.label('long_pauses')}: {self.number(o.long_pause_count)}")
        if o.eye_contact is not None:
            figures.append(f"{self.label('eye_contact')}: {eye_contact_percent(o.eye_contact)} %")
        if o.terms_used:
            figures.append(f"{self.label('terms_used')}: {escape(', '.join(o.terms_used))}")
        line = "".join(f"<span>{f}</span>" for f in figures)
        transcript_note = self.sentence(self.german_label("transcript_note"),
                                        self.help_text("labels", "transcript_note"))
        note = "" if self.typed else f'<p class="note">{transcript_note}</p>'
        return (f'<section class="summary"><div class="cols">{"".join(cards)}</div>'
                + (f'<p class="figures"><strong>{self.label("overall")}:</strong> {line}</p>' if line else "")
                + note + "</section>")

    def _answers(self) -> list[str]:
        follow_ups: dict[int, list[AnswerReport]] = {}
        for answer in self.report.answers:
            if answer.parent_turn_id is not None:
                follow_ups.setdefault(answer.parent_turn_id, []).append(answer)
        out = []
        number = 0
        for answer in self.report.answers:
            if answer.parent_turn_id is None:
                number += 1
                out.append(self._thread(answer, number, follow_ups.get(answer.turn_id, [])))
        return out

    def _thread(self, a: AnswerReport, number: int, follow_ups: list[AnswerReport]) -> str:
        parts = ["<article>",
                 f'<h2><span class="kind">{self.label("question")} {number}</span>{escape(a.question)}</h2>',
                 *self._exchange(a, figures=True)]
        for f in follow_ups:  # short answers: their figures stay in the JSON, off the page
            parts += ['<div class="follow-up">',
                      f'<p><span class="kind">{self.label("follow_up")}</span>{escape(f.question)}</p>',
                      *self._exchange(f, figures=False), "</div>"]
        if a.points_covered:
            parts.append(f'<p><strong>{self.label("points_covered")}:</strong> '
                         f'{escape("; ".join(a.points_covered))}</p>')
        if a.points_missed:
            parts.append(f'<p><strong>{self.label("points_missed")}:</strong> '
                         f'{escape("; ".join(a.points_missed))}</p>')
        if a.star is not None:
            parts.append(self._star(a))
        # A missed point is already listed above; its tip would say it a second time. A habit
        # of the whole interview (fillers, pace) that is among the top tips is said once there,
        # not again under every answer.
        said_once = {"missed_point"} | (set(self.report.top_tip_ids) & _HABITS)
        tips = [self.sentence(t, self.help_text("tips", key), values)
                for t, key, values in _aligned(a.tips, a.tip_ids, a.tip_values)
                if key not in said_once]
        if tips:
            parts.append(f'<ul class="tips">{"".join(f"<li>{t}</li>" for t in tips)}</ul>')
        parts.append("</article>")
        return "".join(parts)

    def _exchange(self, a: AnswerReport, *, figures: bool) -> list[str]:
        """The answer as given, its figures where they were measured, the interviewer's reply."""
        parts = [f"<blockquote>{escape(a.transcript)}</blockquote>" if a.answered else
                 f'<blockquote class="empty">{self.label("no_answer")}</blockquote>']
        shown = self._figures(a) if figures else []
        if shown:
            parts.append('<p class="figures note">' + "".join(f"<span>{x}</span>" for x in shown) + "</p>")
        if a.reply:
            parts.append(f'<p><strong>{self.label("reply")}:</strong> {escape(a.reply)}</p>')
        return parts

    def _figures(self, a: AnswerReport) -> list[str]:
        """An answer's measured figures: times and fillers only when spoken; eye contact in VR."""
        shown: list[str] = []
        if a.figures is not None and not self.typed:
            f = a.figures
            shown += [f"{self.label('word_count')} {self.number(f.word_count)}",
                      f"{self.label('wpm')} {self.number(f.wpm)}",
                      f"{self.label('filler_count')} {self.number(f.filler_count)}"]
            if f.long_pause_count:
                shown.append(f"{self.label('long_pauses')} {self.number(f.long_pause_count)}")
            if a.capped:
                shown.append(self.label("capped"))
        if a.eye_contact is not None:
            shown.append(f"{self.label('eye_contact')} {eye_contact_percent(a.eye_contact)} %")
        return shown

    def _star(self, a: AnswerReport) -> str:
        """STAR written out, in plain words: which parts the example told and which are open."""
        assert a.star is not None
        parts = [(self.label(f"star_{k}"), bool(getattr(a.star, k)))
                 for k in ("situation", "task", "action", "result")]
        told = ", ".join(name for name, ok in parts if ok)
        missing = ", ".join(name for name, ok in parts if not ok)
        said = [f"{self.label('star_shown')}: {told}" if told else "",
                f"{self.label('star_missing')}: {missing}" if missing else ""]
        return f'<p><strong>{self.label("star")}:</strong> {"; ".join(x for x in said if x)}</p>'


def _aligned(texts: tuple[str, ...], ids: tuple[str, ...],
             values: tuple[TextValues, ...]) -> list[tuple[str, str, TextValues | None]]:
    """Each text with its id and values; a report of schema 2 has no values (None)."""
    return [(text, ids[i] if i < len(ids) else "", values[i] if i < len(values) else None)
            for i, text in enumerate(texts)]
