"""Load one YAML file as plain data, refusing anything hostile or ambiguous, with positions.

Content and configuration are written by staff and may be damaged or hostile. Before any
value is built, this module refuses quickly, with the line and column:
- files over ``MAX_FILE_BYTES``, binary data, text that is not UTF-8;
- tabs used for indentation;
- anchors and aliases (the "billion laughs" alias bomb needs them), explicit tags such as
  ``!!python/object`` (plain data only), several documents in one file;
- nesting deeper than ``MAX_DEPTH`` and more than ``MAX_NODES`` values;
- duplicate keys (PyYAML silently keeps the last one);
- whole numbers longer than ``MAX_INTEGER_DIGITS`` (Python refuses to read more than 4,300
  digits with a ValueError, and no content or setting needs more than a few).

Every value's position is kept, so schema errors found later can name the line.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from catalog.problems import ContentError, Problem

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 24
MAX_NODES = 200_000
MAX_INTEGER_DIGITS = 15
"""Digits a whole number may have: more than any count, price or duration needs, and all of
them exact in a float (2**53 has 16 digits)."""

# libyaml parses ~20x faster than the pure-Python parser; both give the same events and marks.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

JsonPath = tuple[str | int, ...]
Position = tuple[int, int]


@dataclass(frozen=True)
class YamlDocument:
    """Plain data (dict/list/str/int/float/bool/None) read from one file, with positions."""

    path: Path
    data: Any
    value_positions: dict[JsonPath, Position] = field(repr=False)
    """Where each value starts (1-based line, column), keyed by its path in ``data``."""
    key_positions: dict[JsonPath, Position] = field(repr=False)
    """Where each mapping key stands, keyed by the path of the value it names."""

    def position(self, json_path: JsonPath, *, key: bool = False) -> Position | None:
        """The position of the value (or its key) at ``json_path``, else of its nearest parent."""
        table = self.key_positions if key else self.value_positions
        if json_path in table:
            return table[json_path]
        for end in range(len(json_path) - 1, -1, -1):
            prefix = json_path[:end]
            if prefix in self.value_positions:
                return self.value_positions[prefix]
        return None

    def problem(self, json_path: JsonPath, message: str, *, key: bool = False) -> Problem:
        """A Problem in this file, placed at the value (or key) at ``json_path``."""
        pos = self.position(json_path, key=key)
        line, column = pos if pos else (None, None)
        return Problem(self.path, line, column, message)


def load_yaml_file(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> YamlDocument:
    """Read ``path`` as plain YAML data. Raises ContentError naming every problem found."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ContentError([Problem(path, None, None, (
                f"file is {_human_size(size)}; content files may be at most "
                f"{_human_size(max_bytes)} (is this the right file?)"))])
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except ContentError:
        raise
    except FileNotFoundError:
        raise ContentError([Problem(path, None, None, "file not found")]) from None
    except IsADirectoryError:
        raise ContentError([Problem(path, None, None, "is a directory, not a YAML file")]) from None
    except OSError as exc:
        raise ContentError([Problem(path, None, None, f"cannot read: {exc.strerror}")]) from None
    if len(raw) > max_bytes:  # grew while we looked
        raise ContentError([Problem(path, None, None, "file is larger than allowed")])
    return parse_yaml_text(path, decode_text(path, raw))


