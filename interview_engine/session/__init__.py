"""One interview on worker threads for a caller that must never wait: the engine's seam.

The VR app drives a session from its per-frame task; the terminal practice mode from a loop.
Both open it with ``open_interview`` and read the same actions. All speech and dialogue work
happens on the session's own threads; every method returns at once and is safe to call from
any thread (``close`` waits for the threads, at most ``timeout_s``)::

    session = open_interview(catalog, "koch", language, speech_out=speech_out, voice=voice,
                             recognizer=recognizer_for(language, models_dir), seed=seed,
                             microphone=MicrophoneSource)      # runs, started
    # every frame:
    for action in session.poll():
        if isinstance(action, SayAction):        # play action.audio (PCM, rate, 60 Hz envelope),
            ...                                  # show action.text and question_number/_total;
            session.playback_finished(action.utterance_id)   # when played to the end
        elif isinstance(action, ListenAction):   # active: listening indicator (or the keyboard,
            ...                                  # action.typed); not active: thinking, and the
                                                 # eye contact of action.turn_id
        elif isinstance(action, CaptionAction):  # the candidate's live words
            ...
        elif isinstance(action, NoticeAction):   # for the visitor (action.problem: for staff)
            ...
        elif isinstance(action, EndAction):      # action.report (None: cancelled or failed)
            ...
    session.listening                            # while listening: the silence so far, every frame
    session.submit_text(text)                    # a typed answer; session.end_answer(): spoken
    session.cancel(); session.wipe()             # the visitor left: stop, forget everything

The package, by concern: ``actions`` (what the caller receives), ``conductor`` (the session and
its dialogue thread), ``listener`` (the microphone gate and recognition thread), ``settings``,
``opening`` (``open_interview``: preparation, speech in, notices). The microphone is gated:
audio is dropped unless the dialogue listens, and for ``gate_tail_s`` after the interviewer's
last word (room echo), so the recognizer never transcribes the interviewer.

Privacy: audio is kept only in memory, per answer, and dropped after recognition, unless
``SessionSettings.keep_answer_audio_dir`` is set (an explicit opt-in). Transcripts live in
the dialogue's records and the report until ``wipe``.
"""

from interview_engine.preparation import InterviewSetup, SetupError
from interview_engine.session.actions import (
    CaptionAction,
    EndAction,
    ListenAction,
    ListeningProgress,
    NoticeAction,
    SayAction,
    SessionAction,
)
from interview_engine.session.conductor import InterviewSession, SessionState, SessionStats
from interview_engine.session.opening import (
    MICROPHONE_MISSING,
    notice_text,
    open_interview,
    recognizer_for,
)
from interview_engine.session.settings import SessionSettings

__all__ = [
    "MICROPHONE_MISSING",
    "CaptionAction",
    "EndAction",
    "InterviewSession",
    "InterviewSetup",
    "ListenAction",
    "ListeningProgress",
    "NoticeAction",
    "SayAction",
    "SessionAction",
    "SessionSettings",
    "SessionState",
    "SessionStats",
    "SetupError",
    "notice_text",
    "open_interview",
    "recognizer_for",
]
