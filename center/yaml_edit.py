"""Change single values in a YAML text and leave every other byte as it was.

The editing forms save into the same YAML files staff also edit by hand; a reload-and-dump would
drop their comments, reorder keys and re-wrap every folded text, so one changed narration would
show up as a diff over the whole file. Instead each change replaces just the text span of the
value it names (found with PyYAML's composer, which keeps every node's start and end), or adds a
key at the end of its mapping. Every result is parsed again and compared with what was asked
for, so an edit this module cannot make cleanly is refused instead of saved wrong.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import yaml

from catalog.problems import ContentError
from catalog.yaml_loader import JsonPath, parse_yaml_text

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FOLD_WIDTH = 96
"""Where a folded (``>-``) text is wrapped, counting its indentation: the shipped files' width."""

Value = str | int | list[str]


class EditRefused(ValueError):
    """The change cannot be written into this file; the message is German, for the page."""


Span = tuple[tuple[int, int], tuple[int, int]]
"""Start and end of a node as (1-based line, 1-based column), end exclusive."""


def node_spans(text: str, paths: list[JsonPath]) -> dict[JsonPath, Span]:
    """Where each of ``paths`` that exists in ``text`` starts and ends."""
    root = yaml.compose(text, Loader=_Loader)
    found: dict[JsonPath, Span] = {}
    for path in paths:
        node = _find(root, path)
        if node is not None:
            start, end = node.start_mark, node.end_mark
            found[path] = ((start.line + 1, start.column + 1), (end.line + 1, end.column + 1))
    return found


def set_values(text: str, changes: dict[JsonPath, Value], name: str) -> str:
    """``text`` with every path in ``changes`` set to its value (added where it is missing)."""
    for path, value in changes.items():
        text = _set(text, path, value)
    try:
        data = parse_yaml_text(Path(name), text).data
    except ContentError as exc:
        raise EditRefused(f"Die Änderung ergäbe in {name} kein gültiges YAML mehr "
                          f"({exc.problems[0].message}). Bitte ändern Sie die Datei im "
                          "YAML-Editor.") from None
    for path, value in changes.items():
        if dig(data, path) != value:
            raise EditRefused(f"Das Feld {'.'.join(map(str, path))} in {name} ließ sich nicht "
                              "sicher ändern. Bitte ändern Sie es im YAML-Editor.")
    return text


def _set(text: str, path: JsonPath, value: Value) -> str:
    root = yaml.compose(text, Loader=_Loader)
    if root is None:
        raise EditRefused("Die Datei ist leer.")
    node = _find(root, path)
    if node is not None:
        return _replace(text, node, value)
    # The deepest mapping that exists on the way gets the rest of the path as a new key.
    parent = root
    depth = 0
    for depth in range(len(path)):
        child = _find(root, path[:depth + 1])
        if child is None:
            break
        parent = child
    if not isinstance(parent, yaml.MappingNode) or not isinstance(path[depth], str):
        raise EditRefused(f"Für {'.'.join(map(str, path))} gibt es in der Datei keinen Platz; "
                          "bitte legen Sie das Feld im YAML-Editor an.")
    nested: Any = value
    for key in reversed(path[depth + 1:]):
        nested = {key: nested}
    return _insert(text, parent, str(path[depth]), nested)


def _find(node: yaml.Node | None, path: JsonPath) -> yaml.Node | None:
    for key in path:
        if isinstance(node, yaml.MappingNode) and isinstance(key, str):
            node = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            node = node.value[key] if 0 <= key < len(node.value) else None
        else:
            return None
    return node


def _replace(text: str, node: yaml.Node, value: Value) -> str:
    start, end = node.start_mark.index, node.end_mark.index
    span = text[start:end]
    tail = span[len(span.rstrip()):]  # a block scalar's span ends with its line break
    column = node.start_mark.column
    if isinstance(value, list):
        if not isinstance(node, yaml.SequenceNode):
            raise EditRefused("An dieser Stelle steht in der Datei keine Liste.")
        new = _sequence(value, flow=bool(node.flow_style) or not value, column=column,
                        multiline="\n" in span.rstrip())
    elif isinstance(node, yaml.ScalarNode) and node.style in (">", "|") and isinstance(value, str):
        new = _folded(value, _content_indent(span)) or _scalar(value)
    else:
        new = _scalar(value)
    return text[:start] + new + tail + text[end:]


def _insert(text: str, mapping: yaml.MappingNode, key: str, value: Any) -> str:
    if mapping.flow_style:
        close = mapping.end_mark.index - 1  # the closing brace
        separator = ", " if mapping.value else ""
        return text[:close] + f"{separator}{_scalar(key)}: {_flow(value)}" + text[close:]
    if not mapping.value:
        raise EditRefused("Die Zuordnung ist leer; bitte legen Sie das Feld im YAML-Editor an.")
    column = mapping.value[0][0].start_mark.column
    last = mapping.value[-1][1].end_mark.index
    while last > 0 and text[last - 1] in " \n":
        last -= 1
    if isinstance(value, dict | list):
        body = yaml.safe_dump(value, default_flow_style=False, allow_unicode=True,
                              sort_keys=False, width=10**6)
        entry = f"{_scalar(key)}:\n" + textwrap.indent(body.rstrip("\n"), "  ")
    else:
        entry = f"{_scalar(key)}: {_scalar(value)}"
    entry = textwrap.indent(entry, " " * column)
    return text[:last] + "\n" + entry + text[last:]


def _scalar(value: str | int) -> str:
    """One value as YAML that reads back the same in any context (quoted where a flow list needs it)."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise EditRefused("Nur Texte und ganze Zahlen lassen sich im Formular ändern.")
    dumped = yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=10**6)
    return dumped.strip()[1:-1]


def _flow(value: Any) -> str:
    if isinstance(value, dict | list):
        return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True,
                              sort_keys=False, width=10**6).strip()
    return _scalar(value)


def _sequence(items: list[str], *, flow: bool, column: int, multiline: bool) -> str:
    parts = [_scalar(item) for item in items]
    if not flow:
        return ("\n" + " " * column).join(f"- {part}" for part in parts)
    if not multiline:
        return "[" + ", ".join(parts) + "]"
    lines: list[str] = []
    current = "[" + parts[0]
    for part in parts[1:]:
        if column + len(current) + len(part) + 3 > FOLD_WIDTH:
            lines.append(current + ",")
            current = part
        else:
            current += ", " + part
    lines.append(current + "]")
    return ("\n" + " " * (column + 1)).join(lines)


def _content_indent(span: str) -> int:
    for line in span.split("\n")[1:]:
        if line.strip():
            return len(line) - len(line.lstrip(" "))
    return 2


def _folded(value: str, indent: int) -> str | None:
    """``value`` as a folded ``>-`` block, or None where folding would change it."""
    lines = textwrap.wrap(value, width=max(40, FOLD_WIDTH - indent), break_long_words=False,
                          break_on_hyphens=False)
    if not lines or " ".join(lines) != value:
        return None
    return ">-\n" + "\n".join(" " * indent + line for line in lines)


def dig(data: Any, path: JsonPath) -> Any:
    """The value at ``path`` in plain data; None where there is none."""
    for key in path:
        if isinstance(data, dict) and key in data:
            data = data[key]
        elif not (isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data)):
            return None
        else:
            data = data[key]
    return data
