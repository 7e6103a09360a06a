"""Turn the dialogue's records into the report: kind, concrete tips and what went well.

A main question and its follow-ups form a thread and are judged together
(``interview_engine.threads``): tips speak only of what the thread did not show, and a
follow-up that asks for a definition ("Was verstehen Sie unter Fond?") is never told to give
an example.

Tips are chosen by rules in order of usefulness (a missing answer before an answer that missed
the question before a missing example …); each thread gets up to three. Content tips come only
from the question's strong-answer points the thread missed. The summary names up to three
strengths and the most frequent tips, never both sides of one thing (results praised and
missing). All texts come from content/interview.yaml, in the session's language, with their
placeholders filled (numbers written the language's way); each tip's id is its key there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from catalog.norms import Cue, SpeechNorms
from catalog.questions import DialogueRules, InterviewScript, QuestionBank
from interview_engine.analysis import LengthVerdict, per_minute
from interview_engine.dialogue import TurnKind, TurnRecord
from interview_engine.report import (
    AnswerReport,
    InterviewReport,
    OverallFigures,
    Targets,
    eye_contact_percent,
    text_values,
)
from interview_engine.terms import notable_terms
from interview_engine.threads import (
    ThreadVerdict,
    judge_thread,
    star_references,
    threads,
    weighted_eye_contact,
)

EYE_CONTACT_LOW = 0.5
"""Below this share of time looking at the interviewer, the report suggests more."""
EYE_CONTACT_GOOD = 0.7
MIN_WORDS_FOR_PACE = 10
"""Pace tips need an answer of at least this many words; shorter ones say little about pace."""
MAX_TIPS_PER_ANSWER = 3
MIN_TOP_TIPS = 2
"""The summary fills up to this many tips with points a thread missed, so the visitor always
takes something concrete home (unless the interview left nothing to suggest)."""

TIP_PRIORITY = ("no_answer", "off_topic", "too_short", "no_example", "no_result", "no_action",
                "we_instead_of_i", "missed_point", "eye_contact_low", "fillers", "pace_fast",
                "pace_slow", "long_pauses", "too_long", "job_terms")
"""Tip ids (keys of ``tips`` in content/interview.yaml), most useful first."""

_STAR_TIP_CUES = {"no_example": {Cue.EXAMPLE, Cue.SITUATION}, "no_result": {Cue.RESULT},
                  "no_action": {Cue.ACTION}, "we_instead_of_i": {Cue.ACTION}}
"""A point judged by a STAR cue list (``@result``) is not suggested again when the tip for
that STAR part is already given."""
_CONTRADICTING = {"examples_given": "no_example", "results_stated": "no_result",
                  "pace_good": ("pace_fast", "pace_slow"), "few_fillers": "fillers",
                  "eye_contact_good": "eye_contact_low", "all_answered": ("no_answer", "off_topic")}
"""Praise and the summary tips that would contradict it: never both in one summary."""


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
    bank: QuestionBank | None = None
    """The occupation's questions: an answer that makes a point of another question of the same
    phase still fits the phase, so it is not called off the topic."""

    @property
    def typed(self) -> bool:
        """Answers were typed: no times, no fillers were measured."""
        return self.recognizer == "typed"


@dataclass(frozen=True)
class Tip:
    """One tip: its id (its text's key in content/interview.yaml) and the values it names."""

    key: str
    params: Mapping[str, object]


def build_report(turns: Sequence[TurnRecord], context: ReportContext, script: InterviewScript,
                 norms: SpeechNorms, *, completed: bool = True,
                 eye_contact: Mapping[int, float] | None = None,
                 overall_eye_contact: float | None = None) -> InterviewReport:
    """The report of an interview. ``eye_contact`` maps turn ids to shares (0..1)."""
    eye_contact = eye_contact or {}
    texts = _Texts(script, context.language)
    verdicts = [judge_thread(main, follow_ups, script, norms, bank=context.bank,
                             eye_contact=eye_contact)
                for main, follow_ups in threads(turns)]
    thread_tips = [thread_tips_for(v, script, norms) for v in verdicts]
    by_turn = {v.main.turn_id: (v, tips) for v, tips in zip(verdicts, thread_tips, strict=True)}
    answers = tuple(_answer_report(t, by_turn.get(t.turn_id), texts, context,
                                   eye_contact.get(t.turn_id)) for t in turns)
    overall = _overall(turns, eye_contact, overall_eye_contact, context.typed)
    strengths = _strengths(verdicts, thread_tips, overall, norms, script)
    top = _top_tips(verdicts, thread_tips, overall, norms, script.rules,
                    {k for k, _ in strengths})
    return InterviewReport(
        language=context.language, occupation_id=context.occupation_id,
        occupation_title=context.occupation_title, persona_id=context.persona_id,
        persona_name=context.persona_name, started_at=context.started_at, seed=context.seed,
        recognizer=context.recognizer, completed=completed,
        targets=Targets(norms.wpm_min, norms.wpm_max, norms.fillers_per_min_max),
        answers=answers, overall=overall,
        strengths=tuple(texts.praise(k, p) for k, p in strengths),
        top_tips=tuple(texts.tip(t, summary=True) for t in top),
        notices=context.notices,
        strength_ids=tuple(k for k, _ in strengths), top_tip_ids=tuple(t.key for t in top),
        strength_values=tuple(text_values(p) for _, p in strengths),
        top_tip_values=tuple(text_values(t.params) for t in top),
        footer=texts.label("measures"))


def thread_tips_for(verdict: ThreadVerdict, script: InterviewScript,
                    norms: SpeechNorms) -> list[Tip]:
    """Up to three tips about what the thread did not show, most useful first."""
    points = verdict.question.points(norms.language)
    if not verdict.answered:
        tips = [Tip("no_answer", {})]
        if points:
            tips.append(Tip("missed_point", {"point": points[0]}))
        return tips
    if verdict.off_topic:
        found = [Tip("off_topic", {"point": points[0]} if points else {})]
    else:
        found = _content_tips(verdict, script, norms)
    found += _delivery_tips(verdict, norms)
    found.sort(key=lambda tip: TIP_PRIORITY.index(tip.key))
    return found[:MAX_TIPS_PER_ANSWER]


def _content_tips(verdict: ThreadVerdict, script: InterviewScript,
                  norms: SpeechNorms) -> list[Tip]:
    rules = script.rules
    phase = verdict.question.phase
    found: list[Tip] = []
    if verdict.length == LengthVerdict.SHORT:
        found.append(Tip("too_short", {"words": verdict.word_count}))
    if phase in rules.example_expected and not verdict.gave_example:
        found.append(Tip("no_example", {}))
    if phase in rules.result_expected and not verdict.stated_result:
        found.append(Tip("no_result", {}))
    if verdict.star is not None and not verdict.star.action:
        found.append(Tip("we_instead_of_i" if verdict.said_we else "no_action", {}))
    said = {cue for t in found for cue in _STAR_TIP_CUES.get(t.key, ())}
    point = _point_to_suggest(verdict, said, norms.language)
    if point is not None:
        found.append(Tip("missed_point", {"point": point}))
    terms = [t for t in verdict.terms_missed
             if point is None or not notable_terms([point], [t], norms.language)]
    # Job terms are worth suggesting where the interviewer would ask about one (not in the
    # greeting or among the candidate's own questions).
    if terms and phase in rules.job_term_follow_up:
        found.append(Tip("job_terms", {"terms": tuple(terms[:3])}))
    return found


def _point_to_suggest(verdict: ThreadVerdict, star_parts_said: set[Cue],
                      language: str) -> str | None:
    """The most important missed point that no STAR tip of the thread already speaks of."""
    question = verdict.question
    for i in verdict.missed:
        if star_references(question.strong_answer[i], language) & star_parts_said:
            continue
        return question.points(language)[i]
    return None


def _delivery_tips(verdict: ThreadVerdict, norms: SpeechNorms) -> list[Tip]:
    found: list[Tip] = []
    eye = verdict.eye_contact
    if eye is not None and eye < EYE_CONTACT_LOW:
        found.append(Tip("eye_contact_low", {"percent": _percent(eye)}))
    figs = verdict.figures
    if figs is None:
        return found
    per_min = figs.fillers_per_min
    if per_min is not None and per_min > norms.fillers_per_min_max and (figs.filler_count or 0) >= 2:
        found.append(Tip("fillers", {"fillers": figs.filler_count, "per_min": per_min}))
    if figs.wpm is not None and figs.word_count >= MIN_WORDS_FOR_PACE:
        band = {"wpm": figs.wpm, "min": norms.wpm_min, "max": norms.wpm_max}
        if figs.wpm > norms.wpm_max:
            found.append(Tip("pace_fast", band))
        elif figs.wpm < norms.wpm_min:
            found.append(Tip("pace_slow", band))
    if figs.long_pause_count is not None and figs.long_pause_count >= 2:
        found.append(Tip("long_pauses", {"pauses": figs.long_pause_count}))
    if verdict.length == LengthVerdict.LONG:
        longest = max((t.analysis.figures.speaking_time_s or 0.0
                       for t in (verdict.main, *verdict.follow_ups) if t.analysis), default=0.0)
        found.append(Tip("too_long", {"seconds": round(longest)}))
    return found


# --- per answer ---------------------------------------------------------------------------

def _answer_report(turn: TurnRecord, thread: tuple[ThreadVerdict, list[Tip]] | None,
                   texts: _Texts, context: ReportContext, eye: float | None) -> AnswerReport:
    analysis = turn.analysis
    question = turn.question
    language = texts.language
    answered = analysis is not None and not turn.result.empty
    figs = analysis.figures if analysis else None
    if figs is not None and context.typed:  # nobody spoke: no fillers were counted
        figs = replace(figs, filler_count=None)
    own_length = analysis.length if analysis else LengthVerdict.NONE
    report = AnswerReport(
        turn_id=turn.turn_id, parent_turn_id=turn.parent_turn_id, kind=turn.kind.value,
        phase=question.phase.value, question_id=question.id, question=turn.asked_text,
        transcript=turn.result.text, answered=answered, figures=figs,
        fillers_per_min=figs.fillers_per_min if figs else None,
        fillers=analysis.fillers if analysis and not context.typed else (),
        terms_used=analysis.terms_used if analysis else (), terms_missed=(),
        gave_example=bool(analysis and analysis.gave_example),
        stated_result=bool(analysis and analysis.stated_result), star=None,
        # A follow-up's answer may be short: it adds to its thread, which is judged as a whole.
        length=(own_length if own_length in (LengthVerdict.NONE, LengthVerdict.LONG)
                else LengthVerdict.GOOD).value,
        capped=turn.capped, nudges=turn.nudges, tips=(), strong_answer=(), hint=None,
        eye_contact=eye, trigger=turn.trigger.value if turn.trigger else None, reply=turn.reply)
    if thread is None:  # a follow-up: its thread is judged on the main question's entry
        return report
    verdict, tips = thread
    points = question.points(language)
    return replace(
        report, terms_missed=verdict.terms_missed, gave_example=verdict.gave_example,
        stated_result=verdict.stated_result, star=verdict.star, length=verdict.length.value,
        tips=tuple(texts.tip(t) for t in tips), tip_ids=tuple(t.key for t in tips),
        tip_values=tuple(text_values(t.params) for t in tips),
        strong_answer=points, hint=(question.hint or {}).get(language),
        points_covered=tuple(points[i] for i in verdict.covered),
        points_missed=tuple(points[i] for i in verdict.missed), off_topic=verdict.off_topic)


# --- the whole interview ------------------------------------------------------------------

def _overall(turns: Sequence[TurnRecord], eye_contact: Mapping[int, float],
             overall_eye: float | None, typed: bool) -> OverallFigures:
    analysed = [t.analysis for t in turns if t.analysis is not None]
    timed = [a.figures for a in analysed if a.figures.speaking_time_s is not None]
    words = sum(a.figures.word_count for a in analysed)
    speaking = round(sum(f.speaking_time_s or 0.0 for f in timed), 3) if timed else None
    timed_words = sum(f.word_count for f in timed)
    timed_fillers = sum(f.filler_count or 0 for f in timed)
    terms: list[str] = []
    for a in analysed:
        terms.extend(t for t in a.terms_used if t not in terms)
    if overall_eye is None and eye_contact:
        overall_eye = weighted_eye_contact(turns, eye_contact)
    return OverallFigures(
        questions=len(turns),
        answered=sum(1 for t in turns if t.analysis is not None and not t.result.empty),
        word_count=words,
        filler_count=None if typed else sum(a.figures.filler_count or 0 for a in analysed),
        speaking_time_s=speaking,
        wpm=per_minute(timed_words, speaking) if speaking else None,
        fillers_per_min=per_minute(timed_fillers, speaking) if speaking else None,
        long_pause_count=sum(f.long_pause_count or 0 for f in timed) if timed else None,
        longest_pause_s=max((f.longest_pause_s or 0.0 for f in timed), default=0.0) if timed else None,
        terms_used=tuple(terms),
        eye_contact=None if overall_eye is None else round(overall_eye, 3))


def _strengths(verdicts: Sequence[ThreadVerdict], thread_tips: Sequence[Sequence[Tip]],
               overall: OverallFigures, norms: SpeechNorms,
               script: InterviewScript) -> list[tuple[str, Mapping[str, object]]]:
    """Up to three strengths (id, values); none that a thread's tip contradicts."""
    rules = script.rules
    keys = {tip.key for tips in thread_tips for tip in tips}
    fair = [v for v in verdicts if v.answered and not v.off_topic]
    found: list[tuple[str, Mapping[str, object]]] = []
    mains = [v for v in verdicts if v.main.kind == TurnKind.MAIN]
    if mains and all(v.answered and not v.off_topic for v in mains):
        found.append(("all_answered", {}))
    if len(overall.terms_used) >= 2:
        found.append(("terms_used", {"terms": overall.terms_used[:5]}))
    if any(v.question.phase in rules.example_expected for v in fair) and "no_example" not in keys:
        found.append(("examples_given", {}))
    if any(v.question.phase in rules.result_expected for v in fair) and "no_result" not in keys:
        found.append(("results_stated", {}))
    if overall.wpm is not None and norms.wpm_min <= overall.wpm <= norms.wpm_max:
        found.append(("pace_good", {"wpm": overall.wpm}))
    if overall.fillers_per_min is not None and overall.fillers_per_min <= norms.fillers_per_min_max / 2:
        found.append(("few_fillers", {}))
    if overall.eye_contact is not None and overall.eye_contact >= EYE_CONTACT_GOOD:
        found.append(("eye_contact_good", {"percent": _percent(overall.eye_contact)}))
    return found[:3]


def _top_tips(verdicts: Sequence[ThreadVerdict], thread_tips: Sequence[Sequence[Tip]],
              overall: OverallFigures, norms: SpeechNorms, rules: DialogueRules,
              praised: set[str]) -> list[Tip]:
    counts: Counter[str] = Counter()
    first: dict[str, Tip] = {}
    for tips in thread_tips:
        for tip in tips:
            if tip.key in ("missed_point", "no_answer"):
                continue
            counts[tip.key] += 1
            first.setdefault(tip.key, tip)
    # A term missed in one answer but used in another is no tip for the whole interview.
    missed = [t for tips in thread_tips for tip in tips if tip.key == "job_terms"
              for t in _terms(tip) if t not in overall.terms_used]
    if "job_terms" in counts and not missed:
        del counts["job_terms"]
    # The summary speaks of the whole interview: one fast answer in a comfortable overall pace
    # is no tip (the strengths praise that pace), nor are fillers within the band overall.
    if overall.wpm is not None:
        if overall.wpm <= norms.wpm_max:
            counts.pop("pace_fast", None)
        if overall.wpm >= norms.wpm_min:
            counts.pop("pace_slow", None)
    if overall.fillers_per_min is not None and overall.fillers_per_min <= norms.fillers_per_min_max:
        counts.pop("fillers", None)
    for praise in praised:
        contradicted = _CONTRADICTING.get(praise, ())
        for key in (contradicted,) if isinstance(contradicted, str) else contradicted:
            counts.pop(key, None)
    ranked = sorted(counts, key=lambda k: (-counts[k], TIP_PRIORITY.index(k)))[:3]
    out = []
    for key in ranked:
        params: Mapping[str, object] = first[key].params
        if key == "job_terms":
            params = {"terms": tuple(dict.fromkeys(missed))[:3]}
        if key in ("pace_fast", "pace_slow") and overall.wpm is not None:
            params = {"wpm": overall.wpm, "min": norms.wpm_min, "max": norms.wpm_max}
        elif key == "fillers":
            params = {"fillers": overall.filler_count, "per_min": overall.fillers_per_min}
        elif key == "long_pauses":
            params = {"pauses": overall.long_pause_count}
        elif key == "eye_contact_low" and overall.eye_contact is not None:
            params = {"percent": _percent(overall.eye_contact)}
        out.append(Tip(key, params))
    # Too few general tips: name a point an answered thread missed, so there is something
    # concrete to practise; the questions that want a real answer first (not the greeting).
    pairs = sorted(zip(verdicts, thread_tips, strict=True),
                   key=lambda pair: pair[0].question.phase in rules.short_answer_ok)
    for verdict, tips in pairs:
        if len(out) >= MIN_TOP_TIPS:
            break
        point = next((t.params["point"] for t in tips if t.key == "missed_point"), None)
        if point is not None and verdict.answered and not verdict.off_topic:
            out.append(Tip("missed_point", {"point": point, "question": verdict.main.asked_text}))
    # Never only praise while a thread has a tip: the most useful one stands in the summary.
    if not out:
        rest = sorted((tip for tips in thread_tips for tip in tips),
                      key=lambda tip: TIP_PRIORITY.index(tip.key))
        if rest:
            out.append(_summary_tip(rest[0], verdicts, thread_tips))
    return out


def _summary_tip(tip: Tip, verdicts: Sequence[ThreadVerdict],
                 thread_tips: Sequence[Sequence[Tip]]) -> Tip:
    """A thread's tip as the summary says it (a missed point names its question)."""
    if tip.key != "missed_point":
        return tip
    verdict = next(v for v, tips in zip(verdicts, thread_tips, strict=True) if tip in tips)
    return Tip("missed_point", {**tip.params, "question": verdict.main.asked_text})


class _Texts:
    """Content texts in one language with placeholders filled the language's way."""

    def __init__(self, script: InterviewScript, language: str):
        self.script = script
        self.language = language

    def tip(self, tip: Tip, summary: bool = False) -> str:
        table = self.script.summary_tips if summary and tip.key in self.script.summary_tips \
            else self.script.tips
        return self._fill(table.get(tip.key), tip.params)

    def praise(self, key: str, params: Mapping[str, object]) -> str:
        return self._fill(self.script.praise.get(key), params)

    def label(self, key: str) -> str:
        return self._fill(self.script.report_labels.get(key), {})

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


def _terms(tip: Tip) -> tuple[str, ...]:
    terms = tip.params.get("terms", ())
    return tuple(str(t) for t in terms) if isinstance(terms, tuple | list) else ()


def _percent(share: float) -> int:
    return eye_contact_percent(share)
