"""Turn the dialogue's records into the report: kind, concrete tips and what went well.

Tips are chosen by rules in order of usefulness (a missing answer before a missing example
before pace …); each answer gets one to three. The summary names up to three strengths and the
three tips that came up most often. All texts come from content/interview.yaml, in the
session's language, with their placeholders filled (numbers written the language's way).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from catalog.norms import SpeechNorms
from catalog.questions import InterviewScript
from interview_engine.analysis import LengthVerdict, per_minute, round_half_up
from interview_engine.dialogue import TurnRecord
from interview_engine.report import AnswerReport, InterviewReport, OverallFigures, Targets

EYE_CONTACT_LOW = 0.5
"""Below this share of answer time looking at the interviewer, the report suggests more."""
EYE_CONTACT_GOOD = 0.7
MIN_WORDS_FOR_PACE = 10
"""Pace tips need an answer of at least this many words; shorter ones say little about pace."""
MAX_TIPS_PER_ANSWER = 3

TIP_PRIORITY = ("no_answer", "too_short", "no_example", "no_result", "no_action",
                "eye_contact_low", "fillers", "pace_fast", "pace_slow", "long_pauses",
                "too_long", "terms_missed", "strong_point")
"""Tip keys, most useful first."""



@dataclass(frozen=True)
class ReportContext:
    """What the report says about the session besides the answers."""

    language: str
    occupation_id: str
    occupation_title: str
    persona_id: str
    persona_name: str
    started_at: str
    seed: int
    recognizer: str
    notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Tip:
    key: str
    params: Mapping[str, object]


def build_report(turns: Sequence[TurnRecord], context: ReportContext, script: InterviewScript,
                 norms: SpeechNorms, *, completed: bool = True,
                 eye_contact: Mapping[int, float] | None = None,
                 overall_eye_contact: float | None = None) -> InterviewReport:
    """The report of an interview. ``eye_contact`` maps turn ids to shares (0..1)."""
    eye_contact = eye_contact or {}
    texts = _Texts(script, context.language)
    answer_tips = [_answer_tips(t, norms, script, eye_contact.get(t.turn_id)) for t in turns]
    answers = tuple(_answer_report(t, tips, texts, eye_contact.get(t.turn_id))
                    for t, tips in zip(turns, answer_tips, strict=True))
    overall = _overall(turns, eye_contact, overall_eye_contact)
    return InterviewReport(
        language=context.language, occupation_id=context.occupation_id,
        occupation_title=context.occupation_title, persona_id=context.persona_id,
        persona_name=context.persona_name, started_at=context.started_at, seed=context.seed,
        recognizer=context.recognizer, completed=completed,
        targets=Targets(norms.wpm_min, norms.wpm_max, norms.fillers_per_min_max),
        answers=answers, overall=overall,
        strengths=_strengths(turns, overall, norms, script, texts),
        top_tips=_top_tips(answer_tips, overall, norms, texts),
        notices=context.notices)




# --- per answer ---------------------------------------------------------------------------

def _answer_tips(turn: TurnRecord, norms: SpeechNorms, script: InterviewScript,
                 eye: float | None) -> list[_Tip]:
    analysis = turn.analysis
    rules = script.rules
    phase = turn.question.phase
    points = turn.question.strong_answer.get(norms.language, ())
    if analysis is None or analysis.figures.word_count == 0:
        tips = [_Tip("no_answer", {})]
        if points:
            tips.append(_Tip("strong_point", {"point": points[0]}))
        return tips
    figs = analysis.figures
    found: list[_Tip] = []
    if analysis.length == LengthVerdict.SHORT:
        found.append(_Tip("too_short", {"words": figs.word_count}))
    if phase in rules.example_expected and not analysis.gave_example:
        found.append(_Tip("no_example", {}))
    if phase in rules.result_expected and not analysis.stated_result:
        found.append(_Tip("no_result", {}))
    if analysis.star is not None and not analysis.star.action:
        found.append(_Tip("no_action", {}))
    if eye is not None and eye < EYE_CONTACT_LOW:
        found.append(_Tip("eye_contact_low", {"percent": _percent(eye)}))
    per_min = figs.fillers_per_min
    if per_min is not None and per_min > norms.fillers_per_min_max and figs.filler_count >= 2:
        found.append(_Tip("fillers", {"fillers": figs.filler_count, "per_min": per_min}))
    if figs.wpm is not None and figs.word_count >= MIN_WORDS_FOR_PACE:
        band = {"wpm": figs.wpm, "min": norms.wpm_min, "max": norms.wpm_max}
        if figs.wpm > norms.wpm_max:
            found.append(_Tip("pace_fast", band))
        elif figs.wpm < norms.wpm_min:
            found.append(_Tip("pace_slow", band))
    if figs.long_pause_count is not None and figs.long_pause_count >= 2:
        found.append(_Tip("long_pauses", {"pauses": figs.long_pause_count}))
    if analysis.length == LengthVerdict.LONG:
        found.append(_Tip("too_long", {"seconds": round(figs.speaking_time_s or 0)}))
    if analysis.terms_missed:
        found.append(_Tip("terms_missed", {"terms": analysis.terms_missed[:3]}))
    if not found and points:
        # Nothing to fix: point at what makes the answer even stronger.
        found.append(_Tip("strong_point", {"point": points[len(turn.asked_text) % len(points)]}))
    found.sort(key=lambda tip: TIP_PRIORITY.index(tip.key))
    return found[:MAX_TIPS_PER_ANSWER]


def _answer_report(turn: TurnRecord, tips: list[_Tip], texts: _Texts,
                   eye: float | None) -> AnswerReport:
    analysis = turn.analysis
    question = turn.question
    language = texts.language
    answered = analysis is not None and not turn.result.empty
    return AnswerReport(
        turn_id=turn.turn_id, parent_turn_id=turn.parent_turn_id, kind=turn.kind.value,
        phase=question.phase.value, question_id=question.id, question=turn.asked_text,
        transcript=turn.result.text, answered=answered,
        figures=analysis.figures if analysis else None,
        fillers_per_min=analysis.figures.fillers_per_min if analysis else None,
        fillers=analysis.fillers if analysis else (),
        terms_used=analysis.terms_used if analysis else (),
        terms_missed=analysis.terms_missed if analysis else (),
        gave_example=bool(analysis and analysis.gave_example),
        stated_result=bool(analysis and analysis.stated_result),
        star=analysis.star if analysis else None,
        length=(analysis.length if analysis else LengthVerdict.NONE).value,
        capped=turn.capped, nudges=turn.nudges,
        tips=tuple(texts.tip(t) for t in tips),
        strong_answer=tuple(question.strong_answer.get(language, ())),
        hint=(question.hint or {}).get(language) if turn.kind.value == "main" else None,
        eye_contact=eye)


# --- the whole interview ------------------------------------------------------------------

def _overall(turns: Sequence[TurnRecord], eye_contact: Mapping[int, float],
             overall_eye: float | None) -> OverallFigures:
    analysed = [t.analysis for t in turns if t.analysis is not None]
    timed = [a.figures for a in analysed if a.figures.speaking_time_s is not None]
    words = sum(a.figures.word_count for a in analysed)
    fillers = sum(a.figures.filler_count for a in analysed)
    speaking = round(sum(f.speaking_time_s or 0.0 for f in timed), 3) if timed else None
    timed_words = sum(f.word_count for f in timed)
    timed_fillers = sum(f.filler_count for f in timed)
    terms: list[str] = []
    for a in analysed:
        terms.extend(t for t in a.terms_used if t not in terms)
    if overall_eye is None and eye_contact:
        # Weighted by answer time where known, so a long answer counts for more.
        weights = {t.turn_id: (t.analysis.figures.speaking_time_s or 1.0) if t.analysis else 1.0
                   for t in turns if t.turn_id in eye_contact}
        total = sum(weights.values())
        overall_eye = sum(eye_contact[i] * w for i, w in weights.items()) / total if total else None
    return OverallFigures(
        questions=len(turns),
        answered=sum(1 for t in turns if t.analysis is not None and not t.result.empty),
        word_count=words, filler_count=fillers, speaking_time_s=speaking,
        wpm=per_minute(timed_words, speaking) if speaking else None,
        fillers_per_min=per_minute(timed_fillers, speaking) if speaking else None,
        long_pause_count=sum(f.long_pause_count or 0 for f in timed) if timed else None,
        longest_pause_s=max((f.longest_pause_s or 0.0 for f in timed), default=0.0) if timed else None,
        terms_used=tuple(terms),
        eye_contact=None if overall_eye is None else round(overall_eye, 3))


def _strengths(turns: Sequence[TurnRecord], overall: OverallFigures, norms: SpeechNorms,
               script: InterviewScript, texts: _Texts) -> tuple[str, ...]:
    rules = script.rules
    analysed = [t for t in turns if t.analysis is not None and not t.result.empty]
    found: list[tuple[str, Mapping[str, object]]] = []
    main_turns = [t for t in turns if t.kind.value == "main"]
    if main_turns and all(t.analysis is not None and not t.result.empty for t in main_turns):
        found.append(("all_answered", {}))
    if len(overall.terms_used) >= 2:
        found.append(("terms_used", {"terms": overall.terms_used[:5]}))
    expecting = [t for t in analysed if t.question.phase in rules.example_expected]
    with_example = sum(1 for t in expecting if t.analysis and t.analysis.gave_example)
    if expecting and with_example * 2 >= len(expecting):
        found.append(("examples_given", {}))
    if any(t.analysis and t.analysis.stated_result for t in analysed
           if t.question.phase in rules.result_expected):
        found.append(("results_stated", {}))
    if overall.wpm is not None and norms.wpm_min <= overall.wpm <= norms.wpm_max:
        found.append(("pace_good", {"wpm": overall.wpm}))
    if overall.fillers_per_min is not None and overall.fillers_per_min <= norms.fillers_per_min_max / 2:
        found.append(("few_fillers", {}))
    if overall.eye_contact is not None and overall.eye_contact >= EYE_CONTACT_GOOD:
        found.append(("eye_contact_good", {"percent": _percent(overall.eye_contact)}))
    return tuple(texts.praise(key, params) for key, params in found[:3])


def _top_tips(answer_tips: Sequence[Sequence[_Tip]], overall: OverallFigures, norms: SpeechNorms,
              texts: _Texts) -> tuple[str, ...]:
    counts: Counter[str] = Counter()
    first: dict[str, _Tip] = {}
    for tips in answer_tips:
        for tip in tips:
            if tip.key in ("strong_point", "no_answer"):
                continue
            counts[tip.key] += 1
            first.setdefault(tip.key, tip)
    # A term missed in one answer but used in another is no tip for the whole interview.
    missed = [t for tips in answer_tips for tip in tips if tip.key == "terms_missed"
              for t in _terms(tip) if t not in overall.terms_used]
    if "terms_missed" in counts and not missed:
        del counts["terms_missed"]
    # The summary speaks of the whole interview: one fast answer in a comfortable overall pace
    # is no tip (the strengths praise that pace), nor are fillers within the band overall.
    if overall.wpm is not None:
        if overall.wpm <= norms.wpm_max:
            counts.pop("pace_fast", None)
        if overall.wpm >= norms.wpm_min:
            counts.pop("pace_slow", None)
    if overall.fillers_per_min is not None and overall.fillers_per_min <= norms.fillers_per_min_max:
        counts.pop("fillers", None)
    ranked = sorted(counts, key=lambda k: (-counts[k], TIP_PRIORITY.index(k)))[:3]
    out = []
    for key in ranked:
        params: Mapping[str, object] = first[key].params
        if key == "terms_missed":
            params = {"terms": tuple(dict.fromkeys(missed))[:3]}
        if key in ("pace_fast", "pace_slow") and overall.wpm is not None:
            params = {"wpm": overall.wpm, "min": norms.wpm_min, "max": norms.wpm_max}
        elif key == "fillers":
            params = {"fillers": overall.filler_count, "per_min": overall.fillers_per_min}
        elif key == "long_pauses":
            params = {"pauses": overall.long_pause_count}
        elif key == "eye_contact_low" and overall.eye_contact is not None:
            params = {"percent": _percent(overall.eye_contact)}
        out.append(texts.tip(_Tip(key, params), summary=True))
    return tuple(out)


class _Texts:
    """Content texts in one language with placeholders filled the language's way."""

    def __init__(self, script: InterviewScript, language: str):
        self.script = script
        self.language = language

    def tip(self, tip: _Tip, summary: bool = False) -> str:
        table = self.script.summary_tips if summary and tip.key in self.script.summary_tips \
            else self.script.tips
        return self._fill(table.get(tip.key), tip.params)

    def praise(self, key: str, params: Mapping[str, object]) -> str:
        return self._fill(self.script.praise.get(key), params)

    def _fill(self, texts: Mapping[str, str] | None, params: Mapping[str, object]) -> str:
        if not texts:
            return ""
        text = texts.get(self.language) or texts.get("de") or next(iter(texts.values()))
        values = _SafeFormat({k: format_value(v, self.language) for k, v in params.items()})
        return text.format_map(values)


class _SafeFormat(dict[str, str]):
    def __missing__(self, key: str) -> str:  # a typo in content shows, never crashes
        return "{" + key + "}"


def format_value(value: object, language: str) -> str:
    """Numbers with the language's decimal mark; lists of terms joined with commas."""
    if isinstance(value, tuple | list):
        return ", ".join(format_value(v, language) for v in value)
    if isinstance(value, float):
        text = f"{value:.1f}".removesuffix(".0") if value != int(value) else str(int(value))
        return text.replace(".", ",") if language == "de" else text
    return str(value)


def _terms(tip: _Tip) -> tuple[str, ...]:
    terms = tip.params.get("terms", ())
    return tuple(str(t) for t in terms) if isinstance(terms, tuple | list) else ()


def _percent(share: float) -> int:
    return int(round_half_up(share * 100, 0))
