"""The stations' content API: which version is published, and its bundle.

``GET /api/v1/content`` answers the newest version's manifest (every file's path and SHA-256)
with an ETag; a station that sends it back in If-None-Match gets 304 and nothing else, which is
what almost every poll gets. ``GET /api/v1/content/{version}/bundle`` is a zip of the files and
the same manifest; the station checks every file against the manifest before it uses any.
Both need the station's token, as the record delivery does.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel, Field
from starlette.responses import Response

from center import content_store as store
from center.api import ErrorAnswer, bearer, error_answer
from center.context import Center
from center.stations import station_for_token
from center.web.content_pages import ensure_published

router = APIRouter(prefix="/api/v1", tags=["stations"])


class ManifestFile(BaseModel):
    """One file of a content version."""

    path: str = Field(description="Path below the content folder, e.g. occupations/koch.yaml")
    sha256: str = Field(description="SHA-256 of the file's bytes, 64 hex digits")


class ContentManifest(BaseModel):
    """A published content version: what a station must have to run it."""

    schema_version: int
    version: int = Field(description="Version number; grows with every publish and rollback")
    label: str = Field(description="What the station reports as its content version")
    published_at: str
    manifest_sha256: str
    files: list[ManifestFile]


_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorAnswer, "description": "No token, or not a valid station token"},
    404: {"model": ErrorAnswer, "description": "No such version"},
    503: {"model": ErrorAnswer, "description": "The database is not reachable; try again later"},
}


async def _station(request: Request, credentials: HTTPAuthorizationCredentials | None) -> str | None:
    center: Center = request.app.state.center
    if credentials is None or credentials.scheme.lower() != "bearer":
        return None
    return await run_in_threadpool(station_for_token, center.engine, credentials.credentials)


@router.get("/content", response_model=ContentManifest,
            responses={**_ERRORS, 304: {"description": "The station has this version already"}},
            summary="The published content version (manifest)")
async def get_content(request: Request, credentials: Annotated[
        HTTPAuthorizationCredentials | None, Security(bearer)]) -> Any:
    """The newest version's manifest with its ETag; 304 when If-None-Match names it."""
    center: Center = request.app.state.center
    if await _station(request, credentials) is None:
        return error_answer(401, "send the station's token as 'Authorization: Bearer TOKEN'")
    await ensure_published(center)
    version = await run_in_threadpool(store.latest_version, center.engine)
    assert version is not None  # ensure_published made one
    headers = {"ETag": version.etag, "Cache-Control": "no-cache"}
    if version.etag in _tags(request.headers.get("if-none-match", "")):
        return Response(status_code=304, headers=headers)
    return Response(_json(version.manifest()), media_type="application/json", headers=headers)


MAX_VERSION = 2**31 - 1
"""The version column's largest value (a 32-bit integer on PostgreSQL): a larger number in the
path is a 422, not a database error (schemathesis found the 500)."""


@router.get("/content/{version}/bundle",
            responses={**_ERRORS, 200: {"content": {"application/zip": {}},
                                        "description": "The version's files and manifest.json"}},
            summary="Download a content version as a zip")
async def get_bundle(request: Request, version: Annotated[int, Path(
        ge=1, le=MAX_VERSION, description="A published version number")], credentials: Annotated[
        HTTPAuthorizationCredentials | None, Security(bearer)]) -> Any:
    """Every file of ``version`` and its manifest.json, as a zip."""
    center: Center = request.app.state.center
    if await _station(request, credentials) is None:
        return error_answer(401, "send the station's token as 'Authorization: Bearer TOKEN'")
    found = await run_in_threadpool(store.get_version, center.engine, version)
    if found is None:
        return error_answer(404, f"there is no content version {version}")
    body = await run_in_threadpool(store.bundle, center.engine, found)
    return Response(body, media_type="application/zip", headers={
        "ETag": found.etag, "Content-Disposition": f'attachment; filename="content-{version}.zip"'})


def _tags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def _json(data: dict[str, object]) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")
