"""The interviewer's state machine, driven by hand: events in, actions out, time by Tick."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from catalog.questions import AnswerKind, AnswerPoint, FollowUpTrigger, InterviewQuestion, Phase
from interview_engine.dialogue import (
    AnswerCompleted,
    Begin,
    Cancel,
    CandidateSpeechStarted,
    DialogueSetup,
    DialogueState,
    End,
    Listen,
    PartialTranscript,
    Say,
    ShowCaption,
    Speaker,
    SpeechFinished,
    Tick,
    TurnKind,
    TypingInstead,
    UtteranceKind,
    WrapUp,
    new_dialogue,
)
from speech.transcript import EMPTY_RESULT, RecognitionResult, RecognizedWord, from_text
from tests.interview_engine.driver import Driver

GOOD_ANSWER = ("Einmal im Praktikum hatten wir eine große Feier mit hundert Gästen. Meine Aufgabe war "
               "der Salatposten. Ich habe alles früh vorbereitet, und am Ende gingen alle Teller "
               "pünktlich raus und der Chef war zufrieden.")


def question(qid: str, phase: Phase) -> InterviewQuestion:
    return InterviewQuestion(qid, phase, {"de": f"Frage {qid}?", "en": f"Question {qid}?"},
                             (AnswerPoint({"de": "ein Punkt", "en": "a point"},
                                          {"de": ("punkt",), "en": ("point",)}),))


@pytest.fixture
def setup(catalog) -> DialogueSetup:
    persona = dataclasses.replace(catalog.personas["neutral"], patience_s=7.0, follow_up_intensity=1.0)
    return DialogueSetup(
        language="de",
        questions=(question("greet", Phase.GREETING), question("team", Phase.BEHAVIOURAL),
                   question("bye", Phase.CLOSING)),
        script=catalog.interview, norms=catalog.languages["de"].norms,
        terms=("Hygiene", "Kühlkette"), persona=persona)


def start(setup: DialogueSetup, seed: int = 1) -> Driver:
    driver = Driver(new_dialogue(setup, seed))
    actions = driver.send(Begin(0.0))
    assert [type(a) for a in actions] == [Say]
    assert actions[0].kind == UtteranceKind.QUESTION and actions[0].text == "Frage greet?"
    assert driver.dialogue.state == DialogueState.ASKING
    return driver


def test_a_whole_interview_asks_each_question_follows_up_and_closes(setup):
    d = start(setup)
    assert d.finish_speaking() == [Listen(True, 1, 1)]
    actions = d.answer("Ja, danke, sehr gut.")
    # The greeting takes short answers: no follow-up, an acknowledgement, then the next question.
    assert [type(a) for a in actions] == [Listen, ShowCaption, Say, Say]
    assert actions[0] == Listen(False, 1, 1)
    assert actions[2].kind == UtteranceKind.ACKNOWLEDGEMENT
    # "Ja, danke, sehr gut." is a short yes, and the acknowledgement fits it.
    assert actions[2].text in setup.script.acknowledgements[AnswerKind.SHORT_YES]["de"]
    assert actions[3].text == "Frage team?"
    d.finish_speaking()
    actions = d.answer("Ich arbeite gern im Team.")
    follow_up = actions[-1]
    assert follow_up.kind == UtteranceKind.FOLLOW_UP
    # Too short comes first among the rules that fired (short, no example, no result).
    assert follow_up.text in setup.script.follow_ups[FollowUpTrigger.TOO_SHORT]["de"]
    d.finish_speaking()
    actions = d.answer(GOOD_ANSWER)
    assert actions[-1].text == "Frage bye?"  # one follow-up per question at most
    d.finish_speaking()
    d.answer("Nein, vielen Dank.")
    assert d.said[-1].kind == UtteranceKind.GOODBYE
    assert d.dialogue.state == DialogueState.CLOSING
    end = d.finish_speaking()
    assert len(end) == 1 and isinstance(end[0], End) and end[0].completed
    turns = end[0].turns
    assert [(t.question.id, t.kind) for t in turns] == [
        ("greet", TurnKind.MAIN), ("team", TurnKind.MAIN), ("team", TurnKind.FOLLOW_UP),
        ("bye", TurnKind.MAIN)]
    assert turns[2].trigger == FollowUpTrigger.TOO_SHORT and turns[2].parent_turn_id == turns[1].turn_id
    assert turns[2].analysis is not None and turns[2].analysis.stated_result
    assert d.dialogue.state == DialogueState.ENDED
    assert d.send(Tick(999.0)) == []


def test_silence_brings_a_nudge_then_moving_on(setup):
    d = start(setup)
    d.finish_speaking()
    assert d.wait(6.9) == []  # patience is 7 s
    actions = d.wait(0.2)
    assert actions[0] == Listen(False, 1, 1)
    nudge = actions[1]
    assert nudge.kind == UtteranceKind.NUDGE
    silence_texts = setup.script.follow_ups[FollowUpTrigger.SILENCE]["de"]
    assert any(nudge.text.startswith(t) for t in silence_texts)
    assert setup.script.phrases["repeat_hint"]["de"] in nudge.text  # only the first nudge hints
    assert d.finish_speaking() == [Listen(True, 2, 1)]
    actions = d.wait(7.1)
    assert actions[-1].kind == UtteranceKind.MOVE_ON
    assert actions[-1].text == setup.script.phrases["move_on"]["de"]
    assert d.finish_speaking()[-1].text == "Frage team?"  # no acknowledgement after silence
    record = d.dialogue.turns[0]
    assert record.result == EMPTY_RESULT and record.analysis is None and record.nudges == 2


def test_typed_answers_are_never_nudged(setup):
    d = start(dataclasses.replace(setup, nudge_on_silence=False))
    d.finish_speaking()
    assert d.wait(60) == []


def test_a_visitor_typing_instead_is_not_nudged_and_speaking_again_waits_anew(setup):
    """The microphone went away mid-answer: the keyboard stands in, the interviewer waits."""
    d = start(setup)
    d.finish_speaking()
    d.wait(5.0)
    assert d.send(TypingInstead(d.now, active=True)) == []
    assert d.wait(60) == []  # no nudge, no moving on while the visitor types
    assert d.send(TypingInstead(d.now, active=False)) == []  # back before anything was typed
    assert d.wait(6.9) == []  # the patience of 7 s starts anew
    assert d.wait(0.2)[1].kind == UtteranceKind.NUDGE


def test_typing_instead_mid_answer_lifts_the_answer_cap(setup):
    d = start(setup)
    d.finish_speaking()
    d.send(CandidateSpeechStarted(d.now, d.listen_id))
    d.send(TypingInstead(d.now, active=True))
    assert d.wait(setup.script.rules.answer_cap_s + 30) == []
    assert d.dialogue.state == DialogueState.ANSWERING


def test_an_over_long_answer_is_capped_politely(setup):
    d = start(setup)
    d.finish_speaking()
    d.send(CandidateSpeechStarted(d.now, d.listen_id))
    cap = setup.script.rules.answer_cap_s
    actions = d.wait(cap + 0.2)
    assert actions == [Listen(False, 1, 1)]
    assert d.dialogue.state == DialogueState.CAPPING
    words = tuple(RecognizedWord("wort", i * 0.5, i * 0.5 + 0.4, 0.9) for i in range(240))
    actions = d.send(AnswerCompleted(d.now, d.listen_id, RecognitionResult(words, "wort " * 240)))
    assert actions[-1].kind == UtteranceKind.ANSWER_CAP
    assert d.dialogue.turns[0].capped and d.dialogue.turns[0].analysis is not None
    assert d.finish_speaking()[-1].text == "Frage team?"


def test_a_capped_answer_without_words_still_moves_on(setup):
    d = start(setup)
    d.finish_speaking()
    d.send(CandidateSpeechStarted(d.now, d.listen_id))
    d.wait(setup.script.rules.answer_cap_s + 0.2)
    actions = d.wait(6.0)  # the recognizer never delivers
    assert actions[-1].kind == UtteranceKind.ANSWER_CAP


def test_wrap_up_while_listening_says_goodbye_and_keeps_only_what_was_answered(setup):
    d = start(setup)
    d.finish_speaking()
    d.answer("Ja, danke, sehr gut.")
    d.finish_speaking()  # "Frage team?" asked, listening, nothing said yet
    actions = d.send(WrapUp(d.now))
    assert actions[0] == Listen(False, 2, 2)
    assert actions[1].kind == UtteranceKind.GOODBYE and d.dialogue.state == DialogueState.CLOSING
    assert d.send(WrapUp(d.now)) == [], "once"
    end = d.finish_speaking()[0]
    assert isinstance(end, End) and end.completed
    assert [t.question.id for t in end.turns] == ["greet"]


def test_wrap_up_while_answering_keeps_the_answer_then_closes_without_a_follow_up(setup):
    d = start(setup)
    d.finish_speaking()
    d.send(CandidateSpeechStarted(d.now, d.listen_id))
    assert d.send(WrapUp(d.now)) == [Listen(False, 1, 1)]
    actions = d.send(AnswerCompleted(d.now + 1, d.listen_id, from_text("Ich arbeite gern im Team.")))
    assert [type(a) for a in actions] == [ShowCaption, Say]
    assert actions[-1].kind == UtteranceKind.GOODBYE
    [turn] = d.dialogue.turns
    assert turn.analysis is not None and not turn.capped


def test_wrap_up_while_the_interviewer_speaks_closes_after_that_utterance(setup):
    d = start(setup)
    assert d.send(WrapUp(d.now)) == []
    actions = d.finish_speaking()  # the greeting ends: no listening, goodbye instead
    assert [a.kind for a in actions if isinstance(a, Say)] == [UtteranceKind.GOODBYE]
    assert not any(isinstance(a, Listen) for a in actions)
    assert isinstance(d.finish_speaking()[0], End)


def test_nothing_recognized_asks_again_then_moves_on(setup):
    d = start(setup)
    d.finish_speaking()
    actions = d.send(AnswerCompleted(1.0, d.listen_id, EMPTY_RESULT))
    assert actions[-1].kind == UtteranceKind.NOT_UNDERSTOOD
    d.finish_speaking()
    actions = d.send(AnswerCompleted(d.now, d.listen_id, EMPTY_RESULT))
    assert actions[-1].kind == UtteranceKind.MOVE_ON


def test_repeat_request_repeats_the_question(setup):
    d = start(setup)
    d.finish_speaking()
    actions = d.answer("Wiederholen, bitte.")
    assert actions[-1].kind == UtteranceKind.REPEAT and actions[-1].text == "Frage greet?"
    assert d.dialogue.turns == []
    d.finish_speaking()
    d.answer("Ja, gut gefunden.")
    assert d.dialogue.turns[0].result.text == "Ja, gut gefunden."


def test_job_term_follow_up_names_the_term(setup):
    setup = dataclasses.replace(setup, questions=(question("hyg", Phase.OCCUPATION_SPECIFIC),))
    d = Driver(new_dialogue(setup, 3))
    d.send(Begin(0.0))
    d.finish_speaking()
    actions = d.answer("Hygiene ist mir sehr wichtig, weil Gäste sonst krank werden können. Ich wasche "
                       "mir oft die Hände und halte die Kühlkette ein, damit nichts verdirbt.")
    say = actions[-1]
    assert say.kind == UtteranceKind.FOLLOW_UP and "„Hygiene“" in say.text


def test_follow_up_intensity_zero_never_follows_up(setup):
    quiet = dataclasses.replace(setup, persona=dataclasses.replace(setup.persona, follow_up_intensity=0.0))
    d = start(quiet)
    d.finish_speaking()
    d.answer("Ja.")
    d.finish_speaking()
    actions = d.answer("Ich arbeite gern im Team.")
    assert actions[-1].text == "Frage bye?"


def test_stale_and_out_of_turn_events_are_ignored(setup):
    d = start(setup)
    assert d.send(SpeechFinished(1.0, 99)) == []  # not the awaited utterance
    assert d.send(AnswerCompleted(1.0, 0, from_text("zu früh"))) == []
    d.finish_speaking()
    assert d.send(PartialTranscript(1.0, d.listen_id, "ich ar")) == [
        ShowCaption(Speaker.CANDIDATE, "ich ar", False)]
    assert d.send(PartialTranscript(1.0, d.listen_id + 5, "fremd")) == []
    assert d.send(Begin(2.0)) == []


def test_cancel_ends_at_once_without_completion(setup):
    d = start(setup)
    actions = d.send(Cancel(1.0))
    assert actions == [End((), completed=False)]
    assert d.dialogue.state == DialogueState.CANCELLED
    assert d.send(Begin(2.0)) == []


def _transcript(setup: DialogueSetup, seed: int) -> list[str]:
    d = Driver(new_dialogue(setup, seed))
    d.send(Begin(0.0))
    for answer in ["Ja.", "Ich arbeite gern im Team.", GOOD_ANSWER, "Nein."]:
        d.finish_speaking()
        if d.dialogue.state == DialogueState.LISTENING:
            d.answer(answer)
    return [s.text for s in d.said]


def test_same_seed_same_interview(setup):
    half = dataclasses.replace(setup, persona=dataclasses.replace(setup.persona, follow_up_intensity=0.5))
    assert _transcript(half, 7) == _transcript(half, 7)
    assert len({tuple(_transcript(half, seed)) for seed in range(12)}) > 1


# --- empty answers ------------------------------------------------------------------------

def test_an_empty_typed_answer_is_no_answer_not_an_acoustic_problem(setup):
    d = start(dataclasses.replace(setup, nudge_on_silence=False, typed=True))
    d.finish_speaking()
    actions = d.send(AnswerCompleted(d.now, d.listen_id, from_text("   ")))
    assert actions[-1].kind == UtteranceKind.NO_ANSWER
    assert actions[-1].text == setup.script.phrases["no_answer"]["de"]
    assert actions[-1].text.startswith("Ich habe keine Antwort bekommen")
    assert "akustisch" not in actions[-1].text
    d.finish_speaking()
    actions = d.send(AnswerCompleted(d.now, d.listen_id, from_text("")))
    assert actions[-1].kind == UtteranceKind.MOVE_ON


# --- acknowledgements that fit what was said ------------------------------------------------

def _greeting_setup(setup: DialogueSetup, norms=None, language: str = "de") -> DialogueSetup:
    """Greetings take any answer without a follow-up: the acknowledgement comes at once."""
    return dataclasses.replace(setup, language=language, norms=norms or setup.norms,
                               questions=(question("greet", Phase.GREETING),
                                          question("bye", Phase.CLOSING)))


@pytest.mark.parametrize(("language", "answer", "kind"), [
    ("de", "Ja, danke, sehr gut.", AnswerKind.SHORT_YES),
    ("de", "Nein, danke.", AnswerKind.REFUSAL),
    ("de", "Keine Fragen, danke.", AnswerKind.REFUSAL),
    ("de", "Ich wohne nicht weit weg und bin mit dem Bus gekommen.", AnswerKind.STATEMENT),
    ("de", GOOD_ANSWER, AnswerKind.STORY),
    ("en", "Yes, of course, thank you.", AnswerKind.SHORT_YES),
    ("en", "No, thank you.", AnswerKind.REFUSAL),
])
def test_the_acknowledgement_fits_the_answer(setup, catalog, language, answer, kind):
    d = Driver(new_dialogue(_greeting_setup(setup, catalog.languages[language].norms, language), 1))
    d.send(Begin(0.0))
    d.finish_speaking()
    actions = d.answer(answer)
    [ack] = [a for a in actions if isinstance(a, Say) and a.kind == UtteranceKind.ACKNOWLEDGEMENT]
    assert ack.text in setup.script.acknowledgements[kind][language]
    assert d.dialogue.turns[-1].answer_kind == kind
    others = {t for k, texts in setup.script.acknowledgements.items() if k != kind
              for t in texts[language]}
    assert ack.text not in others


def test_a_question_outside_any_topic_gets_no_acknowledgement(setup):
    d = start(_greeting_setup(setup))
    d.finish_speaking()
    actions = d.answer("Soll ich mich vorher noch irgendwo anmelden?")
    says = [a for a in actions if isinstance(a, Say)]
    assert [s.kind for s in says] == [UtteranceKind.QUESTION]  # straight on, no "Danke."
    assert d.dialogue.turns[-1].answer_kind == AnswerKind.QUESTION
    assert d.dialogue.turns[-1].reply is None


# --- no phrase twice in a row -----------------------------------------------------------------

def _said_of(d: Driver, kind: UtteranceKind) -> list[str]:
    return [s.text for s in d.said if s.kind == kind]


@pytest.mark.parametrize("seed", range(6))
def test_no_follow_up_twice_in_a_row_nor_twice_while_another_is_unused(setup, seed):
    behavioural = tuple(question(f"b{i}", Phase.BEHAVIOURAL) for i in range(5))
    d = Driver(new_dialogue(dataclasses.replace(setup, questions=behavioural), seed))
    d.send(Begin(0.0))
    while d.dialogue.state != DialogueState.CLOSING:
        d.finish_speaking()
        d.answer("Ich arbeite gern im Team.")  # too short every time: a follow-up each time
    asked = _said_of(d, UtteranceKind.FOLLOW_UP)
    texts = setup.script.follow_ups[FollowUpTrigger.TOO_SHORT]["de"]
    assert len(asked) == 5 and set(asked) <= set(texts)
    assert all(a != b for a, b in itertools.pairwise(asked))
    first = asked[:len(texts)]
    assert len(set(first)) == len(first), "a text came twice while another was unused"


@pytest.mark.parametrize("seed", range(6))
def test_no_acknowledgement_twice_in_a_row(setup, seed):
    greetings = tuple(question(f"g{i}", Phase.GREETING) for i in range(7))
    d = Driver(new_dialogue(dataclasses.replace(setup, questions=greetings), seed))
    d.send(Begin(0.0))
    while d.dialogue.state != DialogueState.CLOSING:
        d.finish_speaking()
        d.answer("Ich wohne nicht weit weg und bin mit dem Bus gekommen.")
    said = _said_of(d, UtteranceKind.ACKNOWLEDGEMENT)
    texts = setup.script.acknowledgements[AnswerKind.STATEMENT]["de"]
    assert len(said) == 6
    assert all(a != b for a, b in itertools.pairwise(said))
    assert len(set(said[:len(texts)])) == min(len(texts), 6)


def test_nudges_take_turns_too(setup):
    d = start(dataclasses.replace(setup, questions=(question("greet", Phase.GREETING),
                                                    question("b", Phase.GREETING))))
    d.finish_speaking()
    d.wait(7.1)  # first nudge (with the repeat hint)
    d.finish_speaking()
    d.answer("Ja, gut.")
    d.finish_speaking()
    d.wait(7.1)  # second question, first silence: a nudge again
    first, second = _said_of(d, UtteranceKind.NUDGE)
    assert not second.startswith(first.split(" Wenn")[0])
