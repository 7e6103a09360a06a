"""Vosk models in the station's models directory: list, fetch (download or local zip), verify.

Knows the official small models for German and English (alphacephei.com) with their exact
size and SHA-256. A download goes to a temporary file, is checked against both, unpacked into
a temporary folder beside the target, checked for a complete model layout and only then moved
into place with one rename: a station never sees half a model. A manifest of every unpacked
file (size, SHA-256) lets ``verify`` detect later damage.

Job centres with no internet on the station can copy the zip over (``fetch de --archive
FILE``); it is checked exactly like a download.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

MANIFEST = ".vr-station-model.json"
_CHUNK = 1024 * 1024
_MAX_UNPACKED_RATIO = 20
"""Refuse zips that unpack to more than 20× their size (zip bombs)."""


@dataclass(frozen=True)
class ModelSpec:
    """A Vosk model the station can fetch: its download and the zip's size and SHA-256."""

    name: str
    """The folder name, e.g. vosk-model-small-de-0.15 (content/languages.yaml ``vosk_model``)."""
    language: str
    url: str
    size_bytes: int
    sha256: str


OFFICIAL_MODELS: tuple[ModelSpec, ...] = (
    # Sizes and SHA-256 of the zips as published on https://alphacephei.com/vosk/models
    # (sizes as in its model-list.json).
    ModelSpec("vosk-model-small-de-0.15", "de",
              "https://alphacephei.com/vosk/models/vosk-model-small-de-0.15.zip", 46_499_967,
              "b7e53c90b1f0a38456f4cd62b366ecd58803cd97cd42b06438e2c131713d5e43"),
    ModelSpec("vosk-model-small-en-us-0.15", "en",
              "https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip", 41_205_931,
              "30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498"),
)


class ModelError(RuntimeError):
    """A model cannot be fetched or used; the message says why and what to do."""


@dataclass(frozen=True)
class ModelStatus:
    """A model's state in the models directory: installed or not, and what is wrong with it."""

    name: str
    language: str
    path: Path
    installed: bool
    size_bytes: int | None
    """Download size, for known models."""
    problem: str | None = None


def layout_problem(path: Path) -> str | None:
    """What is missing for Vosk to load the folder as a model, or None."""
    if not path.is_dir():
        return "not installed"
    missing = [f for f in ("am/final.mdl", "conf/model.conf") if not (path / f).is_file()]
    has_graph = (path / "graph" / "HCLG.fst").is_file() or (
        (path / "graph" / "HCLr.fst").is_file() and (path / "graph" / "Gr.fst").is_file())
    if not has_graph:
        missing.append("graph/HCLG.fst (or graph/HCLr.fst and graph/Gr.fst)")
    return f"incomplete model, missing: {', '.join(missing)}" if missing else None


def missing_message(language_name: str, model: str, models_dir: Path,
                    spec: ModelSpec | None) -> str:
    """The message for a missing model: what is missing, where, and the command that fixes it."""
    size = f" ({spec.size_bytes / 1e6:.0f} MB download)" if spec else ""
    fetch = f"run 'vr-station models fetch {spec.language}'{size}, or " if spec else ""
    return (f"No Vosk speech model for {language_name} ({model}) in {models_dir}: "
            f"{fetch}copy the unpacked model folder '{model}' there.")


