"""Visitor languages beyond the inline ones: translation overlays, their checks and the German fallback.

German and English stay inline in the content files (``{de: ..., en: ...}``). Every further
language lives in ``translations/<code>/`` in files that mirror their base file
(/work/notes/translation-format.md): a localized map becomes this language's value, a list of
objects with an ``id`` becomes a mapping by id, and the interview (``interview``, ``terms``) is
left out. Of content/interview.yaml only the report's texts are translated (``TRANSLATED_ONLY``):
the interviewer's words stay German, while the visitor reads the explanations in their language.
An overlay with any problem is left out whole, so its language falls back to German for that
file, and the station keeps running.

A text that no overlay (and no inline entry) gives falls back to German *visibly*: it carries
``FALLBACK_MARK`` in front, and is a ``FallbackText`` so that speech can tell it apart and speak
it with the German voice.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from catalog.placeholders import placeholders
from catalog.problems import ContentError, Problem
from catalog.schema import check_schema, dotted, localized_paths
from catalog.yaml_loader import JsonPath, YamlDocument, load_yaml_file

TRANSLATIONS_DIR = "translations"

OVERLAID = {"occupations": "occupation", "workplaces": "workplace", "tasks": "task"}
"""Folder of per-item base files → their schema; an overlay has the base file's name."""
OVERLAID_SHARED = {"feedback.yaml": "feedback", "personas.yaml": "personas",
                   "interview.yaml": "interview"}
"""Shared base files that have an overlay of the same name."""

HEADER = ("schema_version", "language", "review", "reviewed_by", "reviewed_on")
NOT_TRANSLATED = frozenset({"interview", "terms"})
"""Top-level keys that stay German/English: the interview prepares for a German interview."""
TRANSLATED_ONLY = {"interview": frozenset({"tips", "summary_tips", "praise", "notices", "report"})}
"""Schemas of which only these top-level keys are translated. In interview.yaml they are the
report's explanations and the notices a visitor reads; the interviewer's follow-ups, phrases,
cues and replies are the German interview the visitor practises."""

FALLBACK_LANGUAGE = "de"
FALLBACK_MARK = "[DE] "
"""Put before a German text shown in place of a missing translation. "DE" is the code visitors
know from passports and number plates, and plain ASCII so that every panel font has it; it says
"this is German" without claiming to be a translation."""


class Review(StrEnum):
    """How far a translation was checked (the ``review`` header of an overlay)."""

    MACHINE_ASSISTED = "machine-assisted"
    """Written with machine help, not yet checked by a native speaker."""
    REVIEWED = "reviewed"
    """A native speaker checked it."""

    @property
    def german(self) -> str:
        """The status as staff read it in ``content validate``."""
        return {Review.MACHINE_ASSISTED: "maschinell unterstützt",
                Review.REVIEWED: "von Muttersprachlern geprüft"}[self]


class FallbackText(str):
    """A German text standing in for a missing translation, with ``FALLBACK_MARK`` in front."""

    __slots__ = ()
    language = FALLBACK_LANGUAGE

    @classmethod
    def of(cls, german: str) -> FallbackText:
        """``german`` marked as a fallback."""
        return cls(FALLBACK_MARK + german)

    @property
    def unmarked(self) -> str:
        """The German text without the mark (to speak it)."""
        return str(self).removeprefix(FALLBACK_MARK)


def is_fallback(text: object) -> bool:
    """Whether ``text`` is German standing in for a missing translation."""
    return isinstance(text, FallbackText)


@dataclass(frozen=True)
class TranslationFile:
    """One overlay file that passed its checks, with its review status."""

    path: Path
    language: str
    review: Review
    reviewed_by: str | None = None
    reviewed_on: str | None = None


@dataclass(frozen=True)
class MissingText:
    """A text a language lacks; visitors see the German one, marked."""

    path: Path
    """The base file (or ui/<code>.yaml) the text belongs to."""
    where: str
    """Dotted path of the text in the overlay's structure (``tour.stops.welcome.narration``)."""
    to: Path
    """The file the translation belongs in (translations/<code>/…, ui/<code>.yaml)."""


