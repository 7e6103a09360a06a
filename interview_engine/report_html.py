"""A printable, self-contained HTML page of the report (A4, no external files, no scripts).

Labels come from content/interview.yaml (``report``), in the report's language. Every text
from content or from the recognizer is escaped.

It is meant to be taken home: a 10-question interview fits on one or two A4 pages
(tests/interview_engine/test_report_print.py renders it in Chromium and counts them). So each
question is one block with its follow-ups, the points the answers showed and missed, STAR
written out in words and the tips; figures appear only where they were measured (typed
answers have no times and no fillers), and nothing is struck through.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from html import escape

from interview_engine.feedback import format_value
from interview_engine.report import AnswerReport, InterviewReport, eye_contact_percent

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
.figures span + span::before { content: " · "; color: var(--muted); }
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
footer { margin-top: 3mm; padding-top: 2mm; border-top: 1px solid var(--line); font-size: 8.5pt;
         color: var(--muted); }
@page { size: A4; margin: 10mm; }
@media print {
  body { background: #fff; }
  main { padding: 0; max-width: none; }
  .card, .kind { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def render_html(report: InterviewReport, labels: Mapping[str, Mapping[str, str]]) -> str:
    """The report as one HTML page; ``labels`` is ``InterviewScript.report_labels``."""
    page = _Page(report, labels)
    return page.render()


_HABITS = frozenset({"fillers", "pace_fast", "pace_slow"})
"""Tips about a habit over the whole interview rather than about one answer."""


class _Page:
    def __init__(self, report: InterviewReport, labels: Mapping[str, Mapping[str, str]]):
        self.report = report
        self.language = report.language
        self.labels = labels

    def label(self, key: str) -> str:
        texts = self.labels.get(key, {})
        return escape(texts.get(self.language) or texts.get("de") or key)

    def number(self, value: float | int | None, unit: str = "") -> str:
        if value is None:
            return f'<span class="target">{self.label("not_measured")}</span>'
        text = format_value(float(value) if isinstance(value, float) else value, self.language)
        return escape(text) + (f" {escape(unit)}" if unit else "")

    def render(self) -> str:
        r = self.report
        footer = " ".join(escape(t) for t in (r.footer,) if t)
        parts = [
            "<!DOCTYPE html>",
            f'<html lang="{escape(r.language)}"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{self.label('title')} – {escape(r.occupation_title)}</title>",
            f"<style>{_CSS}</style></head><body><main>",
            f"<header><h1>{self.label('title')}</h1>", self._meta(), "</header>",
            *(f'<p class="notice">{escape(n)}</p>' for n in r.notices),
            self._summary(), '<section class="answers">',
            *self._answers(), "</section>",
            f"<footer><p>{footer}</p><p>{self.label('privacy')}</p></footer>",
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
        good = "".join(f"<li>{escape(s)}</li>" for s in r.strengths)
        tips = "".join(f"<li>{escape(t)}</li>" for t in r.top_tips)
        cards = []
        if good:
            cards.append(f'<div class="card good"><h3>{self.label("strengths")}</h3><ul>{good}</ul></div>')
        if tips:
            cards.append(f'<div class="card tips"><h3>{self.label("top_tips")}</h3><ol>{tips}</ol></div>')
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
        note = "" if self.typed else f'<p class="note">{self.label("transcript_note")}</p>'
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
        tips = [t for t, key in zip(a.tips, a.tip_ids, strict=True) if key not in said_once]
        if tips:
            parts.append(f'<ul class="tips">{"".join(f"<li>{escape(t)}</li>" for t in tips)}</ul>')
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
