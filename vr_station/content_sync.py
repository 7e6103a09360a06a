"""Follow the content the center publishes: poll, download, verify, validate, stage, switch.

A worker thread (never the render thread) asks the center for the published version
(``GET /api/v1/content`` with If-None-Match, so a poll usually costs one 304). A new version's
bundle (a zip with ``manifest.json``) is checked file by file against the manifest's SHA-256,
unpacked into a fresh folder ``versions/<number>-<random>``, validated with the same check as
``vr-station content validate`` (including the scenes' layout checks), then named in
``current.json`` (written to a temporary file and renamed: a crash leaves the old or the new
pointer, never half of one). A bundle that fails any of that is refused, logged and reported in
``last_problem``; the station keeps the last good version. Offline, polls fail quietly and the
next one catches up, however many versions were published meanwhile.

The station itself switches between visits: ``ContentFollower.take_update`` hands the kiosk
the catalog of a newly installed version (built on the worker, since loading takes seconds),
and the kiosk takes it when it returns to the attract step.

Layout below ``data_dir/content``::

    current.json            {"version": 7, "label": "7:ab12…", "etag": "…", "path": "versions/7-k3j…"}
    versions/7-k3j…/…       the content tree of version 7 (the one in use)
    versions/6-x9a…/…       the previous good one, kept for a manual fallback
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import shutil
import tempfile
import threading
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import Any

import httpx

from catalog import build
from catalog.loading import DocumentCheck, check_content, load_catalog
from catalog.model import Catalog
from vr_station import __version__
from vr_station.config import CenterSettings, StationConfig
from vr_station.feedback.https_transport import TransportSetupError, read_token, tls_context

log = logging.getLogger(__name__)

CONTENT_PATH = "/api/v1/content"
MANIFEST_NAME = "manifest.json"
CURRENT_FILE = "current.json"
LOCAL_LABEL = "lokal"
"""The content version a station reports while it runs the content it was installed with."""
MAX_BUNDLE_BYTES = 64 * 1024 * 1024
MAX_FILE_BYTES = 4 * 1024 * 1024


class BundleRefused(Exception):
    """A bundle failed verification or validation; the message says which file and why."""


@dataclass(frozen=True)
class InstalledContent:
    """A content version installed on this station."""

    version: int
    label: str
    etag: str
    path: Path
    catalog: Catalog | None = field(default=None, compare=False, repr=False)
    """The catalog built from the check that accepted it (only right after ``install``)."""


class PollOutcome(StrEnum):
    """What one poll of the center came to."""

    UP_TO_DATE = "up_to_date"
    INSTALLED = "installed"
    REFUSED = "refused"
    UNREACHABLE = "unreachable"


@dataclass(frozen=True)
class PollResult:
    """One poll's outcome, with the version installed or the reason it failed."""

    outcome: PollOutcome
    detail: str = ""
    installed: InstalledContent | None = None


# --- the versions on disk ----------------------------------------------------------------------

class ContentVersions:
    """The content versions installed below ``root`` (``data_dir/content``)."""

    def __init__(self, root: Path, checks: Mapping[str, DocumentCheck] | None = None):
        self.root = root
        self.checks = checks or {}

    def current(self) -> InstalledContent | None:
        """The version in use, or None while the station runs its shipped content."""
        try:
            data = json.loads((self.root / CURRENT_FILE).read_text(encoding="utf-8"))
            found = InstalledContent(int(data["version"]), str(data["label"]), str(data["etag"]),
                                     self.root / str(data["path"]))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.error("content: %s is unreadable (%s); running the shipped content",
                      self.root / CURRENT_FILE, exc)
            return None
        return found if found.path.is_dir() else None

    def install(self, manifest: Mapping[str, Any], etag: str, bundle: bytes) -> InstalledContent:
        """Verify, validate and switch to ``bundle``; BundleRefused (nothing changed) if it fails."""
        version, label, expected = _parse_manifest(manifest)
        files = _verified_files(bundle, expected, manifest)
        versions = self.root / "versions"
        versions.mkdir(parents=True, exist_ok=True)
        # Unpacked and checked where it will stay (a fresh folder no one uses yet), so the
        # catalog built from the check names the right files; only current.json switches.
        folder = Path(tempfile.mkdtemp(prefix=f"{version}-", dir=versions))
        try:
            for path, body in files.items():
                target = folder / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(body)
            check = check_content(folder, extra_checks=self.checks)
            if check.problems:
                shown = "; ".join(f"{p.path.relative_to(folder)}:{p.line or 0}: {p.message}"
                                  for p in check.problems[:3])
                raise BundleRefused(f"version {version} does not pass the content check "
                                    f"({len(check.problems)} problem(s)): {shown}")
            catalog = build.catalog(check)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        previous = self.current()
        installed = InstalledContent(version, label, etag, folder, catalog)
        self._point_to(installed)
        self._prune(keep={folder.name} | ({previous.path.name} if previous else set()))
        return installed

    def _point_to(self, installed: InstalledContent) -> None:
        data = {"version": installed.version, "label": installed.label, "etag": installed.etag,
                "path": installed.path.relative_to(self.root).as_posix()}
        temporary = self.root / f".{CURRENT_FILE}.tmp"
        with open(temporary, "w", encoding="utf-8") as out:
            json.dump(data, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, self.root / CURRENT_FILE)

    def _prune(self, keep: set[str]) -> None:
        """Remove every version folder but ``keep`` (also those a crash left half unpacked)."""
        for entry in (self.root / "versions").iterdir():
            if entry.name not in keep:
                shutil.rmtree(entry, ignore_errors=True)


