"""Whisper (faster-whisper on CTranslate2) with a model from the station's models directory.

Whisper does not stream; ``segmented_stream`` cuts each answer at the visitor's pauses and this
module decodes the closed segments on one worker thread. CTranslate2 releases the GIL while it
encodes and decodes (measured: no other thread of the app waited more than 15 ms during 25 s
decodes, the same as with the decoder in another process), so the worker is a thread, not a
process; the render thread never waits for it.

Each segment is decoded in one step, not with faster-whisper's ``transcribe`` loop, whose two
habits made answers take minutes (measured on espeak-ng answers, faster-whisper 1.2.1): with
word timings and a prompt, the last fraction of a second was decoded as a new window and came
back as "Ja, äh, ja, äh …" up to the token limit (a 2.7 s answer: 78–103 s); and the
temperature fallback re-decoded hard windows up to five times (a 7 s answer: 42 s). Here: one
encoder pass over the segment, one beam search without timestamps and with at most 8 tokens
per second of audio, and one alignment pass for the word timings. The encoder hears the segment
padded to Whisper's 30 s window, as it was trained, or, when the answer may end with the
segment (``urgent``), followed by 5 s of silence only: 20–30 % faster. Without silence after
the speech Whisper does not know where the audio ends and repeats itself to the token limit
(German word error rate 0.61 instead of 0.22). This uses faster-whisper's ``WhisperModel`` parts
(``encode``, ``get_prompt``, ``find_alignment``, ``model.generate``), so the version is pinned
(1.2.1) and the tests decode real speech with it.

The prompt keeps the fillers (Whisper drops most "äh" and "ähm" without one): the occupation's
job terms, then the language's recognition prompt (content/languages.yaml, a sentence with
fillers as the station spells them), then the text of the answer's segments before.

CUDA when ctranslate2 sees a GPU (float16), else int8 on the CPU.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from speech.recognition import NO_HINTS, AnswerHints, Recognizer, RecognizerError
from speech.recognizer_settings import SegmentPolicy, WhisperSettings
from speech.segmented_stream import SegmentedStream
from speech.transcript import EMPTY_RESULT, RecognitionResult, RecognizedWord

log = logging.getLogger(__name__)

DEVICES = ("auto", "cpu", "cuda")
TOKENS_PER_S = 8.0
"""At most this many new tokens per second of audio (fast speech needs about 4), plus 16."""
URGENT_SILENCE_S = 5.0
"""An urgent segment (the answer may end with it) is encoded with this much silence after it
rather than padded to 30 s: on the benchmark 20–30 % faster, word error rate +0.7 points (German
0.231 against 0.223, English 0.043 against 0.037). Without any silence after the speech Whisper
does not know where the audio ends and repeats itself (0.61)."""
CONTEXT_TOKENS = 96
"""Of the answer's earlier text, the prompt keeps the last this many tokens."""
NO_SPEECH_PROB = 0.6
LOW_LOGPROB = -1.0
"""A segment Whisper finds likely silent (``no_speech_prob``) and decodes with little confidence
(average log probability) is taken as silence, as Whisper's own loop does: a cough or a
murmur above the speech threshold would otherwise come back as invented words."""
_PREPEND = "\"'“¿([{-"
_APPEND = "\"'.。,，!！?？:：”)]}、"
_DEFAULT_SETTINGS = WhisperSettings()
_EDGE_PUNCTUATION = re.compile(r"^[^\w]+|[^\w]+$")


def whisper_supports(language: str) -> bool:
    """Whisper has ``language`` among the languages it was trained on."""
    from faster_whisper.tokenizer import _LANGUAGE_CODES  # the list behind WhisperModel.supported_languages

    return language in _LANGUAGE_CODES


