"""How a session listens and prepares its speech: one frozen object, built by the caller."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from catalog.personas import MoreTimeToThink, Persona
from speech.endpoint import EndpointSettings


@dataclass(frozen=True)
class SessionSettings:
    """How one session listens and prepares its speech (the module docstring's one object)."""

    endpoint: EndpointSettings = field(default_factory=EndpointSettings)
    """End-of-answer silence and VAD threshold; the app passes calibration's values, and
    ``open_interview`` adds the persona's and the visitor's extra silence (``patient``)."""
    input_gain_db: float = 0.0
    """Digital gain on the candidate's audio before recognition and end-of-answer detection
    (profile: ``microphone.gain_db``; the VAD threshold is measured after it)."""
    gate_tail_s: float = 0.25
    """The mic stays closed this long after the interviewer's last word (room echo)."""
    tick_interval_s: float = 0.05
    keep_answer_audio_dir: Path | None = None
    """Write each answer's audio here as WAV. Only with the visitor's explicit consent."""
    prefetch: bool = True
    """Synthesize the planned questions in the background at start."""


def patient(settings: SessionSettings, persona: Persona,
            more_time: MoreTimeToThink | None) -> SessionSettings:
    """``settings`` whose end-of-answer silence waits as long as this interview allows.

    The calibrated silence is the base; the persona adds its ``answer_silence_extra_s`` and the
    visitor's "more time to think" (``more_time``, None: not chosen) its own extra.
    """
    extra_s = persona.answer_silence_extra_s
    if more_time is not None:
        extra_s += more_time.answer_silence_extra_s
    if extra_s <= 0.0:
        return settings
    endpoint = settings.endpoint
    return replace(settings, endpoint=replace(endpoint, silence_s=endpoint.silence_s + extra_s))
