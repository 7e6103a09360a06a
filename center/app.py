"""The center's ASGI application: the stations' API, the staff's pages, and their plumbing."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from starlette.responses import Response
from starlette.staticfiles import StaticFiles

from center import api, content_api, health_api
from center.context import Center
from center.database import make_engine
from center.labels import load_labels
from center.middleware import BodyLimit, BodyTooLarge, SecurityHeaders, too_large_body
from center.retention import purge
from center.settings import ServerSettings, settings_from_env
from center.version import app_version
from center.web import admin, content_pages, pages, stations_page
from center.web.auth import Refusal
from visit_record.record import record_schema

log = logging.getLogger(__name__)

API_TITLE = "VR career station center"
EXAMPLE = {
    "schema_version": 1, "session_id": "5f0c6a52-8f1e-4d55-9a47-3c2e1b0d9f10",
    "station_id": "biz-1", "app_version": "0.1.0", "started_at": "2025-03-14T09:30:00Z",
    "ended_at": "2025-03-14T09:41:12Z", "mode": "interview", "occupation_id": "koch",
    "language": "de", "outcome": "completed", "rating": 4,
    "worked": ["interview_practice", "helpful_tips"], "not_worked": ["too_long"],
    "comment": "Die Fragen waren realistisch.",
    "interview": {"questions_asked": 8, "questions_answered": 8, "speaking_time_s": 402.5,
                  "words_per_minute": 121.0, "filler_words_per_minute": 3.1, "long_pauses": 2,
                  "job_terms_used": 6, "structured_answers_share": 0.75,
                  "eye_contact_share": None},
}
"""A valid record, as the spec's example (and a test that the example stays valid)."""


def create_app(settings: ServerSettings, engine: Engine | None = None) -> Any:
    """The ASGI app; ``engine`` defaults to one for ``settings.database_url``.

    The caller runs the migrations (``vr-center serve`` does, before it starts the server).
    """
    center = Center(settings=settings, engine=engine or make_engine(settings.database_url),
                    timezone=ZoneInfo(settings.timezone), labels=load_labels(settings.content_dir))

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        task = asyncio.create_task(_purge_periodically(center))
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            center.engine.dispose()

    app = FastAPI(title=API_TITLE, version=app_version(), lifespan=lifespan,
                  openapi_url="/api/v1/openapi.json", docs_url=None, redoc_url=None,
                  description="Stations deliver visitors' session feedback here. Staff pages "
                              "are not part of this API.")
    app.state.center = center
    app.include_router(api.router)
    app.include_router(health_api.router)
    app.include_router(pages.router)
    app.include_router(admin.router)
    app.include_router(stations_page.router)
    # Content editing and the stations' content downloads (issue 16).
    app.include_router(content_api.router)
    app.include_router(content_pages.router)
    app.mount("/static", StaticFiles(packages=[("center.web", "static")]), name="static")
    app.add_exception_handler(Refusal, _refusal)
    app.add_exception_handler(OperationalError, _database_down)
    app.add_exception_handler(BodyTooLarge, _too_large)
    app.openapi = lambda: _openapi(app, settings)  # type: ignore[method-assign]  # FastAPI's documented override
    # Outside FastAPI's own error handling, so an oversized body never reaches a handler.
    return SecurityHeaders(BodyLimit(app, settings.max_request_bytes))


def create_app_from_env() -> Any:
    """For ``uvicorn --factory`` in each worker process (``vr-center serve --workers N``)."""
    return create_app(settings_from_env())


async def _purge_periodically(center: Center) -> None:
    while True:
        try:
            await run_in_threadpool(purge, center.engine, datetime.now(UTC))
        except Exception:  # a failed purge must not stop the server; it runs again later
            log.exception("retention: purge failed")
        await asyncio.sleep(center.settings.purge_interval_s)


async def _refusal(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Refusal)
    return exc.response


async def _too_large(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, BodyTooLarge)
    return Response(too_large_body(exc.max_bytes), status_code=413, media_type="application/json",
                    headers={"Connection": "close"})


async def _database_down(_request: Request, exc: Exception) -> Response:
    log.error("database unavailable: %s", exc)
    return JSONResponse({"detail": "the center's database is not reachable; try again later",
                         "records": []}, status_code=503, headers={"Retry-After": "30"})


def _openapi(app: FastAPI, settings: ServerSettings) -> dict[str, Any]:
    if app.openapi_schema is None:
        spec = get_openapi(title=app.title, version=app.version, description=app.description,
                           routes=app.routes)
        record = record_schema()
        record.pop("$schema", None)
        record.pop("$id", None)
        spec["components"]["schemas"]["SessionRecord"] = record
        spec["components"]["schemas"]["SessionBatch"] = {
            "type": "array", "minItems": 1, "maxItems": settings.max_batch_records,
            "items": {"$ref": "#/components/schemas/SessionRecord"}, "examples": [[EXAMPLE]]}
        app.openapi_schema = spec
    return app.openapi_schema
