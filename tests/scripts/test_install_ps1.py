"""scripts/windows/install.ps1 parses as PowerShell.

PowerShell itself is not in this machine's package registries (Debian has no pwsh, and PyPI
none either), so the script is parsed with tree-sitter's PowerShell grammar: a syntax check,
not a run. What it does on Windows has not been tried here (README: Stations).
"""

from __future__ import annotations

from pathlib import Path

import tree_sitter_powershell
from tree_sitter import Language, Node, Parser

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "windows" / "install.ps1"
PARSER = Parser(Language(tree_sitter_powershell.language()))


def syntax_errors(source: bytes) -> list[str]:
    """Where the grammar found an error or had to invent a missing token (line:column, text)."""
    found: list[str] = []

    def visit(node: Node) -> None:
        if node.type == "ERROR" or node.is_missing:
            line, column = node.start_point
            found.append(f"{line + 1}:{column + 1} {(node.text or b'')[:60]!r}")
        for child in node.children:
            visit(child)

    visit(PARSER.parse(source).root_node)
    return found


def test_the_windows_installer_parses() -> None:
    assert syntax_errors(SCRIPT.read_bytes()) == []


def test_the_check_finds_a_broken_script() -> None:
    assert syntax_errors(b"function Broken( { if ($x -eq 1 { 'a' }\n")
