"""A printable, self-contained HTML page of the report (A4, no external files, no scripts).

Labels come from content/interview.yaml (``report``), in the report's language. Every text
from content or from the recognizer is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from html import escape

from interview_engine.feedback import format_value
from interview_engine.report import AnswerReport, InterviewReport

_WPM_SCALE = (60.0, 240.0)
_FILLER_SCALE = (0.0, 20.0)

_CSS = """
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --accent: #1f6feb;
        --good: #2f855a; --good-bg: #e6f4ea; --warn: #b7791f; --tip-bg: #fff8e6; }
* { box-sizing: border-box; }
body { font: 11pt/1.5 "Segoe UI", "DejaVu Sans", system-ui, sans-serif; color: var(--ink);
       margin: 0; background: #f5f7fa; }
main { max-width: 190mm; margin: 0 auto; padding: 12mm 10mm; background: #fff; }
h1 { font-size: 20pt; margin: 0 0 4mm; color: var(--accent); }
h2 { font-size: 14pt; margin: 0 0 3mm; }
h3 { font-size: 11pt; margin: 4mm 0 2mm; text-transform: uppercase; letter-spacing: .04em;
     color: var(--muted); }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 6mm; margin: 0 0 6mm; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; font-weight: 600; }
.notice { border-left: 4px solid var(--warn); background: var(--tip-bg); padding: 2mm 4mm;
          margin: 0 0 4mm; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 5mm; }
.card { border-radius: 3mm; padding: 3mm 5mm; }
.card h3 { margin-top: 1mm; }
.card.good { background: var(--good-bg); }
.card.tips { background: var(--tip-bg); }
.card ul, .card ol { margin: 0; padding-left: 5mm; }
.figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; margin: 2mm 0 4mm; }
.figure { border: 1px solid var(--line); border-radius: 2mm; padding: 2mm 3mm; }
.figure .label { font-size: 9pt; color: var(--muted); }
.figure .value { font-size: 15pt; font-weight: 700; }
.figure .target { font-size: 8.5pt; color: var(--muted); }
.gauge { position: relative; height: 2mm; background: #edf1f5; border-radius: 1mm; margin-top: 1mm; }
.gauge .band { position: absolute; top: 0; bottom: 0; background: #b7e1c5; border-radius: 1mm; }
.gauge .marker { position: absolute; top: -1mm; width: 1.2mm; height: 4mm; background: var(--ink);
                 border-radius: .6mm; margin-left: -.6mm; }
article { border-top: 1px solid var(--line); padding: 5mm 0 2mm; break-inside: avoid; }
article.follow-up { margin-left: 8mm; border-top: 1px dashed var(--line); }
.kind { display: inline-block; font-size: 8.5pt; font-weight: 700; color: #fff; background: var(--accent);
        border-radius: 1mm; padding: 0 2mm; margin-right: 2mm; vertical-align: middle; }
.follow-up .kind { background: var(--muted); }
blockquote { margin: 2mm 0 1mm; padding: 2mm 4mm; background: #f5f7fa; border-left: 3px solid var(--line);
             font-style: italic; }
blockquote.empty { color: var(--muted); }
.note { font-size: 8.5pt; color: var(--muted); margin: 0 0 2mm; }
.chips span { display: inline-block; border-radius: 3mm; padding: 0 2.5mm; margin: 0 1mm 1mm 0;
              font-size: 9pt; background: var(--good-bg); color: var(--good); }
.chips.missed span { background: #edf1f5; color: var(--muted); }
.chips .yes { background: var(--good-bg); color: var(--good); }
.chips .no { background: #edf1f5; color: var(--muted); text-decoration: line-through; }
ul.tips { padding-left: 5mm; margin: 1mm 0; }
ul.tips li::marker { color: var(--warn); }
.strong { font-size: 9.5pt; color: var(--muted); }
.strong ul { margin: 0; padding-left: 5mm; }
footer { margin-top: 6mm; padding-top: 3mm; border-top: 1px solid var(--line); font-size: 9pt;
         color: var(--muted); }
@page { size: A4; margin: 12mm; }
@media print {
  body { background: #fff; }
  main { padding: 0; max-width: none; }
  .card, .figure, .chips span, .kind, .gauge .band, .gauge .marker {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def render_html(report: InterviewReport, labels: Mapping[str, Mapping[str, str]]) -> str:
    """The report as one HTML page; ``labels`` is ``InterviewScript.report_labels``."""
    page = _Page(report, labels)
    return page.render()


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
            f"<footer>{self.label('privacy')}</footer>",
            "</main></body></html>",
        ]
        return "\n".join(parts) + "\n"

    def _meta(self) -> str:
        r = self.report
        typed = r.recognizer == "typed"
        recognizer = ("answers", self.label("typed")) if typed else ("recognizer", escape(r.recognizer))
        rows = [("occupation", escape(r.occupation_title)), ("interviewer", escape(r.persona_name)),
                ("date", escape(self._date(r.started_at))), recognizer]
        return '<dl class="meta">' + "".join(
            f"<dt>{self.label(k)}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"

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
        o = r.overall
        band = f"{self.number(r.targets.wpm_min)}–{self.number(r.targets.wpm_max)}"
        if r.recognizer == "typed":  # typed answers have no times and no fillers: words only
            tiles = [self._tile("word_count", self.number(o.word_count))]
            return (f'<section class="summary"><h2>{self.label("summary")}</h2>'
                    f'<div class="cols">{"".join(cards)}</div>'
                    f'<h3>{self.label("overall")}</h3><div class="figures">{"".join(tiles)}</div></section>')
        tiles = [
            self._tile("wpm", self.number(o.wpm), f"{self.label('target')} {band}",
                       self._gauge(o.wpm, (r.targets.wpm_min, r.targets.wpm_max), _WPM_SCALE)),
            self._tile("fillers_per_min", self.number(o.fillers_per_min),
                       f"{self.label('target')} ≤ {self.number(r.targets.fillers_per_min_max)}",
                       self._gauge(o.fillers_per_min, (0.0, r.targets.fillers_per_min_max), _FILLER_SCALE)),
            self._tile("word_count", self.number(o.word_count)),
            self._tile("speaking_time", self.number(o.speaking_time_s, self.label("seconds"))),
            self._tile("long_pauses", self.number(o.long_pause_count)),
            self._tile("longest_pause", self.number(o.longest_pause_s, self.label("seconds"))),
        ]
        if o.eye_contact is not None:
            tiles.append(self._tile("eye_contact", f"{round(o.eye_contact * 100)} %"))
        return (f'<section class="summary"><h2>{self.label("summary")}</h2>'
                f'<div class="cols">{"".join(cards)}</div>'
                f'<h3>{self.label("overall")}</h3><div class="figures">{"".join(tiles)}</div></section>')

    def _tile(self, key: str, value: str, target: str = "", gauge: str = "") -> str:
        target_html = f'<div class="target">{target}</div>' if target else ""
        return (f'<div class="figure"><div class="label">{self.label(key)}</div>'
                f'<div class="value">{value}</div>{target_html}{gauge}</div>')

    def _gauge(self, value: float | None, band: tuple[float, float], scale: tuple[float, float]) -> str:
        if value is None:
            return ""
        low, high = scale

        def pos(v: float) -> float:
            return max(0.0, min(100.0, (v - low) / (high - low) * 100))

        left, right = pos(band[0]), pos(band[1])
        return (f'<div class="gauge"><div class="band" style="left:{left:.1f}%;width:{right - left:.1f}%">'
                f'</div><div class="marker" style="left:{pos(value):.1f}%"></div></div>')

    def _answers(self) -> list[str]:
        out = []
        number = 0
        for answer in self.report.answers:
            if answer.kind == "main":
                number += 1
            out.append(self._answer(answer, number))
        return out

    def _answer(self, a: AnswerReport, number: int) -> str:
        main = a.kind == "main"
        kind = f"{self.label('question')} {number}" if main else self.label("follow_up")
        typed = self.report.recognizer == "typed"
        note = "" if typed else f'<p class="note">{self.label("transcript_note")}</p>'
        transcript = f"<blockquote>{escape(a.transcript)}</blockquote>{note}" if a.answered else \
            f'<blockquote class="empty">{self.label("no_answer")}</blockquote>'
        parts = [f'<article class="{"main" if main else "follow-up"}">',
                 f'<h2><span class="kind">{kind}</span>{escape(a.question)}</h2>', transcript]
        if a.figures is not None:
            f = a.figures
            length = self.label(f"length_{a.length}") if a.length in ("short", "good", "long") else ""
            if a.capped:
                length += f" ({self.label('capped')})"
            tiles = [self._tile("word_count", self.number(f.word_count))]
            if not typed:
                tiles += [self._tile("filler_count", self.number(f.filler_count)),
                          self._tile("wpm", self.number(f.wpm)),
                          self._tile("speaking_time", self.number(f.speaking_time_s, self.label("seconds"))),
                          self._tile("long_pauses", self.number(f.long_pause_count))]
            tiles.append(self._tile("length", length))
            if a.eye_contact is not None:
                tiles.append(self._tile("eye_contact", f"{round(a.eye_contact * 100)} %"))
            parts.append(f'<div class="figures">{"".join(tiles)}</div>')
        if a.terms_used:
            parts.append(f'<p class="chips"><strong>{self.label("terms_used")}:</strong> '
                         + "".join(f"<span>{escape(t)}</span>" for t in a.terms_used) + "</p>")
        if a.terms_missed:
            parts.append(f'<p class="chips missed"><strong>{self.label("terms_missed")}:</strong> '
                         + "".join(f"<span>{escape(t)}</span>" for t in a.terms_missed) + "</p>")
        if a.star is not None:
            cells = [(self.label(f"star_{k}"), getattr(a.star, k))
                     for k in ("situation", "task", "action", "result")]
            parts.append(f'<p class="chips"><strong>{self.label("star")}:</strong> ' + "".join(
                f'<span class="{"yes" if ok else "no"}">{name}</span>' for name, ok in cells) + "</p>")
        if a.tips:
            parts.append(f'<h3>{self.label("tips")}</h3><ul class="tips">'
                         + "".join(f"<li>{escape(t)}</li>" for t in a.tips) + "</ul>")
        if main and (a.strong_answer or a.hint):
            points = "".join(f"<li>{escape(p)}</li>" for p in a.strong_answer)
            hint = f'<p><strong>{self.label("hint")}:</strong> {escape(a.hint)}</p>' if a.hint else ""
            parts.append(f'<div class="strong"><strong>{self.label("strong_answer")}:</strong>'
                         f"<ul>{points}</ul>{hint}</div>")
        parts.append("</article>")
        return "".join(parts)
