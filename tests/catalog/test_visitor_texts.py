"""What a visitor reads or hears names no speech engine and no model: "Spracherkennung" is the
word; which engine and which model recognise a language is for staff (logs, the command line).

Every text of the shipped content is scanned (interface texts, the interview's phrases, notices,
tips and report labels, the feedback chips, the personas, the occupations and workplaces whose
texts are spoken on tours); tests/interview_engine/test_report.py checks the printed report of a
spoken interview, whose record names the engine."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from catalog.yaml_loader import load_yaml_file
from speech.backends import Backend
from tests.conftest import CONTENT

ENGINE_WORDS = {b.value for b in Backend} - {Backend.AUTO.value, Backend.TYPED.value} | {
    "vosk", "pocketsphinx", "sphinx", "whisper", "faster-whisper", "kaldi", "ctranslate2"}
"""Every recognizer the station can choose, and the names of what is inside them."""
FORBIDDEN = re.compile("|".join([*(rf"\b{re.escape(w)}\b" for w in sorted(ENGINE_WORDS)),
                                 r"modell", r"\bmodels?\b"]), re.IGNORECASE)
"""German "Modell" also inside a word (Sprachmodell); English "model" as a word."""
STAFF_ONLY = {("languages.yaml", "speech")}
"""Staff's configuration, never shown: the models and synthesizer voices of each language."""
NEVER_SHOWN = {"cues"}
"""Keys whose words are only matched against what the visitor said, never shown ("whisper*" is
a cue of an answer about speaking quietly to a patient)."""


def visitor_texts(data: Any, file: str, path: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    """(where, text) for every string value in a content document, skipping staff-only parts."""
    if isinstance(data, dict):
        for key, value in data.items():
            if (file, str(key)) not in STAFF_ONLY and key not in NEVER_SHOWN:
                # The key too: staff who edit a notice read it, and it says what the notice is
                # about (a fallback recognizer), not which engine it was at the time.
                yield f"{file}: {'.'.join(path)} (key)", str(key).replace("_", " ")
                yield from visitor_texts(value, file, (*path, str(key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from visitor_texts(value, file, (*path, str(i)))
    elif isinstance(data, str):
        yield f"{file}: {'.'.join(path)}", data


def content_files() -> list[Path]:
    return sorted(CONTENT.rglob("*.yaml"))


def test_every_content_file_is_scanned():
    names = {str(p.relative_to(CONTENT)) for p in content_files()}
    assert {"ui/de.yaml", "ui/en.yaml", "interview.yaml", "feedback.yaml", "personas.yaml",
            "languages.yaml"} <= names
    assert any(n.startswith("occupations/") for n in names)


@pytest.mark.parametrize("path", content_files(), ids=lambda p: str(p.relative_to(CONTENT)))
def test_no_visitor_text_names_a_speech_engine_or_a_model(path: Path):
    document = load_yaml_file(path)
    name = str(path.relative_to(CONTENT))
    texts = list(visitor_texts(document.data, name))
    assert texts, f"{name}: no texts found"
    offenders = [(where, text) for where, text in texts if FORBIDDEN.search(text)]
    assert offenders == [], offenders


def test_the_scan_finds_what_it_looks_for():
    """The control: the old notices, which named the engines, would have been found."""
    old = ["Für Englisch ist kein Vosk-Sprachmodell installiert. Die Spracherkennung nutzt "
           "deshalb PocketSphinx und kann ungenauer sein.",
           "No Vosk speech model for English is installed.", "Whisper hört zu."]
    assert all(FORBIDDEN.search(text) for text in old)
    assert not FORBIDDEN.search("Auf Englisch versteht die Station gesprochene Antworten nicht ganz "
                                "so gut.")
