"""Speech models in the station's models directory: list, install, verify.

Which models exist and where they come from is ``model_catalog``; this module installs them.
Every way in ends the same: the files are put together in a temporary folder beside the
target, checked (sizes and SHA-256, then the engine's layout), a manifest of every file is
written, and the folder is moved into place with one rename, so a station never sees half a
model. ``verify`` compares the files with that manifest later.

Models live in the models directory (``paths.models_dir``), never in the repository.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from speech.model_catalog import KNOWN_MODELS, Engine, ModelSpec
from speech.model_files import (
    MANIFEST,
    ModelError,
    PackageFiles,
    check_free_space,
    download,
    download_files,
    hash_file,
    install_folder,
    join_package_files,
    model_root,
    package_file,
    unpack,
    write_manifest,
)

log = logging.getLogger(__name__)

__all__ = ["MANIFEST", "ModelError", "ModelManager", "ModelStatus", "layout_problem", "missing_message"]


@dataclass(frozen=True)
class ModelStatus:
    """A model's state in the models directory: installed or not, and what is wrong with it."""

    name: str
    engine: Engine
    languages: tuple[str, ...]
    """() for a multilingual Whisper model."""
    path: Path
    installed: bool
    download_bytes: int | None
    """What a fetch downloads; None for a bundled model or one the station does not know."""
    bundled: bool = False
    problem: str | None = None


def layout_problem(path: Path, engine: Engine) -> str | None:
    """What is missing for ``engine`` to load the folder as a model, or None."""
    if not path.is_dir():
        return "not installed"
    if engine is Engine.WHISPER:
        missing = [f for f in ("model.bin", "config.json", "tokenizer.json") if not (path / f).is_file()]
        if not any((path / f).is_file() for f in ("vocabulary.json", "vocabulary.txt")):
            missing.append("vocabulary.json (or vocabulary.txt)")
    else:
        missing = [f for f in ("am/final.mdl", "conf/model.conf") if not (path / f).is_file()]
        has_graph = (path / "graph" / "HCLG.fst").is_file() or (
            (path / "graph" / "HCLr.fst").is_file() and (path / "graph" / "Gr.fst").is_file())
        if not has_graph:
            missing.append("graph/HCLG.fst (or graph/HCLr.fst and graph/Gr.fst)")
    return f"incomplete model, missing: {', '.join(missing)}" if missing else None


def missing_message(language_name: str, model: str, models_dir: Path, spec: ModelSpec | None) -> str:
    """The message for a missing model: what is missing, where, and the command that fixes it."""
    if spec is not None and spec.bundled:
        how = f"run 'vr-station models fetch {spec.name}' (installs from the station's own packages), or "
    elif spec is not None:
        size = f" ({spec.download_bytes / 1e6:.0f} MB download)" if spec.download_bytes else ""
        how = f"run 'vr-station models fetch {spec.name}'{size}, or "
    else:
        how = ""
    engine = spec.engine.value.capitalize() if spec else "Vosk"
    return (f"No {engine} speech model for {language_name} ({model}) in {models_dir}: "
            f"{how}copy the unpacked model folder '{model}' there.")


