"""Recognizer choice: station.yaml's model, else the best installed one (Whisper or Vosk), else
PocketSphinx for English, else typed; never a recognizer of another language."""

from __future__ import annotations

import pytest

from speech.backends import Backend, LanguageRecognizer, SpeechSettings, choose_recognizer
from speech.pocketsphinx_recognizer import PocketSphinxRecognizer
from speech.recognition import RecognizerError
from speech.recognizer_settings import WhisperSettings
from speech.vosk_recognizer import VoskRecognizer
from speech.whisper_recognizer import WhisperRecognizer, whisper_supports

PROMPT = "Ähm, also, äh, genau."


def install_fake_model(models_dir, name):
    """A model folder with the files its engine needs (empty: it cannot load)."""
    path = models_dir / name
    files = ("model.bin", "config.json", "tokenizer.json", "vocabulary.json") if name.startswith("whisper") \
        else ("am/final.mdl", "conf/model.conf", "graph/HCLG.fst")
    for file in files:
        (path / file).parent.mkdir(parents=True, exist_ok=True)
        (path / file).write_bytes(b"x")
    return path


def choose(language, models_dir, want=Backend.AUTO, **kwargs):
    names = {"de": "German", "en": "English", "ko": "Korean"}
    vosk = {"de": "vosk-model-small-de-0.15", "en": "vosk-model-small-en-us-0.15"}.get(language)
    return choose_recognizer(language, names.get(language, language), vosk, models_dir, want,
                             recognition_prompt=PROMPT, **kwargs)


def test_nothing_installed_english_falls_back_to_pocketsphinx_with_a_notice(tmp_path):
    choice = choose("en", tmp_path)
    assert choice.backend == Backend.POCKETSPHINX
    assert isinstance(choice.recognizer, PocketSphinxRecognizer)
    assert choice.notice == "recognizer_limited"
    assert "vr-station models fetch whisper-base" in choice.message and "PocketSphinx" in choice.message


def test_nothing_installed_german_is_typed_never_english(tmp_path):
    for want in (Backend.AUTO, Backend.WHISPER, Backend.VOSK, Backend.POCKETSPHINX):
        choice = choose("de", tmp_path, want)
        assert choice.backend == Backend.TYPED and choice.recognizer is None
        assert choice.notice == "recognizer_typed"
    assert "No Whisper speech model for German" in choose("de", tmp_path).message
    vosk = choose("de", tmp_path, Backend.VOSK).message
    assert "No Vosk speech model for German" in vosk and "models fetch vosk-model-small-de-0.15" in vosk
    assert "only recognizes English" in choose("de", tmp_path, Backend.POCKETSPHINX).message


def test_the_bundled_whisper_serves_every_language_it_knows(tmp_path):
    path = install_fake_model(tmp_path, "whisper-base")
    for language in ("de", "en", "tr", "uk", "ar"):
        choice = choose(language, tmp_path)
        assert choice.backend == Backend.WHISPER and choice.notice is None and choice.message is None
        recognizer = choice.recognizer
        assert isinstance(recognizer, WhisperRecognizer) and recognizer.model_dir == path
        assert recognizer.language == language and recognizer.recognition_prompt == PROMPT
        assert recognizer.device is None  # loaded on the first answer, not now
    assert not whisper_supports("ti")  # Tigrinya: Whisper was not trained on it
    assert choose("ti", tmp_path).backend == Backend.TYPED


def test_a_vosk_model_ranks_above_whisper_base_and_below_larger_whisper(tmp_path):
    install_fake_model(tmp_path, "whisper-base")
    vosk_path = install_fake_model(tmp_path, "vosk-model-small-de-0.15")
    choice = choose("de", tmp_path)
    assert choice.backend == Backend.VOSK and isinstance(choice.recognizer, VoskRecognizer)
    assert choice.recognizer.model_dir == vosk_path
    assert choose("en", tmp_path).backend == Backend.WHISPER  # no English Vosk model
    install_fake_model(tmp_path, "whisper-small")
    assert choose("de", tmp_path).recognizer.model == "whisper-small"
    assert choose("de", tmp_path, Backend.VOSK).backend == Backend.VOSK


def test_station_yaml_names_the_engine_and_model_per_language(tmp_path):
    install_fake_model(tmp_path, "whisper-base")
    install_fake_model(tmp_path, "whisper-small")
    install_fake_model(tmp_path, "vosk-model-small-de-0.15")
    speech = SpeechSettings(
        recognizers={"de": LanguageRecognizer(Backend.WHISPER, "whisper-base"),
                     "en": LanguageRecognizer(Backend.POCKETSPHINX)},
        whisper=WhisperSettings(device="cpu", beam_size=1))
    german = choose("de", tmp_path, speech=speech)
    assert german.recognizer.model == "whisper-base" and german.message is None
    assert german.recognizer.settings.beam_size == 1
    english = choose("en", tmp_path, speech=speech)
    assert english.backend == Backend.POCKETSPHINX and english.notice is None
    # The command line's --backend wins over station.yaml.
    assert choose("de", tmp_path, Backend.VOSK, speech=speech).backend == Backend.VOSK


def test_a_configured_model_that_is_missing_or_of_another_language_is_replaced_and_said(tmp_path):
    install_fake_model(tmp_path, "whisper-base")
    missing = SpeechSettings(recognizers={"de": LanguageRecognizer(Backend.WHISPER, "whisper-medium")})
    choice = choose("de", tmp_path, speech=missing)
    assert choice.recognizer.model == "whisper-base"
    assert "'whisper-medium' that station.yaml names for German is not installed" in choice.message
    assert "Using whisper-base instead." in choice.message
    korean = SpeechSettings(recognizers={"de": LanguageRecognizer(Backend.VOSK, "vosk-model-small-ko-0.22")})
    install_fake_model(tmp_path, "vosk-model-small-ko-0.22")
    choice = choose("de", tmp_path, speech=korean)
    assert "does not recognize German" in choice.message and choice.backend == Backend.TYPED


def test_typed_is_always_typed(tmp_path):
    install_fake_model(tmp_path, "whisper-base")
    choice = choose("de", tmp_path, Backend.TYPED)
    assert choice.backend == Backend.TYPED and choice.notice is None and choice.message is None


def test_broken_models_are_a_clear_error_on_first_use(tmp_path):
    install_fake_model(tmp_path, "vosk-model-small-de-0.15")
    with pytest.raises(RecognizerError, match=r"Vosk cannot load the model .* models verify"):
        choose("de", tmp_path, Backend.VOSK).recognizer.start_answer()
    install_fake_model(tmp_path, "whisper-base")
    with pytest.raises(RecognizerError, match=r"Whisper cannot load the model .* models verify"):
        choose("de", tmp_path, Backend.WHISPER).recognizer.start_answer()