class WhisperRecognizer(Recognizer):
    """Whisper for ``language`` with the model in ``model_dir``, loaded on the first answer.

    ``recognition_prompt`` is the language's filler sentence (content/languages.yaml).
    """

    name = "whisper"

    def __init__(self, model_dir: Path, language: str, *, settings: WhisperSettings = _DEFAULT_SETTINGS,
                 recognition_prompt: str | None = None, sample_rate_hz: int = 16000):
        if sample_rate_hz != 16000:
            raise ValueError("Whisper hears 16 kHz audio")
        self.model_dir = model_dir
        self.model = model_dir.name
        self.language = language
        self.settings = settings
        self.recognition_prompt = recognition_prompt
        self._engine: _WhisperEngine | None = None
        self._lock = threading.Lock()

    @property
    def device(self) -> str | None:
        """Where the model runs (cpu or cuda) once it is loaded; None before."""
        engine = self._engine
        return engine.device if engine is not None else None

    def start_answer(self, hints: AnswerHints = NO_HINTS) -> SegmentedStream:
        """A stream for the next answer; the first one loads the model (seconds)."""
        return self._stream(hints, self.settings.policy)

    def transcribe(self, pcm: bytes, hints: AnswerHints = NO_HINTS) -> RecognitionResult:
        """A whole recording, cut into segments as an answer is, without speculative decodes."""
        policy = SegmentPolicy(self.settings.policy.pause_s, self.settings.policy.min_segment_s,
                               self.settings.policy.max_segment_s, speculate=False)
        stream = self._stream(hints, policy)
        stream.accept(pcm)
        return stream.finish()

    def _stream(self, hints: AnswerHints, policy: SegmentPolicy) -> SegmentedStream:
        engine = self.engine()
        prompt = " ".join(p for p in (", ".join(hints.terms) + "." if hints.terms else "",
                                      self.recognition_prompt or "") if p)
        return SegmentedStream(_AnswerDecoder(engine, self.language, prompt), self.sample_rate_hz,
                               hints.vad_threshold_dbfs, policy)

    def engine(self) -> _WhisperEngine:
        """The loaded model and its worker, loading them first if need be (seconds)."""
        with self._lock:
            if self._engine is None:
                self._engine = _WhisperEngine.load(self.model_dir, self.settings)
            return self._engine

    def close(self) -> None:
        """Stop the worker and drop the model; the next answer loads it again."""
        with self._lock:
            engine, self._engine = self._engine, None
        if engine is not None:
            engine.close()


class _AnswerDecoder:
    """One answer's segments, each decoded with the answer's prompt (a ``SegmentDecoder``)."""

    def __init__(self, engine: _WhisperEngine, language: str, prompt: str):
        self.engine = engine
        self.language = language
        self.prompt = prompt

    def decode_later(self, pcm: bytes, context: Callable[[], str], urgent: bool) -> Future[RecognitionResult]:
        return self.engine.submit(lambda: self.engine.decode(pcm, self.language, self.prompt, context(),
                                                             urgent=urgent))


