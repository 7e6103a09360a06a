"""``vr-station interview --input typed``: the candidate's own questions answered from content.

A scripted candidate at the terminal reads what the interviewer says and types the answer that
fits: an empty line first, ordinary answers, and in the questions phase real questions. So the
test holds whichever questions the seed and the question banks pick.
"""

from __future__ import annotations

import io
import json
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from catalog.questions import AnswerKind, Phase
from vr_station.cli import main

INTERVIEWER = "Interviewer: "


class ScriptedCandidate(io.TextIOBase):
    """Stands in for the terminal: keeps what is printed (stdout) and, each time the answer
    prompt appears, types the answer ``answer_for`` gives to the interviewer's last words (stdin).

    The reading thread waits on a condition that each printed prompt signals; no clock.
    """

    def __init__(self, prompt: str, answer_for: Callable[[str], str]):
        self.prompt = prompt
        self.answer_for = answer_for
        self.printed = io.StringIO()
        self._changed = threading.Condition()
        self._prompts = 0
        self._finished = False

    # stdout
    def write(self, text: str) -> int:
        with self._changed:
            self.printed.write(text)
            self._prompts += text.count(self.prompt)
            self._changed.notify_all()
        return len(text)

    def flush(self) -> None:
        pass

    # stdin
    def __iter__(self) -> Iterator[str]:  # type: ignore[override]  # a fake stdin iterates lines
        answered = 0
        while True:
            with self._changed:
                self._changed.wait_for(lambda seen=answered: self._prompts > seen or self._finished)
                if self._finished:
                    return
                answered += 1
                said = self.interviewer_lines()[-1]
            yield self.answer_for(said) + "\n"

    def finish(self) -> None:
        """The interview is over: the reading thread stops waiting for a prompt."""
        with self._changed:
            self._finished = True
            self._changed.notify_all()

    def interviewer_lines(self) -> list[str]:
        return [line[len(INTERVIEWER):] for line in self.printed.getvalue().splitlines()
                if line.startswith(INTERVIEWER)]


ANSWERS = {
    "de": {
        "prompt": "Ihre Antwort> ",
        "ordinary": "Ich koche seit Jahren gern für meine Familie. Im Praktikum in einer "
                    "Restaurantküche habe ich gelernt, sauber und schnell zu arbeiten, und am "
                    "Ende war der Küchenchef sehr zufrieden mit mir.",
        "questions": ["Wie lange dauert die Ausbildung?", "Und was verdient man in der Ausbildung?"],
        "none": "Nein, danke, das war alles.",
    },
    "en": {
        "prompt": "Your answer> ",
        "ordinary": "I have enjoyed cooking for my family for years. During my internship in a "
                    "restaurant kitchen I learned to work cleanly and quickly, and in the end the "
                    "head chef was very happy with me.",
        "questions": ["How long does the training take?", "And what would I earn during training?"],
        "none": "No, thank you, that was all.",
    },
}


def candidate_for(catalog, language: str) -> ScriptedCandidate:
    script = ANSWERS[language]
    questions_phase = {q.text[language] for q in catalog.occupations["koch"].questions.questions
                       if q.phase == Phase.CANDIDATE_QUESTIONS}
    another = catalog.interview.phrases["another_question"][language]
    asked: list[str] = []

    def answer_for(said: str) -> str:
        if not asked and said not in questions_phase:
            asked.append("")
            return ""  # an empty answer first: nothing typed, not misheard
        if said in questions_phase or (said == another and len(asked) < 3):
            question = script["questions"][len(asked) - 1]
            asked.append(question)
            return question
        if said == another:
            return script["none"]
        return script["ordinary"]

    return ScriptedCandidate(script["prompt"], answer_for)