class ModelManager:
    """The Vosk models in ``models_dir``; ``catalog`` lists the ones it can fetch."""

    def __init__(self, models_dir: Path, catalog: Sequence[ModelSpec] = OFFICIAL_MODELS):
        self.models_dir = models_dir
        self.catalog = tuple(catalog)

    def spec(self, language_or_name: str) -> ModelSpec | None:
        """The known model for a language code or folder name, or None."""
        for spec in self.catalog:
            if language_or_name in (spec.language, spec.name):
                return spec
        return None

    def path(self, name: str) -> Path:
        """Where the model folder ``name`` is (or would be) installed."""
        return self.models_dir / name

    def installed(self, name: str) -> bool:
        """The folder ``name`` holds a complete model layout."""
        return layout_problem(self.path(name)) is None

    def status(self, extra_names: Iterable[tuple[str, str]] = ()) -> list[ModelStatus]:
        """Known models plus (language, name) pairs from content, installed or not."""
        rows: dict[str, ModelStatus] = {}
        for spec in self.catalog:
            rows[spec.name] = self._status(spec.name, spec.language, spec.size_bytes)
        for language, name in extra_names:
            rows.setdefault(name, self._status(name, language, None))
        return list(rows.values())

    def _status(self, name: str, language: str, size: int | None) -> ModelStatus:
        problem = layout_problem(self.path(name))
        return ModelStatus(name, language, self.path(name), problem is None, size,
                           None if problem in (None, "not installed") else problem)

    def fetch(self, language_or_name: str, *, url: str | None = None, archive: Path | None = None,
              force: bool = False, progress: bool = True,
              log_line: Callable[[str], None] = log.info) -> Path:
        """Download (or take ``archive``), check, unpack and install a known model."""
        spec = self.spec(language_or_name)
        if spec is None:
            known = ", ".join(f"{s.language} ({s.name})" for s in self.catalog)
            raise ModelError(f"no known Vosk model for '{language_or_name}' (known: {known}); "
                             "copy another model's unpacked folder into the models directory")
        target = self.path(spec.name)
        if self.installed(spec.name) and not force:
            log_line(f"{spec.name} is already installed in {target} (use --force to replace it)")
            return target
        self.models_dir.mkdir(parents=True, exist_ok=True)
        _check_free_space(self.models_dir, spec.size_bytes * 3)
        work = Path(tempfile.mkdtemp(prefix=f".fetch-{spec.name}-", dir=self.models_dir))
        try:
            if archive is not None:
                zip_path = archive
                digest, size = _hash_file(archive)
            else:
                zip_path = work / f"{spec.name}.zip"
                digest, size = _download(url or spec.url, zip_path, spec, progress)
            if size != spec.size_bytes:
                raise ModelError(f"{zip_path.name}: {size} bytes, expected {spec.size_bytes}: the "
                                 "file is incomplete or not the official model; nothing was installed")
            if digest != spec.sha256:
                raise ModelError(f"{zip_path.name}: SHA-256 {digest} does not match the official "
                                 f"{spec.sha256}: the file is damaged or not the official model; "
                                 "nothing was installed")
            log_line(f"checked {zip_path.name}: size and SHA-256 match; unpacking")
            unpacked = _unpack(zip_path, work / "unpacked", size)
            root = _model_root(unpacked)
            problem = layout_problem(root)
            if problem:
                raise ModelError(f"{zip_path.name}: {problem}; nothing was installed")
            _write_manifest(root, spec, digest)
            _install(root, target)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        log_line(f"installed {spec.name} in {target}")
        return target

    def verify(self, name: str) -> list[str]:
        """Problems with an installed model (layout, files changed since install); [] when fine."""
        path = self.path(name)
        problem = layout_problem(path)
        if problem:
            return [problem]
        manifest_path = path / MANIFEST
        if not manifest_path.is_file():
            return []  # installed by hand: the layout is all we can check
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            files = manifest["files"]
        except (OSError, ValueError, KeyError) as exc:
            return [f"{manifest_path}: unreadable manifest ({exc})"]
        problems = []
        for relative, expected in sorted(files.items()):
            file = path / relative
            if not file.is_file():
                problems.append(f"{relative}: missing")
                continue
            if file.stat().st_size != expected["size"]:
                problems.append(f"{relative}: size changed ({file.stat().st_size} bytes, "
                                f"expected {expected['size']})")
            elif _hash_file(file)[0] != expected["sha256"]:
                problems.append(f"{relative}: content changed (SHA-256 differs)")
        return problems

    def manifest_sha256(self, name: str) -> str | None:
        """The SHA-256 of the zip the model was installed from, if recorded."""
        try:
            return str(json.loads((self.path(name) / MANIFEST).read_text("utf-8"))["archive_sha256"])
        except (OSError, ValueError, KeyError):
            return None


