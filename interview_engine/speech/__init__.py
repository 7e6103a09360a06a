"""Speech out (synthesis, cache, playback) and speech in (recognizers, audio sources).

The interfaces (``synthesis``, ``recognition``, ``sources``, ``playback``) import no speech
library. Each backend lives in its own module and imports its library itself:
``pyttsx3_synthesizer``, ``vosk_recognizer``, ``pocketsphinx_recognizer``, ``microphone``,
``sounddevice_player``; ``vosk_models`` downloads models with httpx. ``backends`` picks a
recognizer and imports the chosen module only.
"""
