"""The microphone goes away during the spoken feedback comment and comes back (issue 18, item 5).

The logic (``CommentMicrophone``) on its own, then a real headless station: the visitor's
espeak-ng voice through the station's one watched microphone to PocketSphinx, pulled out
mid-comment the way a USB microphone is (``UnpluggableVoice`` of the interview's test).
"""

from __future__ import annotations

import json

import pytest

from speech.microphone_watch import ReopenBackoff
from speech.transcript import tokens
from tests.vr_station.interview.test_microphone_away import UnpluggableVoice
from tests.vr_station.station_fixtures import make_station
from tests.vr_station.steps.test_feedback import COMMENT, to_feedback
from vr_station.config import load_config
from vr_station.demo import VISITOR_VOICES, DemoAnswers
from vr_station.feedback.delivery import open_outbox
from vr_station.kiosk.flow import KioskState
from vr_station.steps.feedback import CommentMicrophone, MicrophoneChange, _Page

S = KioskState
C = MicrophoneChange
TYPED = " and the keys work"


# The logic: statuses and station times in, decisions out -------------------------------------

def test_a_microphone_lost_mid_visit_is_looked_for_on_the_backoff_until_it_is_back():
    microphone = CommentMicrophone(True, 0.0, ReopenBackoff(first_s=0.5, factor=2.0, max_s=8.0))
    assert microphone.follow(True, 1.0) is C.NONE
    assert not microphone.try_due(100.0, held=False), "present: nothing to look for"

    assert microphone.follow(False, 10.0) is C.WENT_AWAY and microphone.away
    assert microphone.follow(False, 10.2) is C.NONE, "said once"
    assert not microphone.try_due(10.4, held=False), "the first try waits first_s"
    assert not microphone.try_due(10.5, held=True), "a dictation holds it: its source reopens it"
    assert microphone.try_due(10.5, held=False)
    assert not microphone.try_due(10.6, held=False), "one try at a time"
    microphone.tried(False, 10.6)
    assert not microphone.try_due(11.5, held=False)
    assert microphone.try_due(11.6, held=False), "then twice as long after a failed try"
    microphone.tried(False, 11.6)
    assert microphone.try_due(13.6, held=False)
    microphone.tried(True, 13.7)  # opened: the watch says so, and follow hears it next frame

    assert microphone.follow(True, 13.7) is C.CAME_BACK and not microphone.away
    assert not microphone.try_due(1000.0, held=False), "back: no more tries"


def test_a_microphone_already_away_at_the_comment_is_looked_for_soon():
    """Gone in the interview (whose source stopped looking when it closed): the step looks."""
    microphone = CommentMicrophone(False, 50.0)
    assert microphone.away
    assert microphone.follow(False, 50.1) is C.NONE, "no notice twice: the page shows it already"
    assert microphone.try_due(50.0 + ReopenBackoff().first_s, held=False)


def test_tries_back_off_to_the_limit_and_a_loss_starts_them_over():
    microphone = CommentMicrophone(True, 0.0, ReopenBackoff(first_s=1.0, factor=2.0, max_s=4.0))
    microphone.follow(False, 0.0)
    now = 0.0
    waits = []
    for _ in range(5):
        due = next(t / 10 for t in range(round(now * 10), 1000) if microphone.try_due(t / 10, held=False))
        waits.append(round(due - now, 1))
        now = due
        microphone.tried(False, now)
    assert waits == [1.0, 2.0, 4.0, 4.0, 4.0]
    assert microphone.follow(True, now) is C.CAME_BACK
    assert microphone.follow(False, now + 1.0) is C.WENT_AWAY
    assert microphone.try_due(now + 2.0, held=False), "a new loss: first_s again"


# A real station ---------------------------------------------------------------------------------

def _shown(station) -> list[str]:
    return [n.getTag("text") for n in station.base.render.findAllMatches("**/=text")]


