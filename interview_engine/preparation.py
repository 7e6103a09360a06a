"""Everything one interview needs (``InterviewSetup``), built from the content catalog.

``prepare_interview`` builds it from a catalog that is passed in (``catalog.load_catalog``);
nothing here reads files.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

from interview_engine.dialogue import DialogueSetup
from interview_engine.feedback import ReportContext
from interview_engine.planning import plan_questions
from interview_engine.replies import occupation_facts

if TYPE_CHECKING:
    from catalog.model import Catalog


@dataclass(frozen=True)
class InterviewSetup:
    """Everything one interview needs; ``prepare_interview`` builds it from content."""

    dialogue: DialogueSetup
    context: ReportContext
    voice: str | None
    """The synthesizer's voice id for the session language."""
    seed: int


class SetupError(ValueError):
    """The requested occupation, language or persona is not available; says what is."""


def prepare_interview(catalog: Catalog, occupation_id: str, language: str, *,
                      persona_id: str | None = None, seed: int = 0, voice: str | None = None,
                      recognizer: str = "typed", typed: bool = False,
                      max_questions: int | None = None, notices: tuple[str, ...] = ()) -> InterviewSetup:
    """Plan the interview (questions by seed and persona) and collect what it needs.

    ``voice`` is the synthesizer's voice id (``synthesis.pick_voice``); ``recognizer`` the
    backend name written into the report; ``typed`` (typed answers) turns silence nudges off
    and makes an empty answer "no answer" instead of "not understood"; ``max_questions``
    asks fewer main questions than the persona would (a short demo);
    ``notices`` are what the visitor was told at start (the report repeats them).
    """
    occupation = catalog.occupations.get(occupation_id)
    if occupation is None:
        known = ", ".join(sorted(catalog.occupations)) or "none"
        raise SetupError(f"no occupation '{occupation_id}' (available: {known})")
    lang = catalog.languages.get(language)
    if lang is None:
        raise SetupError(f"no language '{language}' (available: {', '.join(catalog.languages)})")
    persona = catalog.personas.get(persona_id or catalog.default_persona)
    if persona is None:
        raise SetupError(f"no persona '{persona_id}' (available: {', '.join(catalog.personas)})")
    script = catalog.interview
    count = persona.question_count if max_questions is None \
        else max(1, min(persona.question_count, max_questions))
    questions = plan_questions(script, occupation.questions, count, random.Random(f"plan:{seed}"))
    ui = catalog.ui.get(language)
    numbers = {} if ui is None else {"decimal": ui.texts["number_decimal"],
                                     "thousands": ui.texts["number_thousands"]}
    dialogue = DialogueSetup(
        language=language, questions=questions, script=script, norms=lang.norms,
        terms=tuple(occupation.terms.get(language, ())), persona=persona,
        nudge_on_silence=not typed, typed=typed,
        facts=occupation_facts(occupation, language, script.candidate_questions, **numbers))
    context = ReportContext(
        language=language, occupation_id=occupation.id,
        occupation_title=_pick(occupation.titles, language),
        persona_id=persona.id, persona_name=_pick(persona.names, language),
        started_at="", seed=seed, recognizer=recognizer, notices=notices,
        bank=occupation.questions)
    return InterviewSetup(dialogue=dialogue, context=context, voice=voice, seed=seed)


def _pick(texts: dict[str, str] | object, language: str) -> str:
    assert isinstance(texts, dict)
    return texts.get(language) or texts.get("de") or next(iter(texts.values()), "")