def vocabulary_gaps(model_dir: Path, words: Iterable[str]) -> list[str] | None:
    """Words the model cannot output (not in graph/words.txt); None if the model has no list.

    Vosk adapts small models only by restricting them to a word list (a grammar), which would
    make free answers impossible; so job terms are not boosted. This check tells staff which
    terms the model will never recognize.
    """
    path = model_dir / "graph" / "words.txt"
    if not path.is_file():
        return None
    known = set()
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            known.add(line.split(" ", 1)[0])
    return [w for w in dict.fromkeys(words) if w.lower() not in known]


def _download(url: str, target: Path, spec: ModelSpec, progress: bool) -> tuple[str, int]:
    import httpx
    from tqdm import tqdm  # type: ignore[import-untyped]  # tqdm ships no type information

    digest = hashlib.sha256()
    size = 0
    try:
        with httpx.stream("GET", url, follow_redirects=True, timeout=httpx.Timeout(30.0)) as response:
            if response.status_code != 200:
                raise ModelError(f"download of {url} failed: HTTP {response.status_code}")
            total = int(response.headers.get("content-length") or spec.size_bytes)
            with target.open("wb") as out, tqdm(total=total, unit="B", unit_scale=True,
                                                unit_divisor=1024, desc=spec.name,
                                                disable=not progress) as bar:
                for chunk in response.iter_bytes(_CHUNK):
                    out.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
                    bar.update(len(chunk))
                    if size > spec.size_bytes:
                        raise ModelError(f"download of {url} is larger than the official "
                                         f"{spec.size_bytes} bytes; stopped, nothing was installed")
    except httpx.HTTPError as exc:
        raise ModelError(f"download of {url} failed: {exc}. Check the network or proxy "
                         "(HTTPS_PROXY), or copy the zip over and use --archive FILE") from None
    return digest.hexdigest(), size


def _hash_file(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    try:
        with path.open("rb") as data:
            while chunk := data.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except OSError as exc:
        raise ModelError(f"cannot read {path}: {exc}") from None
    return digest.hexdigest(), size


def _unpack(zip_path: Path, target: Path, archive_size: int) -> Path:
    try:
        with zipfile.ZipFile(zip_path) as archive:
            total = 0
            for info in archive.infolist():
                name = Path(info.filename)
                if name.is_absolute() or ".." in name.parts or info.filename.startswith(("/", "\\")):
                    raise ModelError(f"{zip_path.name}: unsafe path '{info.filename}' in the archive")
                total += info.file_size
            if total > max(archive_size, 1) * _MAX_UNPACKED_RATIO:
                raise ModelError(f"{zip_path.name}: unpacks to {total} bytes, refusing")
            archive.extractall(target)
    except zipfile.BadZipFile as exc:
        raise ModelError(f"{zip_path.name}: not a valid zip file ({exc})") from None
    return target


def _model_root(unpacked: Path) -> Path:
    """The folder holding am/ and conf/: the archive's single top folder, or the archive root."""
    if (unpacked / "am").is_dir():
        return unpacked
    entries = [e for e in unpacked.iterdir() if not e.name.startswith(".")]
    if len(entries) == 1 and entries[0].is_dir():
        return entries[0]
    return unpacked


def _write_manifest(root: Path, spec: ModelSpec, archive_sha256: str) -> None:
    files = {}
    for file in sorted(root.rglob("*")):
        if file.is_file():
            files[file.relative_to(root).as_posix()] = {
                "size": file.stat().st_size, "sha256": _hash_file(file)[0]}
    (root / MANIFEST).write_text(json.dumps({
        "name": spec.name, "url": spec.url, "archive_sha256": archive_sha256, "files": files,
    }, indent=1), encoding="utf-8")


def _install(root: Path, target: Path) -> None:
    """Move the checked model into place with renames on the same file system."""
    old = None
    if target.exists():
        old = target.with_name(f".old-{target.name}-{os.getpid()}")
        os.replace(target, old)
    try:
        os.replace(root, target)
    except OSError:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _check_free_space(directory: Path, needed: int) -> None:
    free = shutil.disk_usage(directory).free
    if free < needed:
        raise ModelError(f"not enough free space in {directory}: {free / 1e6:.0f} MB free, "
                         f"{needed / 1e6:.0f} MB needed")
