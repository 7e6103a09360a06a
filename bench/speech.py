"""Speech benchmark: synthesis, and per language recognition accuracy, speed and turn latency.

    .venv/bin/python bench/speech.py --json            # German and English
    .venv/bin/python bench/speech.py --json --lang de  # one language

Per language, with the recognizer the station would choose (Whisper base once installed:
``vr-station models fetch whisper-base``), on the benchmark's espeak-ng interview answers
(bench/data/interview_answers.yaml, 30 per language, 5–57 s; scoring: bench/speech_corpus.py):

- ``wer``: word error rate over all answers, each recognized as the station hears an answer
  (cut into segments at pauses, the occupation's terms in the prompt);
- ``filler_recall``: of the hesitations the station counts (äh, ähm …), the share recognized;
- ``rtf``: processing time / audio time over all answers (lower is faster);
- ``turn_latency_p95_ms``: the 95th percentile, over the turns of whole interviews, from the
  moment the audio that completes the end-of-answer silence (1.5 s after the last word)
  arrives at the session to the moment the app's 90 Hz frame loop receives the next
  question's audio. The answers (the corpus's, short, middle and long in turn) are fed in real
  time in 20 ms blocks, as a microphone delivers them; questions are cached. The 1.5 s
  silence itself is the designed wait, not latency. Goal: ≤ 500 ms.
- ``caption_first_s``: median time from the start of an answer to its first live caption.

Also ``tts_cold_ms``/``tts_cached_ms`` (median per German question from an empty cache, and
cached), ``asr_rtf`` of PocketSphinx (English) and of every installed Vosk model, and the
machine's load average while each part ran (the benchmark shares 2 cores with whatever else
runs: the load says how much of them it had).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

# Run as a script, bench/ is first on sys.path and bench/scenes.py would hide the top-level
# scenes package (which the content check imports); the repository comes first instead.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.speech_corpus import Answer, load_answers, score, speak
from catalog import load_catalog
from catalog.model import Catalog
from interview_engine.preparation import prepare_interview
from interview_engine.session import CaptionAction, EndAction, InterviewSession, ListenAction, SayAction
from speech.audio import silence
from speech.backends import choose_recognizer, station_speech_out
from speech.model_catalog import Engine
from speech.models import ModelManager
from speech.pocketsphinx_recognizer import PocketSphinxRecognizer
from speech.recognition import AnswerHints, Recognizer
from speech.synthesis import pick_voice
from timebase import MonotonicClock
from vr_station.config import StationConfig, load_config

FRAME_S = 1 / 90
BLOCK_S = 0.02
TURN_ANSWERS = ("-02", "-01", "-03")
"""Interview answers in turn: middle, short, long (ids end so), occupation after occupation."""
TURN_ANSWER_COUNT = 12
"""Answers per language in the real-time interviews (4 of each length: about 6 minutes)."""


def load() -> float:
    """The 1-minute load average (how busy the 2 shared cores were)."""
    return round(os.getloadavg()[0], 2)


def bench_tts(catalog: Catalog, cache_dir: Path) -> tuple[float, float]:
    """Median milliseconds per German question: with an empty cache, then cached."""
    occupation = next(iter(catalog.occupations.values()))
    texts = [q.text["de"] for q in occupation.questions.questions]
    out = station_speech_out(cache_dir)
    try:
        voice = pick_voice(out.synthesizer.voices(), catalog.languages["de"].tts_voices)
        out.speak("Aufwärmen.", voice, 160)  # start the worker process
        rounds = []
        for _ in range(2):
            times = []
            for text in texts:
                started = time.perf_counter()
                out.speak(text, voice, 160)
                times.append((time.perf_counter() - started) * 1000)
            rounds.append(statistics.median(times))
    finally:
        out.close()
    return rounds[0], rounds[1]


def rtf(recognizer: Recognizer, clips: list[bytes]) -> float:
    """The recognizer's real-time factor over ``clips`` (16 kHz), each an answer fed in 0.1 s chunks.

    One answer per clip, as the station feeds them: one stream over all of them would be an
    answer minutes long, whose final pass a worker on a busy machine does not finish within its
    per-answer limit (PocketSphinx: 30 s).
    """
    took_s = audio_s = 0.0
    for pcm in clips:
        stream = recognizer.start_answer()
        started = time.perf_counter()
        for i in range(0, len(pcm), 3200):
            stream.accept(pcm[i:i + 3200])
        stream.finish()
        took_s += time.perf_counter() - started
        audio_s += len(pcm) / 32000
    return took_s / audio_s


def bench_other_recognizers(answers: list[Answer], models_dir: Path) -> dict[str, float]:
    """PocketSphinx (English) and each installed Vosk model: real-time factor on a few answers."""
    english = [speak(a.text, "en") + silence(0.5, 16000)
               for a in answers if a.language == "en" and a.id.endswith("-01")]
    sphinx = PocketSphinxRecognizer()
    try:
        rtf(sphinx, [silence(1.0, 16000)])  # start the worker outside the measurement
        result = {"pocketsphinx-en": round(rtf(sphinx, english), 3)}
    finally:
        sphinx.close()
    manager = ModelManager(models_dir)
    for status in manager.status():
        if status.engine is Engine.VOSK and status.installed and status.languages:
            from speech.vosk_recognizer import VoskRecognizer

            code = status.languages[0]
            if code not in ("de", "en", "ko"):
                continue
            texts = [a.text for a in answers if a.language == code and a.id.endswith("-01")] or \
                ["저는 요리사가 되고 싶습니다", "창고에서 일 년 동안 일했습니다", "감사합니다"]
            vosk = VoskRecognizer(status.path, code)
            clips = [_speak_any(t, code) + silence(0.5, 16000) for t in texts]
            rtf(vosk, [silence(1.0, 16000)])
            result[f"vosk-{code}"] = round(rtf(vosk, clips), 3)
            vosk.close()
    return result


def _speak_any(text: str, language: str) -> bytes:
    if language in ("de", "en"):
        return speak(text, language)
    import subprocess

    from speech.audio import read_wav, resample

    wav = subprocess.run(["espeak-ng", "-v", language, "-s", "140", "--stdout", text], check=True,
                         capture_output=True).stdout
    clip = read_wav(wav)
    return resample(clip.pcm, clip.sample_rate_hz, 16000)


def bench_accuracy(catalog: Catalog, recognizer: Recognizer, answers: list[Answer],
                   details: list[dict[str, Any]]) -> dict[str, Any]:
    """Word error rate, filler recall and real-time factor over ``answers`` (one language)."""
    fillers = catalog.languages[answers[0].language].norms.fillers
    recognizer.start_answer().finish()  # load the model outside the measurement
    errors = words = filler_total = filler_heard = 0
    audio_s = decode_s = cpu_s = 0.0
    loads = [load()]
    for answer in answers:
        pcm = speak(answer.text, answer.language)
        terms = tuple(catalog.occupations[answer.occupation].terms.get(answer.language, ()))
        started, cpu_started = time.perf_counter(), time.process_time()
        result = recognizer.transcribe(pcm, AnswerHints(terms))
        took = time.perf_counter() - started
        cpu_s += time.process_time() - cpu_started
        scored = score(answer, result.text, fillers)
        errors += scored.errors
        words += scored.reference_words
        filler_total += scored.fillers
        filler_heard += scored.fillers_heard
        audio_s += len(pcm) / 32000
        decode_s += took
        details.append({"id": answer.id, "audio_s": round(len(pcm) / 32000, 2), "decode_s": round(took, 2),
                        "wer": round(scored.errors / scored.reference_words, 3),
                        "fillers": scored.fillers, "fillers_heard": scored.fillers_heard,
                        "text": result.text, "load": load()})
        loads.append(load())
    return {"answers": len(answers), "words": words, "wer": round(errors / words, 3),
            "filler_recall": round(filler_heard / filler_total, 3) if filler_total else None,
            "fillers": filler_total, "rtf": round(decode_s / audio_s, 3),
            "cpu_s_per_audio_s": round(cpu_s / audio_s, 3), "audio_s": round(audio_s, 1),
            "load": round(statistics.mean(loads), 2)}


def bench_turns(catalog: Catalog, language: str, recognizer: Recognizer, answers: list[Answer],
                cache_dir: Path, count: int) -> dict[str, Any]:
    """Whole interviews in ``language`` in real time: turn latencies, captions, the longest ``poll()``."""
    out = station_speech_out(cache_dir)
    voice = pick_voice(out.synthesizer.voices(), catalog.languages[language].tts_voices)
    occupations = list(dict.fromkeys(a.occupation for a in answers))
    ordered = sorted(answers, key=lambda a: (occupations.index(a.occupation), _length_rank(a)))[:count]
    spoken = [silence(0.3, 16000) + speak(a.text, language) for a in ordered]
    latencies: list[float] = []
    first_captions: list[float] = []
    poll_max = 0.0
    loads = [load()]
    recognizer.start_answer().finish()  # the model loads before the interview, as at a station
    next_answer = 0
    try:
        for occupation_id in catalog.occupations:
            if next_answer >= len(spoken):
                break
            result = _interview(catalog, occupation_id, language, recognizer, out, voice,
                                spoken[next_answer:])
            next_answer += result["answered"]
            latencies += result["latencies"]
            first_captions += result["first_captions"]
            poll_max = max(poll_max, result["poll_max"])
            loads.append(load())
    finally:
        out.close()
    p95 = statistics.quantiles(latencies, n=20, method="inclusive")[-1] if len(latencies) > 1 else \
        (latencies[0] if latencies else None)
    return {"turns": len(latencies), "answers_s": [round(len(p) / 32000, 1) for p in spoken],
            "turn_latency_p95_ms": None if p95 is None else round(p95, 1),
            "turn_latency_median_ms": round(statistics.median(latencies), 1) if latencies else None,
            "turn_latency_ms": [round(v, 1) for v in latencies],
            "caption_first_s": round(statistics.median(first_captions), 2) if first_captions else None,
            "poll_max_ms": round(poll_max * 1000, 2), "load": round(statistics.mean(loads), 2)}


def _length_rank(answer: Answer) -> int:
    suffix = answer.id[-3:]
    return TURN_ANSWERS.index(suffix) if suffix in TURN_ANSWERS else len(TURN_ANSWERS)


def _interview(catalog: Catalog, occupation_id: str, language: str, recognizer: Recognizer, out: Any,
               voice: str | None, answers: list[bytes]) -> dict[str, Any]:
    """One interview, the visitor answering with ``answers`` in turn in real time."""
    setup = prepare_interview(catalog, occupation_id, language, persona_id="friendly", seed=3, voice=voice,
                              recognizer=recognizer.name)
    session = InterviewSession(setup, out, recognizer=recognizer, clock=MonotonicClock())
    for text in session.speech_texts():  # "with cached questions"
        out.speak(text, voice, setup.dialogue.persona.speech_rate_wpm)
    listening = threading.Event()
    stop = threading.Event()
    listens = [0]
    answered = [0]
    answer_started: dict[int, float] = {}
    first_caption: dict[int, float] = {}

    def microphone() -> None:
        """Real-time 20 ms blocks: one answer per listen, then a quiet room."""
        queue: list[bytes] = []
        tick = time.perf_counter()
        while not stop.is_set():
            if listening.is_set() and answered[0] < listens[0] and answered[0] < len(answers):
                pcm = answers[answered[0]]
                answered[0] = listens[0]
                answer_started[answered[0]] = time.perf_counter()
                queue = [pcm[i:i + 640] for i in range(0, len(pcm), 640)]
            if not listening.is_set():
                queue = []
            session.feed_audio(queue.pop(0) if queue else bytes(640), 16000)
            tick += BLOCK_S
            time.sleep(max(0.0, tick - time.perf_counter()))

    feeder = threading.Thread(target=microphone, daemon=True)
    received: dict[int, float] = {}
    poll_max = 0.0
    session.start()
    feeder.start()
    try:
        ended = False
        while not ended:
            frame = time.perf_counter()
            actions = session.poll()
            poll_max = max(poll_max, time.perf_counter() - frame)
            for action in actions:
                if isinstance(action, SayAction):
                    received[action.utterance_id] = time.perf_counter()
                    session.playback_finished(action.utterance_id)  # the app "plays" at once
                elif isinstance(action, ListenAction) and action.active:
                    if answered[0] >= len(answers):
                        session.wrap_up()
                    listens[0] += 1
                    listening.set()
                elif isinstance(action, ListenAction):
                    listening.clear()
                elif isinstance(action, CaptionAction) and not action.final and action.text:
                    first_caption.setdefault(answered[0], time.perf_counter())
                elif isinstance(action, EndAction):
                    ended = True
            time.sleep(max(0.0, FRAME_S - (time.perf_counter() - frame)))
    finally:
        stop.set()
        session.close()
    latencies = [(received[uid] - fed) * 1000 for fed, uid in session.stats.answer_ends if uid in received]
    firsts = [first_caption[n] - answer_started[n] for n in first_caption if n in answer_started]
    return {"answered": min(answered[0], len(answers)), "latencies": latencies, "first_captions": firsts,
            "poll_max": poll_max}


KOREAN_ANSWER = ("저는 요리사가 되고 싶습니다. 창고에서 일 년 동안 일했습니다. "
                 "저는 팀에서 일하는 것을 좋아합니다. 감사합니다. 다음 주에 다시 오겠습니다.")
CAPTION_ROUNDS = 2


def bench_captions(models_dir: Path, config: StationConfig) -> dict[str, Any] | None:
    """Live captions from Whisper's segments, or from Vosk's partials with Whisper's final words.

    Only Korean has both a Vosk and a Whisper model here. The answer is fed in real time; per
    way: when the first caption came (s after the answer's start), how often it changed, and
    the turn latency (end-of-answer silence complete → Whisper's final words).
    """
    from speech.endpoint import EndOfAnswerDetector, EndpointEvent
    from speech.vosk_recognizer import VoskRecognizer
    from speech.whisper_recognizer import WhisperRecognizer

    manager = ModelManager(models_dir)
    vosk_model = manager.best_installed(Engine.VOSK, "ko")
    whisper_model = manager.best_installed(Engine.WHISPER, "ko")
    if vosk_model is None or whisper_model is None:
        return None
    pcm = silence(0.3, 16000) + _speak_any(KOREAN_ANSWER, "ko") + silence(2.0, 16000)
    whisper = WhisperRecognizer(manager.path(whisper_model.name), "ko", settings=config.speech.whisper)
    vosk = VoskRecognizer(manager.path(vosk_model.name), "ko")
    runs: dict[str, list[tuple[float, int, float]]] = {"whisper": [], "vosk+whisper": []}
    try:
        whisper.start_answer().finish()
        vosk.start_answer().finish()
        for _ in range(CAPTION_ROUNDS):
            for way in runs:
                words = whisper.start_answer()
                captions = vosk.start_answer() if way == "vosk+whisper" else None
                detector = EndOfAnswerDetector()
                first, updates, ended = None, 0, 0.0
                started = tick = time.perf_counter()
                for i in range(0, len(pcm), 640):
                    chunk = pcm[i:i + 640]
                    heard = words.accept(chunk)
                    if captions is not None:
                        heard = captions.accept(chunk)
                    if heard:
                        updates += 1
                        first = first if first is not None else time.perf_counter() - started
                    if detector.update((i + 640) / 32000, chunk, 16000) == EndpointEvent.ANSWER_ENDED:
                        ended = time.perf_counter()
                        break
                    tick += BLOCK_S
                    time.sleep(max(0.0, tick - time.perf_counter()))
                words.finish()
                latency = time.perf_counter() - ended
                if captions is not None:
                    captions.finish()
                runs[way].append((first if first is not None else float("nan"), updates, latency))
    finally:
        whisper.close()
        vosk.close()
    return {way: {"first_caption_s": round(statistics.median(r[0] for r in rows), 2),
                  "caption_updates": round(statistics.median(r[1] for r in rows)),
                  "turn_latency_ms": round(1000 * statistics.median(r[2] for r in rows), 1)}
            for way, rows in runs.items()} | {"answer_s": round(len(pcm) / 32000 - 2.0, 1), "load": load()}


def bench_language(catalog: Catalog, config: StationConfig, language: str, answers: list[Answer],
                   cache_dir: Path, turns: int, details: list[dict[str, Any]]) -> dict[str, Any]:
    """Accuracy, speed and turn latency of the recognizer the station chooses for ``language``."""
    lang = catalog.languages[language]
    choice = choose_recognizer(language, lang.names.get("en", language), lang.vosk_model,
                               config.paths.models_dir, speech=config.speech,
                               recognition_prompt=lang.recognition_prompt)
    if choice.recognizer is None:
        return {"recognizer": "typed", "problem": choice.message}
    recognizer = choice.recognizer
    figures: dict[str, Any] = {"recognizer": recognizer.name, "model": recognizer.model}
    try:
        if answers:
            figures.update(bench_accuracy(catalog, recognizer, answers, details))
        if turns:
            everything = [a for a in load_answers() if a.language == language]
            figures["turns"] = bench_turns(catalog, language, recognizer, everything, cache_dir, turns)
    finally:
        recognizer.close()
    return figures


def main() -> int:
    """Run the speech benchmarks and print the figures (``--json`` for JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--lang", action="append", choices=("de", "en"),
                        help="only this language (again for more; default: de and en)")
    parser.add_argument("--answers", type=int, metavar="N",
                        help="word error rate etc. on the first N answers per language (default: all 30)")
    parser.add_argument("--turns", type=int, metavar="N", default=TURN_ANSWER_COUNT,
                        help="answers in the real-time interviews per language "
                             f"(default {TURN_ANSWER_COUNT}; 0: none)")
    parser.add_argument("--details", type=Path, metavar="FILE", help="write each answer's figures here")
    parser.add_argument("--captions", action="store_true",
                        help="also compare live captions from Vosk with Whisper's (Korean models)")
    args = parser.parse_args()
    config = load_config()
    catalog, _ = load_catalog(config.paths.content_dir)
    corpus = load_answers()
    languages = args.lang or ["de", "en"]
    details: list[dict[str, Any]] = []
    figures: dict[str, Any] = {"load_start": load(), "cores": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="vr-station-bench-") as tmp:
        cold, cached = bench_tts(catalog, Path(tmp) / "tts")
        figures.update(tts_cold_ms=round(cold, 1), tts_cached_ms=round(cached, 1))
        figures["asr_rtf"] = bench_other_recognizers(corpus, config.paths.models_dir)
        for language in languages:
            answers = [a for a in corpus if a.language == language][:args.answers]
            figures[language] = bench_language(catalog, config, language, answers, Path(tmp) / language,
                                               args.turns, details)
        if args.captions:
            figures["captions_ko"] = bench_captions(config.paths.models_dir, config)
    figures["load_end"] = load()
    if args.details:
        args.details.write_text(json.dumps(details, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:<16} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