class ModelManager:
    """The speech models in ``models_dir``; ``catalog`` lists the ones it can install.

    ``package_files`` finds a bundled model's files in the installed packages (a test hands
    in its own, to try a damaged package).
    """

    def __init__(self, models_dir: Path, catalog: Sequence[ModelSpec] = KNOWN_MODELS,
                 package_files: PackageFiles = package_file):
        self.models_dir = models_dir
        self.catalog = tuple(catalog)
        self.package_files = package_files

    def spec(self, name_or_language: str, engine: Engine | None = None) -> ModelSpec | None:
        """The known model of that folder name; or, for a language code, its Vosk model.

        ``vr-station models fetch de`` has always meant the official small Vosk model; with
        ``engine`` WHISPER a language gives the bundled Whisper model (it speaks them all).
        """
        for spec in self.catalog:
            if spec.name == name_or_language and engine in (None, spec.engine):
                return spec
        wanted = engine or Engine.VOSK
        candidates = [s for s in self.catalog if s.engine is wanted and s.languages
                      and name_or_language in s.languages]
        if wanted is Engine.WHISPER:
            candidates = [s for s in self.catalog if s.engine is wanted and s.bundled]
        return candidates[0] if candidates else None

    def path(self, name: str) -> Path:
        """Where the model folder ``name`` is (or would be) installed."""
        return self.models_dir / name

    def engine_of(self, name: str) -> Engine:
        """The engine of a known model; a folder the station does not know is judged by its files."""
        spec = self.spec(name)
        if spec is not None and spec.name == name:
            return spec.engine
        return Engine.WHISPER if (self.path(name) / "model.bin").is_file() else Engine.VOSK

    def installed(self, name: str, engine: Engine | None = None) -> bool:
        """The folder ``name`` holds a complete model layout."""
        return layout_problem(self.path(name), engine or self.engine_of(name)) is None

    def best_installed(self, engine: Engine, language: str,
                       supported: Callable[[str], bool] = lambda _: True) -> ModelSpec | None:
        """The highest-ranked installed model of ``engine`` for ``language``.

        ``supported`` says whether a multilingual model's engine knows the language.
        """
        ranked = sorted((s for s in self.catalog if s.engine is engine and s.serves(language)),
                        key=lambda s: s.rank, reverse=True)
        for spec in ranked:
            if (spec.languages or supported(language)) and self.installed(spec.name, spec.engine):
                return spec
        return None

    def status(self, extra: Iterable[tuple[str, str]] = ()) -> list[ModelStatus]:
        """Known models plus (language, folder name) pairs from content, installed or not."""
        rows: dict[str, ModelStatus] = {}
        for spec in self.catalog:
            rows[spec.name] = self._status(spec.name, spec.engine, spec.languages, spec.download_bytes,
                                           spec.bundled)
        for language, name in extra:
            if name not in rows:
                rows[name] = self._status(name, self.engine_of(name), (language,), None, False)
        return list(rows.values())

    def _status(self, name: str, engine: Engine, languages: tuple[str, ...], size: int | None,
                bundled: bool) -> ModelStatus:
        problem = layout_problem(self.path(name), engine)
        return ModelStatus(name, engine, languages, self.path(name), problem is None, size, bundled,
                           None if problem in (None, "not installed") else problem)

    def fetch(self, name_or_language: str, *, engine: Engine | None = None, url: str | None = None,
              archive: Path | None = None, force: bool = False, progress: bool = True,
              log_line: Callable[[str], None] = log.info) -> Path:
        """Install a known model: from its packages, its download, or ``archive``; checked first.

        ``url`` downloads a Vosk zip from a mirror instead. Does nothing when the model is
        installed already, unless ``force``.
        """
        spec = self.spec(name_or_language, engine)
        if spec is None:
            known = ", ".join(s.name for s in self.catalog)
            raise ModelError(f"no known speech model '{name_or_language}' (known: {known}); copy "
                             "another model's unpacked folder into the models directory")
        target = self.path(spec.name)
        if self.installed(spec.name, spec.engine) and not force:
            log_line(f"{spec.name} is already installed in {target} (use --force to replace it)")
            return target
        self.models_dir.mkdir(parents=True, exist_ok=True)
        check_free_space(self.models_dir, 3 * (spec.installed_bytes or spec.download_bytes or 0))
        work = Path(tempfile.mkdtemp(prefix=f".fetch-{spec.name}-", dir=self.models_dir))
        try:
            root, origin = self._assemble(spec, work, url=url, archive=archive, progress=progress,
                                          log_line=log_line)
            problem = layout_problem(root, spec.engine)
            if problem:
                raise ModelError(f"{spec.name}: {problem}; nothing was installed")
            write_manifest(root, spec.name, spec.engine.value, origin)
            install_folder(root, target)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        log_line(f"installed {spec.name} in {target}")
        return target

    def _assemble(self, spec: ModelSpec, work: Path, *, url: str | None, archive: Path | None,
                  progress: bool, log_line: Callable[[str], None]) -> tuple[Path, dict[str, str]]:
        """The checked model folder inside ``work`` and where it came from (for the manifest)."""
        if archive is not None:
            if spec.archive is not None:  # an official zip: checked as a whole first
                digest, size = hash_file(archive)
                _check_archive(archive.name, size, digest, spec.archive.size_bytes, spec.archive.sha256)
                log_line(f"checked {archive.name}: size and SHA-256 match; unpacking")
            root = model_root(unpack(archive, work / "unpacked"), spec.engine.value)
            _check_files(spec, root, archive.name)
            return root, {"archive": str(archive.name)}
        if spec.bundled:
            root = work / spec.name
            join_package_files(spec, root, self.package_files, log_line)
            return root, {"packages": ", ".join(spec.packages)}
        if spec.archive is not None:
            zip_path = work / f"{spec.name}.zip"
            source = url or spec.archive.url
            digest, size = download(source, zip_path, spec.archive.size_bytes, spec.name, progress)
            _check_archive(zip_path.name, size, digest, spec.archive.size_bytes, spec.archive.sha256)
            log_line(f"checked {zip_path.name}: size and SHA-256 match; unpacking")
            root = model_root(unpack(zip_path, work / "unpacked"), spec.engine.value)
            return root, {"url": source, "archive_sha256": digest}
        if url is not None:
            raise ModelError(f"{spec.name} is downloaded file by file from its pinned source; "
                             "--url is only for a Vosk zip (use --archive for a copied model)")
        root = work / spec.name
        download_files(spec, root, progress, log_line)
        return root, {"url": spec.files[0].url or ""}

    def verify(self, name: str) -> list[str]:
        """Problems with an installed model (layout, files changed since install); [] when fine."""
        path = self.path(name)
        problem = layout_problem(path, self.engine_of(name))
        if problem:
            return [problem]
        manifest_path = path / MANIFEST
        if not manifest_path.is_file():
            return []  # installed by hand: the layout is all we can check
        try:
            files = json.loads(manifest_path.read_text(encoding="utf-8"))["files"]
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
            elif hash_file(file)[0] != expected["sha256"]:
                problems.append(f"{relative}: content changed (SHA-256 differs)")
        return problems

    def manifest_origin(self, name: str) -> dict[str, str] | None:
        """Where the installed model came from, as recorded at install; None if installed by hand."""
        try:
            origin = json.loads((self.path(name) / MANIFEST).read_text("utf-8"))["origin"]
        except (OSError, ValueError, KeyError):
            return None
        return {str(k): str(v) for k, v in origin.items()}


def _check_archive(name: str, size: int, digest: str, expected_size: int, expected_sha256: str) -> None:
    if size != expected_size:
        raise ModelError(f"{name}: {size} bytes, expected {expected_size}: the file is incomplete "
                         "or not the official model; nothing was installed")
    if digest != expected_sha256:
        raise ModelError(f"{name}: SHA-256 {digest} does not match the official {expected_sha256}: "
                         "the file is damaged or not the official model; nothing was installed")


def _check_files(spec: ModelSpec, root: Path, origin: str) -> None:
    """Every file the spec lists, with its size and SHA-256 (a Whisper or packaged model's archive)."""
    for expected in spec.files:
        file = root / expected.path
        if not file.is_file():
            raise ModelError(f"{origin}: {expected.path} is missing; nothing was installed")
        digest, size = hash_file(file)
        if size != expected.size_bytes or digest != expected.sha256:
            raise ModelError(f"{origin}: {expected.path} is not the file of {spec.name} ({size} bytes, "
                             f"SHA-256 {digest}; expected {expected.size_bytes} bytes, "
                             f"{expected.sha256}); nothing was installed")
