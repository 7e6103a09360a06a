"""Terminal practice mode: one interview with microphone, typed answers or WAV files.

``vr-station interview`` builds ``PracticeOptions`` and calls ``run_practice``. The same
session the VR app uses runs underneath, opened the same way (``session.open_interview``);
this module only chooses the terminal's devices and prints. With WAV answers the interview
runs on a simulated clock, as fast as recognition allows, silent.
"""

from __future__ import annotations

import logging
import queue
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from interview_engine.report import InterviewReport
from interview_engine.report_html import render_html
from interview_engine.session import (
    CaptionAction,
    EndAction,
    InterviewSession,
    ListenAction,
    NoticeAction,
    SayAction,
    SessionSettings,
    open_interview,
    recognizer_for,
)
from speech.backends import Backend, SpeechSettings, station_speech_out
from speech.endpoint import EndpointSettings
from speech.playback import Player, SilentPlayer
from speech.sources import AudioSource, WavAnswers
from speech.synthesis import pick_voice
from timebase import Clock, MonotonicClock, SimulatedClock
from visit_record.private_files import private_dir, write_private_text

if TYPE_CHECKING:
    from catalog.model import Catalog

log = logging.getLogger(__name__)

POLL_INTERVAL_S = 0.02


class PracticeError(RuntimeError):
    """The practice cannot run as asked; the message says why and what to do."""


@dataclass(frozen=True)
class PracticeOptions:
    """What ``vr-station interview`` asks for: occupation, language, interviewer, answers, report folder."""

    occupation_id: str
    language: str
    persona_id: str | None
    input: str
    """mic, typed or wav."""
    wav_dir: Path | None
    report_dir: Path
    seed: int
    backend: Backend = Backend.AUTO
    keep_audio_dir: Path | None = None
    """Keep each answer's audio here (explicit opt-in; otherwise no audio touches the disk)."""
    mute: bool = False
    """Do not play the interviewer's voice."""
    endpoint: EndpointSettings = field(default_factory=EndpointSettings)
    """End-of-answer silence and VAD threshold (the station profile's, from calibration)."""
    microphone_device: str | None = None
    """Input device name or part of it (profile); None: the system's default input."""
    microphone_gain_db: float = 0.0
    """The profile's digital gain; only for the microphone (WAV files did not come through it)."""
    speech: SpeechSettings = field(default_factory=SpeechSettings)
    """station.yaml's recognizer per language and Whisper's device."""


@dataclass(frozen=True)
class PracticeOutcome:
    """The report and the files it was written to; all None when the interview did not complete."""

    report: InterviewReport | None
    json_path: Path | None
    html_path: Path | None


def run_practice(catalog: Catalog, models_dir: Path, cache_dir: Path, options: PracticeOptions,
                 out: TextIO | None = None, answers_in: TextIO | None = None) -> PracticeOutcome:
    """Run one interview in the terminal and write its report (JSON and HTML).

    ``out`` and ``answers_in`` default to the streams current at the call (not at import: a
    caller may have replaced ``sys.stdout`` since).
    """
    out = out if out is not None else sys.stdout
    answers_in = answers_in if answers_in is not None else sys.stdin
    language = catalog.languages.get(options.language)
    if language is None:
        raise PracticeError(f"no language '{options.language}' (available: {', '.join(catalog.languages)})")
    language_name = language.names.get("en", language.native_name)
    mode = options.input
    choice = recognizer_for(language, models_dir, Backend.TYPED if mode == "typed" else options.backend,
                            options.speech)
    if mode != "typed":
        if choice.message:
            print(f"vr-station: {choice.message}", file=sys.stderr)
        if choice.recognizer is None:
            if mode == "wav":
                raise PracticeError(f"{choice.message} WAV answers need a speech recognizer.")
            mode = "typed"
    speech_out = station_speech_out(cache_dir)
    try:
        voice = pick_voice(speech_out.synthesizer.voices(), language.tts_voices)
        if voice is None:
            print(f"vr-station: no {language_name} voice found (tried {', '.join(language.tts_voices)}); "
                  "the default voice speaks instead", file=sys.stderr)
        clock, source, player = _devices(mode, options)
        settings = SessionSettings(
            endpoint=options.endpoint, keep_answer_audio_dir=options.keep_audio_dir,
            input_gain_db=options.microphone_gain_db if mode == "mic" else 0.0)
        session = open_interview(catalog, options.occupation_id, language, speech_out=speech_out,
                                 voice=voice, recognizer=choice, seed=options.seed,
                                 persona_id=options.persona_id, microphone=source, player=player,
                                 clock=clock, settings=settings)
        labels = catalog.interview.report_labels
        report = _converse(session, mode, out, answers_in,
                           answer_label=labels.get("your_answer", {}).get(options.language, "Answer"))
    finally:
        speech_out.close()
        if choice.recognizer is not None:
            choice.recognizer.close()
    if report is None:
        return PracticeOutcome(None, None, None)
    json_path, html_path = write_report(report, options.report_dir, catalog.interview.report_labels)
    return PracticeOutcome(report, json_path, html_path)


