"""``open_interview``: one interview prepared, its speech in chosen and started, for every caller.

The terminal practice (``interview_engine.practice``) and the station's interview room
(``vr_station.interview.engine``) both open their sessions here; they differ only in what they
hand in: the speech output and voice, the recognizer (``recognizer_for``), where the answers'
audio comes from, a player, the clock and the listening settings.

Speech in, in this order (``speech.backends.choose_recognizer``; never a recognizer of another
language): the model station.yaml names, else the best installed one (Whisper or Vosk);
PocketSphinx for English (with a notice); typed answers (with a notice). When the microphone
of a recognizer cannot be opened, the station goes on with typed answers and the
``microphone_missing`` notice (``type_without_microphone``); the terminal reports the error
instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from interview_engine.preparation import InterviewSetup, prepare_interview
from interview_engine.session.conductor import InterviewSession
from interview_engine.session.settings import SessionSettings, patient
from speech.backends import Backend, RecognizerChoice, SpeechSettings, choose_recognizer
from speech.recognizer_settings import DEFAULT_SPEECH
from speech.sources import AudioSource, AudioSourceError

if TYPE_CHECKING:
    from catalog.model import Catalog, Language
    from catalog.personas import MoreTimeToThink
    from catalog.questions import InterviewScript
    from speech.playback import Player
    from speech.recognition import Recognizer
    from speech.speech_out import SpeechOut
    from timebase import Clock

log = logging.getLogger(__name__)

MICROPHONE_MISSING = "microphone_missing"
"""Notice (content/interview.yaml ``notices``) when a recognizer is there but no microphone."""


def recognizer_for(language: Language, models_dir: Path, backend: Backend = Backend.AUTO,
                   speech: SpeechSettings = DEFAULT_SPEECH) -> RecognizerChoice:
    """The recognizer for answers in ``language`` (``speech``: station.yaml's choice per language).

    Checks files only; a model loads on the first answer, on the session's listener thread. The
    caller closes it (it may be kept for the next visitor).
    """
    name = language.names.get("en", language.native_name)
    return choose_recognizer(language.code, name, language.vosk_model, models_dir, backend, speech=speech,
                             recognition_prompt=language.recognition_prompt)


def notice_text(script: InterviewScript, key: str, language: Language) -> str:
    """A visitor notice in the interview's language (German if it has none), language named."""
    texts = script.notices.get(key, {})
    text = texts.get(language.code) or texts.get("de") or next(iter(texts.values()), "")
    return text.replace("{language}", language.names.get(language.code, language.native_name))


def open_interview(catalog: Catalog, occupation_id: str, language: Language, *,
                   speech_out: SpeechOut, voice: str | None, recognizer: RecognizerChoice,
                   seed: int, persona_id: str | None = None, max_questions: int | None = None,
                   microphone: Callable[[], AudioSource] | None = None,
                   player: Player | None = None, clock: Clock | None = None,
                   settings: SessionSettings | None = None,
                   type_without_microphone: bool = False,
                   more_time_to_think: bool = False) -> InterviewSession:
    """Prepare the interview (``prepare_interview``), start its session and return it running.

    ``microphone`` opens the source of the answers' audio; it is asked only when there is a
    recognizer (None: the caller feeds audio with ``feed_audio``). ``voice`` is the
    synthesizer's voice id (None: its default voice). Blocks while the microphone opens: call
    it from a worker thread where a render thread must not wait.

    ``settings`` hold the calibrated listening; the persona's extra answer silence is added,
    and with ``more_time_to_think`` (the visitor's choice) the catalog's extra silence and
    patience as well (``catalog.more_time_to_think``).

    Raises ``SetupError`` (unknown occupation or persona) and, unless
    ``type_without_microphone``, ``AudioSourceError`` when the microphone cannot be opened;
    nothing is left running then.
    """
    script = catalog.interview
    more_time = catalog.more_time_to_think if more_time_to_think else None

    def session(backend: str, answers: Recognizer | None, source: AudioSource | None,
                notices: tuple[str, ...]) -> InterviewSession:
        setup = prepare_interview(catalog, occupation_id, language.code, persona_id=persona_id,
                                  seed=seed, voice=voice, recognizer=backend, typed=answers is None,
                                  max_questions=max_questions, notices=notices)
        listening = patient(settings or SessionSettings(), setup.dialogue.persona, more_time)
        return InterviewSession(_with_patience(setup, more_time), speech_out, recognizer=answers,
                                source=source, player=player, clock=clock, settings=listening,
                                notices=notices)

    notices = (notice_text(script, recognizer.notice, language),) if recognizer.notice else ()
    answers = recognizer.recognizer
    source = microphone() if answers is not None and microphone is not None else None
    opened = session(recognizer.backend.value, answers, source, notices)
    try:
        opened.start()
    except AudioSourceError as exc:
        if not type_without_microphone:
            raise
        log.warning("no microphone, answers are typed: %s", exc)
        opened = session(Backend.TYPED.value, None, None,
                         (notice_text(script, MICROPHONE_MISSING, language),))
        opened.start()
    return opened


def _with_patience(setup: InterviewSetup, more_time: MoreTimeToThink | None) -> InterviewSetup:
    """The setup whose interviewer waits ``more_time``'s extra patience before a nudge."""
    if more_time is None or more_time.patience_extra_s <= 0.0:
        return setup
    persona = setup.dialogue.persona
    longer = replace(persona, patience_s=persona.patience_s + more_time.patience_extra_s)
    return replace(setup, dialogue=replace(setup.dialogue, persona=longer))