def run_interview(catalog, language: str, tmp_path: Path, monkeypatch) -> tuple[ScriptedCandidate, dict]:
    terminal = candidate_for(catalog, language)
    monkeypatch.setattr(sys, "stdin", terminal)
    monkeypatch.setattr(sys, "stdout", terminal)
    try:
        code = main(["interview", "--occupation", "koch", "--lang", language, "--input", "typed",
                     "--persona", "friendly", "--seed", "3", "--report-dir", str(tmp_path),
                     "--mute"])
    finally:
        terminal.finish()
    assert code == 0, terminal.printed.getvalue()
    report = json.loads(next(tmp_path.glob("interview-koch-*.json")).read_text("utf-8"))
    return terminal, report


def follows(lines: list[str], first: str) -> str:
    """The interviewer's line after the first one that starts with ``first``."""
    index = next(i for i, line in enumerate(lines) if line.startswith(first))
    return lines[index + 1]


def test_german_candidate_questions_are_answered_with_the_cooks_figures(catalog, tmp_path,
                                                                        monkeypatch):
    koch = catalog.occupations["koch"]
    assert koch.training.duration_months == 36 and koch.salary.training.max_eur == 1300
    terminal, report = run_interview(catalog, "de", tmp_path, monkeypatch)
    said = terminal.interviewer_lines()
    assert said[1].startswith("Ich habe keine Antwort bekommen.")  # the empty line
    assert not any("akustisch" in line for line in said)
    training = next(line for line in said if line.startswith("Die duale Ausbildung"))
    assert "dauert in der Regel 3 Jahre." in training
    pay = next(line for line in said if line.startswith("Für den Beruf allgemein"))
    assert "etwa 724 bis 1.300 Euro brutto im Monat (Stand 2026; Quelle: Untergrenze:" in pay
    assert "etwa 2.170 bis 3.070 Euro brutto im Monat (Stand 2023; Quelle: Bundesagentur für " \
           "Arbeit, Entgeltatlas 2023" in pay
    assert follows(said, "Die duale Ausbildung") == "Haben Sie noch eine Frage?"
    last_another = [i for i, line in enumerate(said) if line == "Haben Sie noch eine Frage?"][-1]
    assert said[last_another - 1] == pay
    # "Nein, danke, das war alles." is a no: a fitting acknowledgement, then the next question.
    assert said[last_another + 1] in catalog.interview.acknowledgements[AnswerKind.REFUSAL]["de"]
    assert not any("gute Frage" in line or "nach dem Gespräch" in line for line in said)
    asked = [a for a in report["answers"] if a["phase"] == Phase.CANDIDATE_QUESTIONS.value]
    assert [a["transcript"] for a in asked] == [*ANSWERS["de"]["questions"], ANSWERS["de"]["none"]]
    assert [a["kind"] for a in asked] == ["main", "follow_up", "follow_up"]


def test_english_candidate_questions_are_answered_with_the_cooks_figures(catalog, tmp_path,
                                                                         monkeypatch):
    terminal, report = run_interview(catalog, "en", tmp_path, monkeypatch)
    said = terminal.interviewer_lines()
    assert said[1].startswith("I didn't get an answer.")
    assert any(line.startswith("The dual training at a company and vocational school usually "
                               "takes 3 years.") for line in said)
    pay = next(line for line in said if line.startswith("For the occupation in general"))
    assert "about €724 to €1,300 gross per month (as of 2026; source: Lower bound:" in pay
    assert "about €2,170 to €3,070 gross per month (as of 2023; source: Federal Employment " \
           "Agency, Entgeltatlas 2023" in pay
    assert not any("good question" in line or "after our conversation" in line for line in said)
    asked = [a for a in report["answers"] if a["phase"] == Phase.CANDIDATE_QUESTIONS.value]
    assert [a["transcript"] for a in asked] == [*ANSWERS["en"]["questions"], ANSWERS["en"]["none"]]


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_scripted_candidate_reached_the_questions_phase(catalog, language):
    """The seed's plan has a questions phase: otherwise the tests above would test nothing."""
    from interview_engine.preparation import prepare_interview

    setup = prepare_interview(catalog, "koch", language, persona_id="friendly", seed=3, typed=True)
    assert any(q.phase == Phase.CANDIDATE_QUESTIONS for q in setup.dialogue.questions)