@dataclass
class LanguageCoverage:
    """How complete one overlay language is: its files' review status and its missing texts."""

    language: str
    files: list[TranslationFile] = field(default_factory=list)
    missing: list[MissingText] = field(default_factory=list)
    texts: int = 0
    """Texts this language should have (the German ones it translates)."""

    @property
    def review(self) -> Review | None:
        """Reviewed only when every file is; None without any file."""
        if not self.files:
            return None
        reviewed = all(f.review is Review.REVIEWED for f in self.files)
        return Review.REVIEWED if reviewed else Review.MACHINE_ASSISTED


@dataclass
class Overlay:
    """A loaded overlay: its texts by the base document's path, once it passed its checks."""

    path: Path
    language: str
    file: TranslationFile | None
    texts: dict[JsonPath, Any]
    problems: list[Problem]


@dataclass(frozen=True)
class _Slot:
    """Where the base has a translatable text, and what the overlay must hold there."""

    base_path: JsonPath
    german: Any
    """The German text, or list for a localized list."""


def overlay_path(root: Path, language: str, base: Path, schema: str) -> Path | None:
    """Where the overlay of ``base`` in ``language`` lives, or None if the schema has none."""
    if schema in OVERLAID.values():
        return root / TRANSLATIONS_DIR / language / base.parent.name / base.name
    if base.name in OVERLAID_SHARED:
        return root / TRANSLATIONS_DIR / language / base.name
    return None


def slots(base: YamlDocument, schema: str) -> dict[JsonPath, _Slot]:
    """Every translatable text of ``base`` by its path in the overlay's structure."""
    found: dict[JsonPath, _Slot] = {}
    only = TRANSLATED_ONLY.get(schema)
    for path, kind in localized_paths(schema, base.data):
        if kind == "per_language_list" or (path and path[0] in NOT_TRANSLATED):
            continue
        if only is not None and (not path or path[0] not in only):
            continue
        texts = _get(base.data, path)
        if not isinstance(texts, dict) or FALLBACK_LANGUAGE not in texts:
            continue
        found[_overlay_key(base.data, path)] = _Slot(path, texts[FALLBACK_LANGUAGE])
    return found


def _overlay_key(data: Any, path: JsonPath) -> JsonPath:
    """The base path with each index into a list of objects with ids replaced by the id."""
    key: list[str | int] = []
    node = data
    for part in path:
        if isinstance(part, int) and isinstance(node, list) and isinstance(node[part], dict) \
                and isinstance(node[part].get("id"), str):
            key.append(node[part]["id"])
        else:
            key.append(part)
        node = node[part]
    return tuple(key)


def load_overlay(path: Path, folder_language: str, base: YamlDocument, schema: str,
                 declared: Iterable[str]) -> Overlay:
    """Read and check one overlay against its base; its texts only when it has no problem."""
    try:
        doc = load_yaml_file(path)
    except ContentError as exc:
        return Overlay(path, folder_language, None, {}, exc.problems)
    problems = check_schema(doc, "translation")
    data = doc.data if isinstance(doc.data, dict) else {}
    language = data.get("language")
    if isinstance(language, str) and not problems:
        if language != folder_language:
            problems.append(doc.problem(("language",), f"language: '{language}' must match the "
                                        f"folder (translations/{folder_language}/)"))
        elif language not in set(declared):
            problems.append(doc.problem(("language",), f"language: '{language}' is not declared "
                                        "in languages.yaml"))
    wanted = slots(base, schema)
    texts: dict[JsonPath, Any] = {}
    body = {k: v for k, v in data.items() if k not in HEADER}
    problems += _compare(doc, _tree(wanted), body, (), wanted, texts)
    if problems or not isinstance(doc.data, dict):
        return Overlay(path, folder_language, None, {}, problems)
    file = TranslationFile(path, folder_language, Review(data["review"]), data.get("reviewed_by"),
                           data.get("reviewed_on"))
    return Overlay(path, folder_language, file, texts, [])


def _tree(wanted: Mapping[JsonPath, _Slot]) -> dict[Any, Any]:
    """The overlay's expected structure as nested dicts; leaves are the overlay paths."""
    tree: dict[Any, Any] = {}
    for key in wanted:
        node = tree
        for part in key[:-1]:
            node = node.setdefault(part, {})
        node[key[-1]] = key
    return tree