@pytest.mark.timeout(600)  # a hang guard: two comments through PocketSphinx on a loaded machine
def test_the_microphone_goes_away_mid_comment_the_visitor_types_on_and_speaks_again_once_back():
    rig = make_station(language="en", real_speech=True)
    station, visitor = rig.station, rig.visitor
    voice = UnpluggableVoice()
    station.interviews.microphone = voice  # the station's microphone from now on
    visitor.voice = voice
    try:
        language = station.catalog.languages["en"]
        answers = DemoAnswers(station.speech, [COMMENT],
                              (*VISITOR_VOICES["en"], *language.tts_voices))
        step = to_feedback(rig, "en")
        texts = step.ctx.ui.texts
        away, back = texts("feedback_microphone_away"), texts("feedback_microphone_back")

        # The comment begins aloud; the microphone goes away in the middle of it.
        visitor.click("comment-speak")
        visitor.wait_until(lambda: not station.pending_work(), "the microphone to open")
        assert voice.opens == 1
        voice.say(visitor.own_words(answers, COMMENT))
        visitor.wait_until(lambda: len(step._heard.split()) >= 4, "the first words to be heard")
        live = step._heard
        voice.unplug()
        frames = visitor.result.frames
        visitor.wait_until(lambda: step.page is _Page.COMMENT, "the keyboard to be offered")
        visitor.wait_until(lambda: step._finishing is None,
                           "the words heard before the loss to land in the entry")
        visitor.settle()
        assert any(away in t for t in _shown(station)), _shown(station)
        assert visitor.result.frames > frames, "the render loop went on"
        assert not station.interviews.microphone_status.present
        # The entry was empty: what it holds now is what was heard before the loss (the
        # recognizer's final guess for the cut-off audio, which may differ from the live one).
        said_before = step.entry.text
        heard = set(tokens(said_before))
        assert sum(w in heard for w in tokens(COMMENT)) >= 2, (said_before, live)

        # The visitor types on. "Speak" tries the microphone: still away, the keyboard again.
        for char in TYPED:
            station.base.messenger.send("keystroke", [char])
        visitor.click("comment-done")
        visitor.settle()
        assert station.session is not None
        assert station.session.feedback.comment == said_before + TYPED
        visitor.click("comment-speak")
        visitor.wait_until(lambda: step.page is _Page.COMMENT and not station.pending_work(),
                           "the keyboard to come back")
        assert step.entry.text == said_before + TYPED, "nothing typed or heard is lost"
        visitor.settle()
        assert any(away in t for t in _shown(station)), _shown(station)
        frames = visitor.result.frames
        visitor.wait(3.0)  # station time with the microphone away: tries fail, the station goes on
        assert visitor.result.frames - frames >= 90
        assert not station.interviews.microphone_status.present and voice.opens == 1

        # It is plugged in again: the step finds it on the backoff and says so.
        voice.plug_in()
        visitor.wait_until(lambda: station.interviews.microphone_status.present,
                           "the microphone to be found (tries on the station clock)", 30)
        assert voice.opens == 2, "found by a try, not by a visitor's 'speak'"
        visitor.settle()
        assert any(back in t for t in _shown(station)), _shown(station)
        assert not any(away in t for t in _shown(station))
        visitor.click("comment-done")
        visitor.settle()

        # The comment goes on aloud, after what was said and typed.
        visitor.click("comment-speak")
        visitor.wait_until(lambda: not station.pending_work(), "the microphone to open")
        voice.say(visitor.own_words(answers, COMMENT))
        visitor.wait_until(lambda: step.page is _Page.COMMENT, "the end-of-speech silence", 60)
        comment = step.entry.text
        assert comment.startswith(said_before + TYPED), comment
        rest = set(tokens(comment[len(said_before + TYPED):]))
        assert sum(w in rest for w in tokens(COMMENT)) >= 3, comment
        visitor.click("comment-done")
        visitor.settle()
        visitor.click("send")
        visitor.wait_state(S.THANKS)
        session = station.session
        assert session is not None and session.feedback.comment == comment.strip()
    finally:
        rig.close()

    # The feedback record is stored with the whole comment (no center: it waits in the outbox).
    with open_outbox(load_config()) as outbox:
        records = [json.loads(e.body) for e in outbox.pending(10)]
    assert [(r["rating"], r["comment"]) for r in records] == [(4, comment.strip())], records
