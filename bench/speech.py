"""Speech benchmark: synthesis (cold and cached), recognition speed, turn latency.

    .venv/bin/python bench/speech.py --json

- ``tts_cold_ms``: median wall time per question from request to audio, empty cache (the
  pyttsx3 worker process already running), German questions of the first occupation;
- ``tts_cached_ms``: the same with every question in the disk cache;
- ``asr_rtf``: recognizer real-time factor (processing time / audio time, lower is faster) for
  each backend available here: PocketSphinx always, Vosk per installed model, on espeak-ng
  speech fed in 0.1 s chunks as fast as possible;
- ``turn_latency_p95_ms``: the 95th percentile, over the turns of a whole interview, from the
  moment the audio that completes the end-of-answer silence (1.5 s after the last word)
  arrives at the session to the moment the app's 90 Hz frame loop receives the next
  question's audio. The candidate's answers are espeak-ng speech fed in real time in 20 ms
  blocks, as a microphone delivers them; questions are cached. The 1.5 s silence itself is
  the designed wait, not latency, and is not counted. Goal: ≤ 500 ms.
- ``poll_max_ms``: the longest ``InterviewSession.poll()`` call on the frame loop.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

# Run as a script, bench/ is first on sys.path and bench/scenes.py would hide the top-level
# scenes package (which the content check imports); the repository comes first instead.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from catalog import load_catalog
from interview_engine.preparation import prepare_interview
from interview_engine.session import EndAction, InterviewSession, ListenAction, SayAction
from speech.audio import read_wav, resample, silence
from speech.backends import station_speech_out
from speech.pocketsphinx_recognizer import PocketSphinxRecognizer
from speech.recognition import Recognizer
from speech.synthesis import pick_voice
from speech.vosk_models import ModelManager
from timebase import MonotonicClock
from vr_station.config import load_config

ANSWERS_EN = [
    "Yes, thank you. I found you easily, the bus stops right outside.",
    "I finished school last summer and I did an internship in a restaurant kitchen.",
    "Hygiene protects the guests. I wash my hands often and I check the cold room.",
    "Once we had a big party with one hundred guests, and in the end the chef was happy.",
    "My strengths are that I stay calm under pressure and I like working in a team.",
    "I would like to know how the training at vocational school is organised.",
    "Thank you very much, I would love to come for a trial day.",
]
ANSWERS_DE = [
    "Ich habe im Praktikum in einer Restaurantküche gearbeitet und viel über Hygiene gelernt.",
    "Einmal hatten wir eine große Feier, und am Ende waren alle Gäste zufrieden.",
]
FRAME_S = 1 / 90
BLOCK_S = 0.02


def espeak(text: str, voice: str) -> bytes:
    """``text`` spoken by espeak-ng with ``voice``, as 16 kHz 16-bit mono PCM."""
    wav = subprocess.run(["espeak-ng", "-v", voice, "-s", "140", "--stdout", text],
                         check=True, capture_output=True).stdout
    clip = read_wav(wav)
    return resample(clip.pcm, clip.sample_rate_hz, 16000)


def bench_tts(catalog, cache_dir: Path) -> tuple[float, float]:
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


def rtf(recognizer: Recognizer, pcm: bytes) -> float:
    """The recognizer's real-time factor on ``pcm`` (16 kHz), fed in 0.1 s chunks."""
    stream = recognizer.start_answer()
    started = time.perf_counter()
    for i in range(0, len(pcm), 3200):
        stream.accept(pcm[i:i + 3200])
    stream.finish()
    return (time.perf_counter() - started) / (len(pcm) / 32000)


def bench_asr(catalog, models_dir: Path) -> dict[str, float]:
    """The real-time factor of each recognizer available here, by backend and language."""
    english = b"".join(espeak(t, "en-us") + silence(0.5, 16000) for t in ANSWERS_EN[:4])
    german = b"".join(espeak(t, "de") + silence(0.5, 16000) for t in ANSWERS_DE)
    sphinx = PocketSphinxRecognizer()
    rtf(sphinx, silence(1.0, 16000))  # load the model outside the measurement
    result = {"pocketsphinx": round(rtf(sphinx, english), 3)}
    manager = ModelManager(models_dir)
    for code, language in catalog.languages.items():
        if language.vosk_model and manager.installed(language.vosk_model):
            from speech.vosk_recognizer import VoskRecognizer

            vosk = VoskRecognizer(manager.path(language.vosk_model), code)
            rtf(vosk, silence(1.0, 16000))
            result[f"vosk-{code}"] = round(rtf(vosk, german if code == "de" else english), 3)
    return result


def bench_turns(catalog, cache_dir: Path) -> tuple[list[float], float]:
    """One whole English interview: turn latencies and the longest ``poll()``, in milliseconds."""
    out = station_speech_out(cache_dir)
    voice = pick_voice(out.synthesizer.voices(), catalog.languages["en"].tts_voices)
    occupation_id = next(iter(catalog.occupations))
    setup = prepare_interview(catalog, occupation_id, "en", persona_id="friendly", seed=3, voice=voice,
                              recognizer="pocketsphinx")
    recognizer = PocketSphinxRecognizer()
    rtf(recognizer, silence(1.0, 16000))
    session = InterviewSession(setup, out, recognizer=recognizer, clock=MonotonicClock())
    for text in session.speech_texts():  # "with cached questions"
        out.speak(text, voice, setup.dialogue.persona.speech_rate_wpm)
    answers = [espeak(t, "en-us") for t in ANSWERS_EN]
    listening = threading.Event()
    stop = threading.Event()

    listens = [0]

    def microphone() -> None:
        """Real-time 20 ms blocks: one answer per listen, then a quiet room."""
        answered = 0
        queue: list[bytes] = []
        tick = time.perf_counter()
        while not stop.is_set():
            if listening.is_set() and answered < listens[0] and answered < len(answers):
                pcm = silence(0.3, 16000) + answers[answered]
                answered = listens[0]
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
                    listens[0] += 1
                    listening.set()
                elif isinstance(action, ListenAction):
                    listening.clear()
                elif isinstance(action, EndAction):
                    ended = True
            time.sleep(max(0.0, FRAME_S - (time.perf_counter() - frame)))
    finally:
        stop.set()
        session.close()
        out.close()
    latencies = [(received[uid] - fed) * 1000 for fed, uid in session.stats.answer_ends
                 if uid in received]
    return latencies, poll_max * 1000


def main() -> int:
    """Run the speech benchmarks and print the figures (``--json`` for JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    config = load_config()
    catalog, _ = load_catalog(config.paths.content_dir)
    with tempfile.TemporaryDirectory(prefix="vr-station-bench-") as tmp:
        cold, cached = bench_tts(catalog, Path(tmp) / "tts")
        asr = bench_asr(catalog, config.paths.models_dir)
        latencies, poll_max = bench_turns(catalog, Path(tmp) / "turns")
    p95 = statistics.quantiles(latencies, n=20, method="inclusive")[-1] if len(latencies) > 1 else \
        (latencies[0] if latencies else None)
    figures = {
        "tts_cold_ms": round(cold, 1),
        "tts_cached_ms": round(cached, 1),
        "asr_rtf": asr,
        "turn_latency_p95_ms": None if p95 is None else round(p95, 1),
        "turn_latency_ms": [round(v, 1) for v in latencies],
        "poll_max_ms": round(poll_max, 2),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:<22} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
