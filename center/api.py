"""The stations' API: ``POST /api/v1/sessions`` takes a batch of session records.

The request body is checked against the same JSON Schema the station uses
(``visit_record/schemas/session-record.schema.json``, embedded in the OpenAPI spec), so
station and center accept exactly the same records. Order of checks: token (401), content
type (415), JSON (422), every record (422, naming record and field), every record belongs to
the token's station (403); only then is anything stored.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from center.context import Center
from center.ingest import store_records
from center.policy import load_policy
from center.stations import station_for_token
from visit_record.record import check_record_json

router = APIRouter(prefix="/api/v1", tags=["stations"])
bearer = HTTPBearer(auto_error=False, description="The station's token from "
                    "'vr-center stations add NAME'")

MAX_LISTED_PROBLEMS = 20


class IngestAnswer(BaseModel):
    """How a delivered batch was taken in: counts of records by what became of them."""

    new: int = Field(description="Records stored now")
    duplicates: int = Field(description="Records the center had already (not counted again)")
    expired: int = Field(description="Records older than the retention period (not stored)")


class RecordProblem(BaseModel):
    """Why one record of a batch was refused."""

    record: int = Field(description="Position of the record in the request (0 = first)")
    session_id: str | None
    problems: list[str]


class ErrorAnswer(BaseModel):
    """A refused request: what is wrong and, for a batch, which records and why."""

    detail: str
    records: list[RecordProblem] = Field(default_factory=list)


class HealthAnswer(BaseModel):
    """The server is up and its database answers."""

    status: str


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorAnswer, "description": "No token, or not a valid station token"},
    403: {"model": ErrorAnswer, "description": "A record names another station than the token's"},
    413: {"model": ErrorAnswer, "description": "The request is larger than the center allows"},
    415: {"model": ErrorAnswer, "description": "The body is not application/json"},
    422: {"model": ErrorAnswer, "description": "Not valid JSON, or a record breaks the schema"},
    503: {"model": ErrorAnswer, "description": "The database is not reachable; try again later"},
}


@router.post(
    "/sessions", response_model=IngestAnswer, responses=ERROR_RESPONSES,
    summary="Deliver session records",
    description="Store a batch of session records from one station. Idempotent by session_id: "
                "a record sent again is answered as a duplicate and not counted twice. The batch "
                "is stored completely or not at all.",
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/SessionBatch"}}}}})
async def post_sessions(request: Request, credentials: Annotated[
        HTTPAuthorizationCredentials | None, Security(bearer)]) -> Any:
    """Check a station's batch completely, then store it in one transaction."""
    center: Center = request.app.state.center
    station = await checked_station(request, credentials, "the records as application/json")
    if isinstance(station, JSONResponse):
        return station
    body = await request.body()
    # Checking 200 records takes tens of milliseconds of CPU: off the event loop.
    return await run_in_threadpool(_accept, center, station, body)


def _accept(center: Center, station: str, body: bytes) -> Any:
    batch = _parse(body)
    if isinstance(batch, JSONResponse):
        return batch
    if not 1 <= len(batch) <= center.settings.max_batch_records:
        return error_answer(422, f"send between 1 and {center.settings.max_batch_records} "
                            f"records per request, not {len(batch)}")
    problems = [RecordProblem(record=i, session_id=_session_id(item), problems=found)
                for i, item in enumerate(batch) if (found := check_record_json(item))]
    if problems:
        shown = problems[:MAX_LISTED_PROBLEMS]
        first = shown[0]
        return error_answer(422, f"{len(problems)} of {len(batch)} records are not valid; "
                            f"record {first.record}: {first.problems[0]}", shown)
    foreign = [i for i, item in enumerate(batch) if item["station_id"] != station]
    if foreign:
        return error_answer(403, f"this token belongs to station '{station}', but record "
                            f"{foreign[0]} names station '{batch[foreign[0]]['station_id']}' "
                            f"({len(foreign)} record(s) of another station); nothing was stored")
    policy = load_policy(center.engine)
    result = store_records(center.engine, station, batch, datetime.now(UTC),
                           policy.retention_days, center.timezone)
    return IngestAnswer(new=result.new, duplicates=result.duplicates, expired=result.expired)


@router.get("/health", response_model=HealthAnswer, responses={503: ERROR_RESPONSES[503]},
            summary="Is the server up and its database reachable?")
async def health(request: Request) -> Any:
    """200 while the server's database answers; 503 (try again later) when it does not."""
    center: Center = request.app.state.center
    await run_in_threadpool(center.check_database)
    return HealthAnswer(status="ok")


def _parse(body: bytes) -> list[Any] | JSONResponse:
    try:
        data = json.loads(body, parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError) as exc:
        return error_answer(422, f"the body is not valid JSON: {exc}")
    except RecursionError:
        return error_answer(422, "the body is not valid JSON: nested too deeply")
    if not isinstance(data, list):
        return error_answer(422, "the body must be a JSON list of session records")
    return data


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _session_id(item: Any) -> str | None:
    value = item.get("session_id") if isinstance(item, dict) else None
    return value[:36] if isinstance(value, str) else None


async def checked_station(request: Request, credentials: HTTPAuthorizationCredentials | None,
                          wanted: str) -> str | JSONResponse:
    """The station a POST comes from, or the refusal of its token (401) or content type (415).

    Every station endpoint that takes a body checks in this order (module docstring); the 415
    says "send ``wanted``, not …".
    """
    center: Center = request.app.state.center
    if credentials is None or credentials.scheme.lower() != "bearer":
        return error_answer(401, "send the station's token as 'Authorization: Bearer TOKEN'")
    station = await run_in_threadpool(station_for_token, center.engine, credentials.credentials)
    if station is None:
        return error_answer(401, "unknown or revoked station token")
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json":
        return error_answer(415, f"send {wanted}, not {media_type or 'nothing'}")
    return station


def error_answer(status: int, detail: str, records: list[RecordProblem] | None = None
                 ) -> JSONResponse:
    """A refusal as the station endpoints answer it (``ErrorAnswer``; 401 names the scheme)."""
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    body = ErrorAnswer(detail=detail, records=records or [])
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)
