"""Speech for the whole station: voices out, words in, and the processes and files behind them.

Out: ``synthesis`` (the interface), ``pyttsx3_synthesizer`` with its worker process, the disk
``speech_cache``, ``speech_out`` (cache in front of the synthesizer), ``station_speech`` (voices
of the content's languages resolved), ``clip`` and ``playback``/``sounddevice_player``.
In: ``recognition`` (the interface), ``whisper_recognizer`` with ``segmented_stream`` (Whisper
decoded segment by segment while the visitor speaks), ``vosk_recognizer``,
``pocketsphinx_recognizer`` with its worker process, ``backends`` (which recognizer for a
language) and ``recognizer_settings`` (station.yaml's choice), ``models`` with
``model_catalog`` and ``model_files`` (the model manager), ``sources``/``microphone`` (audio
in), ``endpoint`` (where an answer ends),
``dictation`` (a spoken comment), ``transcribe`` (a whole recording), ``transcript`` (words with
timings). ``devices`` plays and records for calibration; ``audio`` holds PCM helpers;
``worker_process`` runs an engine in a child process (pyttsx3 and PocketSphinx do).

The interfaces import no speech library; each backend imports its own, only when chosen. This
package imports nothing above calibration and the catalog.
"""
