"""The stations' heartbeat and help-call endpoints (issue 16), beside ``POST /api/v1/sessions``.

The same station token; the same order of checks as the sessions endpoint: token (401), content
type (415), body (422), the body names the token's own station (403). The heartbeat's answer
tells the station which of its help calls staff have acknowledged.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import AwareDatetime, BaseModel, Field, ValidationError

from center.api import ERROR_RESPONSES, bearer, checked_station, error_answer
from center.context import Center
from center.health import Heartbeat, record_heartbeat
from center.help import HelpCall, acknowledged_among, store_help_call

router = APIRouter(prefix="/api/v1", tags=["stations"])

_STATION_ID = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class HeartbeatReport(BaseModel):
    """A station's state, sent at start and about once a minute; no personal data."""

    # Strict: "true" is not a boolean nor "3" a count (the spec says so, and schemathesis checks
    # that the server refuses what the spec does not allow).
    model_config = {"extra": "forbid", "strict": True}

    station_id: Annotated[str, _STATION_ID]
    app_version: str = Field(min_length=1, max_length=40)
    content_version: str = Field(min_length=1, max_length=80,
                                 description="The content version the station runs: a "
                                             "published version's label (7:ab12…), else a "
                                             "digest of its content folder")
    runtime_mode: Literal["xr", "desktop", "headless"]
    headset_state: str = Field(min_length=1, max_length=32,
                               description="running, paused (headset off), lost, closed or none")
    microphone_present: bool
    outbox_pending: int = Field(ge=0, le=10_000_000,
                                description="Visit records waiting on the station")
    last_error: str | None = Field(default=None, max_length=300)
    awaiting_help: list[UUID] = Field(default_factory=list, max_length=20,
                                      description="The station's help calls still waiting for "
                                                  "staff; the answer says which were acknowledged")


class HeartbeatAnswer(BaseModel):
    """The heartbeat was kept; which of the station's waiting help calls staff acknowledged."""

    acknowledged_help: list[str]


class HelpCallReport(BaseModel):
    """A visitor asked for help at a station: where (the kiosk step) and when; never who."""

    # Strict: "true" is not a boolean nor "3" a count (the spec says so, and schemathesis checks
    # that the server refuses what the spec does not allow).
    model_config = {"extra": "forbid", "strict": True}

    call_id: UUID = Field(description="Chosen by the station; a resent call is stored once")
    station_id: Annotated[str, _STATION_ID]
    step: str = Field(min_length=1, max_length=32, pattern=r"^[a-z_]+$")
    called_at: AwareDatetime


class HelpCallAnswer(BaseModel):
    """Whether the call was new to the center (False: a resend it already had)."""

    new: bool


def _body_schema(model: type[BaseModel]) -> dict[str, Any]:
    return {"requestBody": {"required": True, "content": {"application/json": {
        "schema": model.model_json_schema(ref_template="#/components/schemas/{model}")}}}}


@router.post("/heartbeat", response_model=HeartbeatAnswer, responses=ERROR_RESPONSES,
             summary="Report the station's state",
             description="Keeps the station's newest state for the Stationen page and answers "
                         "which of the help calls it names staff have acknowledged.",
             openapi_extra=_body_schema(HeartbeatReport))
async def post_heartbeat(request: Request, credentials: Annotated[
        HTTPAuthorizationCredentials | None, Security(bearer)]) -> Any:
    """Keep the heartbeat and answer with the acknowledged help calls."""
    checked = await _checked(request, credentials, HeartbeatReport)
    if isinstance(checked, JSONResponse):
        return checked
    center, station, report = checked
    assert isinstance(report, HeartbeatReport)
    heartbeat = Heartbeat(report.app_version, report.content_version, report.runtime_mode,
                          report.headset_state, report.microphone_present, report.outbox_pending,
                          report.last_error)
    await run_in_threadpool(record_heartbeat, center.engine, station, heartbeat, datetime.now(UTC))
    acknowledged = await run_in_threadpool(acknowledged_among, center.engine, station,
                                           [str(i) for i in report.awaiting_help])
    return HeartbeatAnswer(acknowledged_help=acknowledged)


@router.post("/help-calls", response_model=HelpCallAnswer, responses=ERROR_RESPONSES,
             summary="Call staff to a station",
             description="Stores a visitor's call for help (station and kiosk step, no personal "
                         "data) for the dashboard. Idempotent by call_id.",
             openapi_extra=_body_schema(HelpCallReport))
async def post_help_call(request: Request, credentials: Annotated[
        HTTPAuthorizationCredentials | None, Security(bearer)]) -> Any:
    """Store the call once; the dashboard lists it until staff acknowledge it."""
    checked = await _checked(request, credentials, HelpCallReport)
    if isinstance(checked, JSONResponse):
        return checked
    center, station, report = checked
    assert isinstance(report, HelpCallReport)
    call = HelpCall(str(report.call_id), station, report.step, report.called_at.astimezone(UTC))
    new = await run_in_threadpool(store_help_call, center.engine, station, call, datetime.now(UTC))
    return HelpCallAnswer(new=new)


async def _checked(request: Request, credentials: HTTPAuthorizationCredentials | None,
                   model: type[HeartbeatReport] | type[HelpCallReport]
                   ) -> JSONResponse | tuple[Center, str, BaseModel]:
    center: Center = request.app.state.center
    station = await checked_station(request, credentials, "application/json")
    if isinstance(station, JSONResponse):
        return station
    try:
        report = model.model_validate_json(await request.body())
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        return error_answer(422, f"{where}: {first['msg']}")
    if report.station_id != station:
        return error_answer(403, f"this token belongs to station '{station}', not "
                            f"'{report.station_id}'; nothing was stored")
    return center, station, report
