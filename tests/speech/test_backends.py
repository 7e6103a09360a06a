"""Recognizer choice: Vosk when its model is there, else PocketSphinx for English, else typed;
never a recognizer of another language."""

from __future__ import annotations

from speech.backends import Backend, choose_recognizer
from speech.pocketsphinx_recognizer import PocketSphinxRecognizer
from speech.vosk_recognizer import VoskRecognizer


def install_fake_model(models_dir, name):
    path = models_dir / name
    for file in ("am/final.mdl", "conf/model.conf", "graph/HCLG.fst"):
        (path / file).parent.mkdir(parents=True, exist_ok=True)
        (path / file).write_bytes(b"x")
    return path


def test_missing_english_model_falls_back_to_pocketsphinx_with_a_notice(tmp_path):
    choice = choose_recognizer("en", "English", "vosk-model-small-en-us-0.15", tmp_path)
    assert choice.backend == Backend.POCKETSPHINX
    assert isinstance(choice.recognizer, PocketSphinxRecognizer)
    assert choice.notice == "recognizer_pocketsphinx"
    assert choice.message is not None and "vr-station models fetch en" in choice.message
    assert "PocketSphinx" in choice.message


def test_missing_german_model_falls_back_to_typed_answers_never_to_english(tmp_path):
    for want in (Backend.AUTO, Backend.VOSK, Backend.POCKETSPHINX):
        choice = choose_recognizer("de", "German", "vosk-model-small-de-0.15", tmp_path, want)
        assert choice.backend == Backend.TYPED and choice.recognizer is None
        assert choice.notice == "recognizer_typed"
    auto = choose_recognizer("de", "German", "vosk-model-small-de-0.15", tmp_path)
    assert "No Vosk speech model for German" in auto.message
    assert "vr-station models fetch de" in auto.message
    forced = choose_recognizer("de", "German", "vosk-model-small-de-0.15", tmp_path, Backend.POCKETSPHINX)
    assert "only recognizes English" in forced.message


def test_an_installed_model_is_used_and_loaded_only_later(tmp_path):
    path = install_fake_model(tmp_path, "vosk-model-small-de-0.15")
    choice = choose_recognizer("de", "German", "vosk-model-small-de-0.15", tmp_path)
    assert choice.backend == Backend.VOSK and choice.notice is None and choice.message is None
    assert isinstance(choice.recognizer, VoskRecognizer) and choice.recognizer.model_dir == path
    assert choice.recognizer._model is None


def test_pocketsphinx_can_be_chosen_for_english_even_with_a_vosk_model(tmp_path):
    install_fake_model(tmp_path, "vosk-model-small-en-us-0.15")
    choice = choose_recognizer("en", "English", "vosk-model-small-en-us-0.15", tmp_path,
                               Backend.POCKETSPHINX)
    assert choice.backend == Backend.POCKETSPHINX and choice.notice is None


def test_a_broken_vosk_model_is_a_clear_error_on_first_use(tmp_path):
    import pytest

    from speech.recognition import RecognizerError

    install_fake_model(tmp_path, "vosk-model-small-de-0.15")
    choice = choose_recognizer("de", "German", "vosk-model-small-de-0.15", tmp_path)
    with pytest.raises(RecognizerError, match=r"Vosk cannot load the model .* models verify"):
        choice.recognizer.start_answer()