class _WhisperEngine:
    """A loaded Whisper model and the one thread that decodes with it, jobs in order."""

    def __init__(self, model: Any, device: str, beam_size: int):
        self.model = model
        self.device = device
        self.beam_size = beam_size
        self._tokenizers: dict[str, Any] = {}
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="whisper")

    @classmethod
    def load(cls, model_dir: Path, settings: WhisperSettings) -> _WhisperEngine:
        try:
            import ctranslate2
            from faster_whisper import WhisperModel
        except ImportError as exc:
            raise RecognizerError(f"faster-whisper is not installed ({exc}); reinstall the station") from None
        if settings.device not in DEVICES:
            raise RecognizerError(f"unknown Whisper device '{settings.device}' (use {', '.join(DEVICES)})")
        gpus = ctranslate2.get_cuda_device_count()
        if settings.device == "cuda" and gpus == 0:
            raise RecognizerError("speech.whisper.device is cuda, but ctranslate2 sees no CUDA device")
        threads = settings.cpu_threads or min(4, os.cpu_count() or 2)
        attempts = []
        if settings.device == "cuda" or (settings.device == "auto" and gpus):
            attempts.append(("cuda", "float16"))
        if settings.device != "cuda":
            attempts.append(("cpu", "int8"))
        failure = ""
        for device, compute_type in attempts:
            try:
                model = WhisperModel(str(model_dir), device=device, compute_type=compute_type,
                                     cpu_threads=threads, num_workers=1, local_files_only=True)
            except Exception as exc:  # ctranslate2: RuntimeError/ValueError (broken model, no CUDA libraries)
                failure = f"{type(exc).__name__}: {exc}"
                log.warning("Whisper cannot run on %s: %s", device, failure)
                continue
            log.info("Whisper %s loaded on %s (%s)", model_dir.name, device, compute_type)
            return cls(model, device, settings.beam_size)
        raise RecognizerError(f"Whisper cannot load the model in {model_dir}: {failure}. Run "
                              "'vr-station models verify' or install it again") from None

    def submit(self, job: Callable[[], RecognitionResult]) -> Future[RecognitionResult]:
        return self._executor.submit(job)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

    def tokenizer(self, language: str) -> Any:
        from faster_whisper.tokenizer import Tokenizer

        if language not in self._tokenizers:
            self._tokenizers[language] = Tokenizer(self.model.hf_tokenizer, self.model.model.is_multilingual,
                                                   task="transcribe", language=language)
        return self._tokenizers[language]

    def decode(self, pcm: bytes, language: str, prompt: str, context: str, *,
               urgent: bool = False) -> RecognitionResult:
        """One closed segment (at most 30 s): encode, beam search, align; times from its start.

        ``urgent``: the encoder hears the segment and 5 s of silence instead of Whisper's whole
        30 s window (see the module).
        """
        from faster_whisper.audio import pad_or_trim
        from faster_whisper.transcribe import get_suppressed_tokens, merge_punctuations

        samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
        duration_s = samples.size / 16000
        if duration_s < 0.1:
            return EMPTY_RESULT
        tokenizer = self.tokenizer(language)
        extractor = self.model.feature_extractor
        features = extractor(samples)
        frames = min(features.shape[-1] - 1, extractor.nb_max_frames)
        window = extractor.nb_max_frames
        if urgent:
            window = min(window, frames + round(URGENT_SILENCE_S / extractor.time_per_frame))
        encoded = self.model.encode(pad_or_trim(features[:, :frames], window))
        start = self.model.get_prompt(tokenizer, self._prompt_tokens(tokenizer, prompt, context),
                                      without_timestamps=True)
        max_new = int(TOKENS_PER_S * duration_s) + 16
        result = self.model.model.generate(
            encoded, [start], beam_size=self.beam_size, patience=1.0, length_penalty=1.0,
            max_length=min(self.model.max_length, len(start) + max_new), return_scores=True,
            return_no_speech_prob=True, suppress_blank=True,
            suppress_tokens=get_suppressed_tokens(tokenizer, [-1]))[0]
        tokens = [t for t in result.sequences_ids[0] if t < tokenizer.eot]
        if not tokens or (result.no_speech_prob > NO_SPEECH_PROB and result.scores[0] < LOW_LOGPROB):
            return EMPTY_RESULT
        text = tokenizer.decode(tokens).strip()
        try:
            alignment = self.model.find_alignment(tokenizer, [tokens], encoded, frames)[0]
        except (IndexError, ValueError) as exc:  # faster-whisper fails on some one-token segments
            log.debug("Whisper word alignment failed (%s); times spread over the segment", exc)
            alignment = _spread(tokenizer.split_to_word_tokens([*tokens, tokenizer.eot])[0][:-1], duration_s)
        merge_punctuations(alignment, _PREPEND, _APPEND)
        return RecognitionResult(tuple(_words(alignment, duration_s)), text)

    def _prompt_tokens(self, tokenizer: Any, prompt: str, context: str) -> list[int]:
        """Terms and the filler sentence, then the answer so far; the earliest terms go when too long."""
        limit = self.model.max_length // 2 - 1  # what get_prompt keeps of them
        earlier = tokenizer.encode(" " + context.strip())[-CONTEXT_TOKENS:] if context.strip() else []
        fixed = tokenizer.encode(" " + prompt.strip()) if prompt.strip() else []
        room = limit - len(earlier)
        return [*(fixed[-room:] if room > 0 else []), *earlier]

    def __repr__(self) -> str:
        return f"_WhisperEngine(device={self.device!r}, beam_size={self.beam_size})"


def _words(alignment: list[dict[str, Any]], duration_s: float) -> list[RecognizedWord]:
    """Whisper's words without edge punctuation (the analysis counts "ähm", not "Ähm,")."""
    words = []
    for entry in alignment:
        word = _EDGE_PUNCTUATION.sub("", str(entry["word"]).strip())
        if not word:
            continue
        start = round(min(max(float(entry["start"]), 0.0), duration_s), 3)
        end = round(min(max(float(entry["end"]), start), duration_s), 3)
        conf = round(min(1.0, max(0.0, float(entry["probability"]))), 3)
        words.append(RecognizedWord(word, start, end, conf))
    return words


def _spread(words: list[str], duration_s: float) -> list[dict[str, Any]]:
    """Word entries spread over the segment by length, when alignment fails."""
    total = sum(max(1, len(w.strip())) for w in words) or 1
    entries, at = [], 0.0
    for word in words:
        length = duration_s * max(1, len(word.strip())) / total
        entries.append({"word": word, "tokens": [], "start": at, "end": at + length, "probability": 0.0})
        at += length
    return entries