def _compare(doc: YamlDocument, tree: Mapping[Any, Any], got: Any, at: JsonPath,
             wanted: Mapping[JsonPath, _Slot], texts: dict[JsonPath, Any]) -> list[Problem]:
    problems: list[Problem] = []
    if not isinstance(got, dict):
        return [doc.problem(at, f"{dotted(at)}: should be a mapping (key: value) like the base "
                            f"file, not {_describe(got)}")]
    for key, value in got.items():
        path = (*at, key)
        expected = tree.get(key)
        if expected is None:
            allowed = ", ".join(str(k) for k in tree) or "none"
            problems.append(doc.problem(path, f"{dotted(path)}: unknown key '{key}': the base "
                                        f"file has no text to translate there (expected: "
                                        f"{allowed})", key=True))
        elif isinstance(expected, dict):
            problems += _compare(doc, expected, value, path, wanted, texts)
        else:
            problem = _leaf_problem(wanted[expected].german, value)
            if problem:
                problems.append(doc.problem(path, f"{dotted(path)}: {problem}"))
            else:
                texts[wanted[expected].base_path] = value
    return problems


def _leaf_problem(german: Any, value: Any) -> str | None:
    if isinstance(german, list):
        if not isinstance(value, list):
            return f"should be a list of {len(german)} texts like the German one, not " \
                   f"{_describe(value)}"
        if len(value) != len(german):
            return (f"needs exactly {len(german)} entries, one for each German entry, "
                    f"has {len(value)}")
        for item in value:
            if not isinstance(item, str) or not item.strip():
                return "every entry must be a non-empty text"
        return None
    if not isinstance(value, str) or not value.strip():
        return f"should be a non-empty text, not {_describe(value)}"
    return _placeholder_problem(german, value)


def _placeholder_problem(german: Any, value: str) -> str | None:
    """A translation fills in the German text's {placeholders}, no more and no fewer.

    Else the report loses a figure, or shows "{wrods}" to the visitor.
    """
    try:
        wanted = placeholders(german) if isinstance(german, str) else set()
    except ValueError:  # the German text has literal braces, not placeholders
        return None
    try:
        got = placeholders(value)
    except ValueError:
        return "has an unbalanced '{' or '}'; a placeholder is written {name}"
    extra, lost = sorted(got - wanted), sorted(wanted - got)
    if extra:
        has = ", ".join(f"{{{n}}}" for n in sorted(wanted)) or "none"
        return (f"uses {', '.join(f'{{{n}}}' for n in extra)}, which the German text does not "
                f"have (it has: {has})")
    if lost:
        return f"leaves out {', '.join(f'{{{n}}}' for n in lost)} of the German text"
    return None


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    return f"{type(value).__name__} {value!r}"[:60]


def merged(root: Path, base: YamlDocument, schema: str, languages: Iterable[str],
           overlays: Mapping[str, Overlay]) -> tuple[YamlDocument, dict[str, list[MissingText]]]:
    """``base`` with each of ``languages`` filled in: inline, else from its overlay, else German, marked.

    Returns the merged document and, per language, the texts that fell back to German.
    """
    data = copy.deepcopy(base.data)
    missing: dict[str, list[MissingText]] = {}
    for key, slot in slots(base, schema).items():
        texts = _get(data, slot.base_path)
        for language in languages:
            if language in texts:
                continue
            overlay = overlays.get(language)
            value = overlay.texts.get(slot.base_path) if overlay is not None else None
            if value is None:
                value = _fallback(slot.german)
                to = overlay_path(root, language, base.path, schema) or base.path
                missing.setdefault(language, []).append(MissingText(base.path, dotted(key), to))
            texts[language] = value
    document = YamlDocument(base.path, data, base.value_positions, base.key_positions)
    return document, missing


def _fallback(german: Any) -> Any:
    if isinstance(german, list):
        return [FallbackText.of(item) for item in german]
    return FallbackText.of(german)


def overlay_files(root: Path) -> Iterator[tuple[str, Path]]:
    """Every YAML file below ``translations/``, with the language folder it lies in."""
    directory = root / TRANSLATIONS_DIR
    if not directory.is_dir():
        return
    for folder in sorted(directory.iterdir()):
        if folder.is_dir() and not folder.name.startswith("."):
            for path in sorted(folder.rglob("*.y*ml")):
                if not any(p.startswith(".") or p.endswith("~") for p in path.parts):
                    yield folder.name, path


def _get(data: Any, path: JsonPath) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data