def _parse_manifest(manifest: Mapping[str, Any]) -> tuple[int, str, dict[str, str]]:
    try:
        version = int(manifest["version"])
        label = str(manifest["label"])
        expected = {str(f["path"]): str(f["sha256"]).lower() for f in manifest["files"]}
    except (KeyError, TypeError, ValueError) as exc:
        raise BundleRefused(f"the manifest is not usable: {exc!r}") from None
    for path in expected:
        _check_member(path)
    return version, label, expected


def _check_member(path: str) -> None:
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or "\\" in path or not path.endswith(".yaml"):
        raise BundleRefused(f"the bundle names a file outside the content folder: {path!r}")


def _verified_files(bundle: bytes, expected: dict[str, str],
                    manifest: Mapping[str, Any]) -> dict[str, bytes]:
    """Every file of the bundle, each checked against the manifest's SHA-256."""
    if len(bundle) > MAX_BUNDLE_BYTES:
        raise BundleRefused(f"the bundle is larger than {MAX_BUNDLE_BYTES} bytes")
    try:
        archive = zipfile.ZipFile(io.BytesIO(bundle))
        members = {info.filename: info for info in archive.infolist() if not info.is_dir()}
        inside = json.loads(archive.read(MANIFEST_NAME))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BundleRefused(f"the bundle is not a content zip with {MANIFEST_NAME}: {exc}") from None
    if inside.get("manifest_sha256") != manifest.get("manifest_sha256") or \
            inside.get("version") != manifest.get("version"):
        raise BundleRefused("the bundle's manifest.json is not the version the center announced")
    names = set(members) - {MANIFEST_NAME}
    if names != set(expected):
        extra, missing = sorted(names - set(expected)), sorted(set(expected) - names)
        raise BundleRefused(f"the bundle's files differ from the manifest (not listed: {extra}; "
                            f"missing: {missing})")
    files: dict[str, bytes] = {}
    for path, sha in sorted(expected.items()):
        if members[path].file_size > MAX_FILE_BYTES:
            raise BundleRefused(f"{path}: larger than {MAX_FILE_BYTES} bytes")
        try:
            body = archive.read(path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:  # a CRC error is a BadZipFile
            raise BundleRefused(f"{path}: cannot be unpacked ({exc})") from None
        if hashlib.sha256(body).hexdigest() != sha:
            raise BundleRefused(f"{path}: SHA-256 does not match the manifest (the file was "
                                "changed on the way)")
        files[path] = body
    return files


# --- talking to the center ---------------------------------------------------------------------

class ContentClient:
    """The center's content API over HTTP(S) with the station's token (as the feedback delivery)."""

    def __init__(self, url: str, token: str, ca_file: Path | None = None, proxy: str | None = None,
                 timeout_s: float = 60.0, http_transport: httpx.BaseTransport | None = None):
        self.url = url.rstrip("/")
        self._client = httpx.Client(
            verify=tls_context(ca_file), proxy=proxy, transport=http_transport,
            timeout=httpx.Timeout(timeout_s, connect=10.0),
            headers={"Authorization": f"Bearer {token}", "User-Agent": f"vr-station/{__version__}"})

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def manifest(self, etag: str | None) -> tuple[dict[str, Any], str] | None:
        """The published manifest and its ETag; None when the center answers 304 for ``etag``.

        Raises httpx.HTTPError when the center cannot be reached or answers an error.
        """
        headers = {"If-None-Match": etag} if etag else {}
        response = self._client.get(self.url + CONTENT_PATH, headers=headers)
        if response.status_code == 304:
            return None
        response.raise_for_status()
        return response.json(), response.headers.get("etag", "")

    def bundle(self, version: int) -> bytes:
        """The zip of ``version``; raises httpx.HTTPError as ``manifest`` does."""
        response = self._client.get(f"{self.url}{CONTENT_PATH}/{version}/bundle")
        response.raise_for_status()
        return response.content


# --- the worker --------------------------------------------------------------------------------

class ContentFollower:
    """Polls the center every ``interval_s`` on its own thread and installs what it publishes.

    ``load`` builds the catalog of an installed version (on this thread); the kiosk takes it with
    ``take_update`` between visits.
    """

    def __init__(self, versions: ContentVersions, client: ContentClient,
                 interval_s: float = CenterSettings.content_poll_interval_s,
                 load: Callable[[Path], Catalog] | None = None):
        self.versions = versions
        self.client = client
        self.interval_s = interval_s
        self._load = load or (lambda path: load_catalog(path, extra_checks=versions.checks)[0])
        """Only for a version installed without its catalog at hand."""
        self._lock = threading.Lock()
        self._pending: Catalog | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.last_problem: str | None = None
        """Why the newest bundle was refused (or the center unreachable); None after a success."""

    def content_version(self) -> str:
        """The version this station runs (for the heartbeat): ``7:ab12…`` or ``lokal``."""
        return content_version(self.versions)

    def poll_once(self) -> PollResult:
        """Ask the center once and install a new version; never raises for network or bundle trouble."""
        current = self.versions.current()
        try:
            answer = self.client.manifest(current.etag if current else None)
            if answer is None:
                return self._done(PollResult(PollOutcome.UP_TO_DATE))
            manifest, etag = answer
            if current is not None and manifest.get("version") == current.version and \
                    etag == current.etag:
                return self._done(PollResult(PollOutcome.UP_TO_DATE))
            bundle = self.client.bundle(int(manifest["version"]))
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
            return self._done(PollResult(PollOutcome.UNREACHABLE, f"{type(exc).__name__}: {exc}"))
        try:
            installed = self.versions.install(manifest, etag, bundle)
        except BundleRefused as exc:
            log.error("content: refused the center's version %s: %s", manifest.get("version"), exc)
            return self._done(PollResult(PollOutcome.REFUSED, str(exc)))
        catalog = installed.catalog or self._load(installed.path)
        with self._lock:
            self._pending = catalog
        log.info("content: version %s installed; the station switches after this visit",
                 installed.label)
        return self._done(PollResult(PollOutcome.INSTALLED, installed=installed))

    def take_update(self) -> Catalog | None:
        """The catalog of a version installed since the last call (the kiosk's switch), or None."""
        with self._lock:
            catalog, self._pending = self._pending, None
        return catalog

    def start(self) -> None:
        """Poll now and then every ``interval_s`` on a daemon thread until ``stop``."""
        self._thread = threading.Thread(target=self._run, name="content-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 10.0) -> None:
        """Stop polling; a download in progress ends with the client's timeout at the latest."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
        self.client.close()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll_once()
            except Exception:  # the station runs on with its content; the next poll tries again
                log.exception("content: poll failed")
            self._stop.wait(self.interval_s)

    def _done(self, result: PollResult) -> PollResult:
        if result.outcome is PollOutcome.UNREACHABLE:
            log.info("content: center not reachable (%s); keeping version %s", result.detail,
                     self.content_version())
        self.last_problem = result.detail if result.outcome in (
            PollOutcome.REFUSED, PollOutcome.UNREACHABLE) else None
        return result


def content_version(versions: ContentVersions) -> str:
    """The version label a station runs (``7:ab12…``), or ``lokal`` for its shipped content."""
    current = versions.current()
    return current.label if current is not None else LOCAL_LABEL


def content_dir(versions: ContentVersions, shipped: Path) -> Path:
    """The content folder to load at start: the installed version's, else the shipped one."""
    current = versions.current()
    return current.path if current is not None else shipped


def station_versions(config: StationConfig) -> ContentVersions:
    """The content versions this station installed (``data_dir/content``), checked as at start."""
    from scenes.content_checks import CONTENT_CHECKS

    return ContentVersions(config.paths.data_dir / "content", CONTENT_CHECKS)


def start_following(config: StationConfig) -> ContentFollower | None:
    """Poll the configured center every ``center.content_poll_interval_s`` on a worker thread.

    None (logged) without a center or token.
    """
    center = config.center
    if not center.url or center.token_file is None:
        log.info("content: no center configured (center.url, center.token_file); running the "
                 "content in %s", content_dir(station_versions(config), config.paths.content_dir))
        return None
    try:
        client = ContentClient(center.url, read_token(center.token_file), ca_file=center.ca_file,
                               proxy=center.proxy)
    except TransportSetupError as exc:
        log.error("content: cannot follow the center's content: %s", exc)
        return None
    follower = ContentFollower(station_versions(config), client,
                               center.content_poll_interval_s)
    follower.start()
    return follower
