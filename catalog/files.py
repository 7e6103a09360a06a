"""Where content lives and which schema each content file follows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import catalog

SHARED_FILES = {
    "languages.yaml": "languages",
    "personas.yaml": "personas",
    "interview.yaml": "interview",
    "feedback.yaml": "feedback",
}
"""File name in the content directory → schema name. All are required."""

COLLECTIONS = {
    "occupations": "occupation",
    "workplaces": "workplace",
    "ui": "ui",
    "tasks": "task",
}
"""Folder in the content directory → schema of each ``*.yaml`` file in it."""


def default_content_dir() -> Path:
    """``content/`` of the checkout (editable install), else the copy inside the wheel."""
    package = Path(catalog.__file__).resolve().parent
    for candidate in (package.parent / "content", package / "_content"):
        if (candidate / "languages.yaml").is_file():
            return candidate
    return package.parent / "content"


def find_content_root(path: Path) -> Path | None:
    """The content directory that ``path`` (a file or folder) belongs to, if any."""
    path = path.resolve()
    for candidate in (path, *path.parents):
        if (candidate / "languages.yaml").is_file() and candidate.is_dir():
            return candidate
    return None


@dataclass(frozen=True)
class ContentFile:
    """A file the content check reads, and the schema it must follow."""

    path: Path
    schema: str


@dataclass(frozen=True)
class Misplaced:
    """A YAML file where no content file belongs, with a hint where it should go."""

    path: Path
    message: str


def discover(root: Path) -> tuple[list[ContentFile], list[Misplaced]]:
    """The content files below ``root`` and the files that look misplaced or misnamed."""
    files: list[ContentFile] = []
    misplaced: list[Misplaced] = []
    for name, schema in SHARED_FILES.items():
        files.append(ContentFile(root / name, schema))
    for entry in sorted(root.iterdir()) if root.is_dir() else []:
        if _ignored(entry) or entry.name in SHARED_FILES or entry.name in COLLECTIONS:
            continue
        if entry.suffix in (".yaml", ".yml"):
            misplaced.append(Misplaced(entry, (
                f"not a known content file (known: {', '.join(SHARED_FILES)}; "
                f"occupations go in occupations/, workplaces in workplaces/, "
                f"interface texts in ui/, hands-on tasks in tasks/)")))
    for folder, schema in COLLECTIONS.items():
        directory = root / folder
        for entry in sorted(directory.iterdir()) if directory.is_dir() else []:
            if _ignored(entry):
                continue
            if entry.suffix == ".yaml":
                files.append(ContentFile(entry, schema))
            elif entry.suffix == ".yml":
                misplaced.append(Misplaced(entry, "rename to .yaml; only .yaml files are read"))
    return files, misplaced


def schema_for(path: Path, root: Path | None) -> str | None:
    """The schema a file follows, judged by its name and folder."""
    if path.name in SHARED_FILES and (root is None or path.parent.resolve() == root):
        return SHARED_FILES[path.name]
    return COLLECTIONS.get(path.parent.name)


def _ignored(entry: Path) -> bool:
    """Hidden files and editor leftovers (backup~, .swp) are not content."""
    return entry.name.startswith(".") or entry.name.endswith("~")