def write_report(report: InterviewReport, directory: Path,
                 labels: Mapping[str, Mapping[str, str]]) -> tuple[Path, Path]:
    """Write ``interview-<occupation>-<time>.json`` and ``.html`` into ``directory``.

    A report holds what the visitor said: both files are private (0600, a user-only ACL on
    Windows) like every other file with visitor data, and so is the folder where it is made
    here. A folder that exists already (``--report-dir ~/Desktop``) keeps its permissions.
    """
    if not directory.is_dir():
        private_dir(directory)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    base = directory / f"interview-{report.occupation_id}-{stamp}"
    json_path, html_path = base.with_suffix(".json"), base.with_suffix(".html")
    write_private_text(json_path, report.to_json() + "\n")
    write_private_text(html_path, render_html(report, labels))
    return json_path, html_path


def _devices(mode: str,
             options: PracticeOptions) -> tuple[Clock, Callable[[], AudioSource] | None, Player]:
    """The clock, what opens the answers' audio, and the interviewer's loudspeaker."""
    if mode == "wav":
        assert options.wav_dir is not None
        sim = SimulatedClock()
        wav_dir = options.wav_dir
        return sim, lambda: WavAnswers.from_folder(wav_dir, sim), SilentPlayer(sim)
    speaker = None if options.mute else _speaker()
    microphone: Callable[[], AudioSource] | None = None
    if mode == "mic":
        def microphone() -> AudioSource:
            from speech.microphone import MicrophoneSource

            return MicrophoneSource(device=options.microphone_device)
    if speaker is not None:
        return MonotonicClock(), microphone, speaker
    if mode == "typed":
        sim = SimulatedClock()  # nothing is played or heard live: no need to wait
        return sim, None, SilentPlayer(sim)
    return MonotonicClock(), microphone, SilentPlayer()


def _speaker() -> Player | None:
    try:
        from speech.sounddevice_player import SoundDevicePlayer

        return SoundDevicePlayer()
    except Exception as exc:  # no PortAudio, no output device
        print(f"vr-station: no speaker available ({exc}); questions are shown as text",
              file=sys.stderr)
        return None


def _converse(session: InterviewSession, mode: str, out: TextIO, answers_in: TextIO,
              answer_label: str) -> InterviewReport | None:
    lines: queue.Queue[str | None] = queue.Queue()
    if mode == "typed":
        threading.Thread(target=_read_lines, args=(answers_in, lines), daemon=True,
                         name="typed-answers").start()
    listening = False
    try:
        while True:
            for action in session.poll():
                if isinstance(action, SayAction):
                    print(f"\nInterviewer: {action.text}", file=out, flush=True)
                elif isinstance(action, ListenAction):
                    listening = action.active
                    if listening and mode == "typed":
                        print(f"{answer_label}> ", end="", file=out, flush=True)
                    elif listening:
                        print("(…)", file=out, flush=True)
                elif isinstance(action, CaptionAction) and action.final and mode != "typed":
                    print(f"{answer_label}: {action.text}", file=out, flush=True)
                elif isinstance(action, NoticeAction):  # the visitor's and staff's alike
                    print(f"! {action.text}", file=out, flush=True)
                elif isinstance(action, EndAction):
                    return action.report
            if listening and mode == "typed" and not lines.empty():
                line = lines.get_nowait()
                if line is None:
                    raise PracticeError("the typed answers ended before the interview did")
                session.submit_text(line)
                listening = False
            time.sleep(POLL_INTERVAL_S)
    finally:
        session.close()


def _read_lines(stream: TextIO, lines: queue.Queue[str | None]) -> None:
    for line in stream:
        lines.put(line.rstrip("\n"))
    lines.put(None)