def decode_text(path: Path, raw: bytes) -> str:
    """Decode file bytes as UTF-8 or raise ContentError saying what the file really holds."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ContentError([Problem(path, 1, 1, "file is UTF-16 encoded; save it as UTF-8")])
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = _line_col(raw, nul)
        raise ContentError([Problem(path, line, col,
                                    "binary data (NUL byte); content files must be UTF-8 text")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        hint = " (it looks like Latin-1/Windows-1252)" if _looks_latin1(raw) else ""
        raise ContentError([Problem(path, line, col, (
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}){hint}; save the file as UTF-8"))]) from None


def parse_yaml_text(path: Path, text: str) -> YamlDocument:
    """Parse YAML text into plain data with positions; raises ContentError."""
    problems = list(_tab_indentation(path, text))
    if problems:
        raise ContentError(problems)
    try:
        _check_events(path, text)
        node = _Loader(text).get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise ContentError([_yaml_error_problem(path, exc)]) from None
    except yaml.reader.ReaderError as exc:  # a control character; it has an offset, no mark
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise ContentError([Problem(path, line, col, (
            f"control character U+{exc.character:04X} is not allowed in YAML text"
            if isinstance(exc.character, int) else "character not allowed in YAML text"))]) from None
    except yaml.YAMLError as exc:
        raise ContentError([Problem(path, None, None, _one_line(str(exc)))]) from None
    builder = _Builder(path)
    data = builder.build(node, ()) if node is not None else None
    if builder.problems:
        raise ContentError(builder.problems)
    return YamlDocument(path, data, builder.value_positions, builder.key_positions)


def _tab_indentation(path: Path, text: str) -> Iterator[Problem]:
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            yield Problem(path, number, indent.index("\t") + 1,
                          "tab used for indentation; YAML needs spaces")


def _check_events(path: Path, text: str) -> None:
    """One cheap pass over the parser events for what must never be composed."""
    depth = 0
    nodes = 0
    documents = 0
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                _raise(path, mark, "more than one YAML document (---) in one file")
        elif isinstance(event, yaml.AliasEvent):
            _raise(path, mark, f"alias '*{event.anchor}' is not allowed in content files; "
                               "write the value out in full")
        if isinstance(event, yaml.NodeEvent):
            if event.anchor is not None:
                _raise(path, mark, f"anchor '&{event.anchor}' is not allowed in content files; "
                                   "write the value out in full")
            nodes += 1
            if nodes > MAX_NODES:
                _raise(path, mark, f"more than {MAX_NODES} values in one file")
        if isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent):
            tag = getattr(event, "tag", None)
            if tag is not None and _explicit_tag(event):
                _raise(path, mark, f"tag '{_short_tag(tag)}' is not allowed; "
                                   "content files hold plain data only (put text in quotes)")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                _raise(path, mark, f"nested deeper than {MAX_DEPTH} levels")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _explicit_tag(event: yaml.Event) -> bool:
    implicit: Any = getattr(event, "implicit", True)
    if isinstance(event, yaml.ScalarEvent):
        return not any(implicit)
    return not implicit


def _short_tag(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag


def _raise(path: Path, mark: Any, message: str) -> None:
    raise ContentError([Problem(path, mark.line + 1, mark.column + 1, message)])


def _yaml_error_problem(path: Path, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    parts = [p for p in (exc.context, exc.problem) if p]
    message = "YAML syntax error: " + "; ".join(_one_line(p) for p in parts)
    if exc.context_mark is not None and exc.problem_mark is not None \
            and exc.context_mark.line != exc.problem_mark.line:
        message += f" (started at line {exc.context_mark.line + 1})"
    if mark is None:
        return Problem(path, None, None, message)
    return Problem(path, mark.line + 1, mark.column + 1, message)


class _Builder:
    """Turns a composed node tree into plain data, keeping positions, refusing duplicate keys."""

    _PLAIN_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                             "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"})

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[Problem] = []
        self.value_positions: dict[JsonPath, Position] = {}
        self.key_positions: dict[JsonPath, Position] = {}

    def build(self, node: yaml.Node, json_path: JsonPath) -> Any:
        self.value_positions[json_path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, json_path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*json_path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, json_path: JsonPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(self.path, line, key_node.start_mark.column + 1,
                                             "a key must be plain text, not a list or mapping"))
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(Problem(self.path, line, key_node.start_mark.column + 1,
                                             "merge keys (<<) are not allowed in content files"))
                continue
            # Keys stay text: YAML 1.1 would read a language code 'no' as false.
            key = str(key_node.value)
            if key in first_seen:
                self.problems.append(Problem(self.path, line, key_node.start_mark.column + 1,
                                             f"duplicate key '{key}' (first at line {first_seen[key]})"))
                continue
            first_seen[key] = line
            self.key_positions[(*json_path, key)] = (line, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, (*json_path, key))
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == "tag:yaml.org,2002:int":
            digits = len(str(node.value).lstrip("+-").replace("_", ""))
            if digits > MAX_INTEGER_DIGITS:
                self.problems.append(Problem(
                    self.path, node.start_mark.line + 1, node.start_mark.column + 1,
                    f"a whole number with {digits} digits is too large for any content or "
                    f"setting (at most {MAX_INTEGER_DIGITS} digits)"))
                return None
        if node.tag in self._PLAIN_TAGS:
            # The scalar constructors are pure functions of the node; calling them directly
            # skips the loader's object cache.
            construct = yaml.SafeLoader.yaml_constructors[node.tag]
            return construct(_SCALAR_CONSTRUCTOR, node)
        # Timestamps, binary and the rest stay the text the author wrote.
        return str(node.value)


class _ScalarConstructor(yaml.constructor.SafeConstructor):
    """SafeConstructor without a reader: only its scalar methods are used."""


_SCALAR_CONSTRUCTOR = _ScalarConstructor()


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    col = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def _looks_latin1(raw: bytes) -> bool:
    return any(b in raw for b in (b"\xe4", b"\xf6", b"\xfc", b"\xdf", b"\xc4", b"\xd6", b"\xdc"))


def _human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{size / 1024:.0f} KB"


def _one_line(text: str) -> str:
    return " ".join(text.split())
