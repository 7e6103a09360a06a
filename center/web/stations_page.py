"""The *Stationen* page (every station's light and last heartbeat) and help-call acknowledgement.

Any staff member sees the page; acknowledging a help call needs a role that may change things
(``help.may_acknowledge``), changing the opening hours the admin role. Forms carry the CSRF
token like every other form of the dashboard.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from center.content_store import latest_version
from center.health import (
    HEADSET_WORDS,
    MODE_WORDS,
    SILENT_LIMIT,
    WEEKDAYS,
    HoursError,
    load_opening_hours,
    parse_opening_hours,
    save_opening_hours,
    station_overview,
)
from center.help import acknowledge, may_acknowledge, open_help_calls, recently_acknowledged
from center.staff import LoginSession
from center.web.auth import center_of, forbidden, require_form, require_login, root
from center.web.rendering import render

router = APIRouter(include_in_schema=False)

REFRESH_S = 30
"""The page reloads itself this often: a help call shows up without anyone pressing F5."""
NOTICES = {
    "quittiert": "Der Hilferuf ist quittiert. Die Station zeigt: „Hilfe ist unterwegs“.",
    "schon": "Diesen Hilferuf hat schon jemand quittiert.",
    "zeiten": "Die Öffnungszeiten wurden gespeichert.",
}


@router.get("/stationen")
async def stations_page(request: Request, hinweis: str = "") -> Response:
    """Every station with its light, and the open help calls on top."""
    session = await require_login(request)
    return await _page(request, session, notice=NOTICES.get(hinweis))


@router.post("/hilfe/{call_id}/quittieren")
async def acknowledge_call(request: Request, call_id: str) -> Response:
    """Acknowledge a help call: someone is on the way; the station learns it at its next heartbeat."""
    session = await require_login(request)
    form = await require_form(request, session)
    if not may_acknowledge(session.user.role):
        return forbidden(request, "Hilferufe quittieren dürfen die Rollen „Inhaltspflege“ und "
                                  "„Verwaltung“. Bitte sagen Sie dort Bescheid.")
    done = await run_in_threadpool(acknowledge, center_of(request).engine, call_id[:36],
                                   session.user.username, datetime.now(UTC))
    if form.get("zurueck") == "uebersicht":
        return RedirectResponse(f"{root(request)}/", status_code=303)
    return RedirectResponse(f"{root(request)}/stationen?hinweis={'quittiert' if done else 'schon'}",
                            status_code=303)


@router.post("/stationen/oeffnungszeiten")
async def save_hours(request: Request) -> Response:
    """Save the opening hours (admins): when a silent station is flagged."""
    session = await require_login(request)
    form = await require_form(request, session)
    if not session.user.role.may_administer:
        return forbidden(request, "Die Öffnungszeiten ändert die Rolle „Verwaltung“.")
    try:
        hours = parse_opening_hours([str(d) for d in form.getlist("weekday")],
                                    str(form.get("opens", "")), str(form.get("closes", "")))
    except HoursError as exc:
        return await _page(request, session, error=str(exc), status_code=422)
    await run_in_threadpool(save_opening_hours, center_of(request).engine, hours)
    return RedirectResponse(f"{root(request)}/stationen?hinweis=zeiten", status_code=303)


async def _page(request: Request, session: LoginSession, *, notice: str | None = None,
                error: str | None = None, status_code: int = 200) -> Response:
    center = center_of(request)
    now = datetime.now(UTC)
    hours = await run_in_threadpool(load_opening_hours, center.engine)
    newest = await run_in_threadpool(latest_version, center.engine)
    newest_content = newest.label if newest is not None else None
    context: dict[str, Any] = {
        "stations": await run_in_threadpool(station_overview, center.engine, now,
                                            center.timezone, hours, newest_content),
        "newest_content": newest_content,
        "help_calls": await run_in_threadpool(open_help_calls, center.engine),
        "answered": await run_in_threadpool(recently_acknowledged, center.engine, now),
        "may_acknowledge": may_acknowledge(session.user.role),
        "hours": hours, "weekdays": WEEKDAYS, "silent_minutes": int(SILENT_LIMIT.seconds // 60),
        "mode_words": MODE_WORDS, "headset_words": HEADSET_WORDS,
        "notice": notice, "error": error,
    }
    response = render(request, "stations.html", context, status_code=status_code, session=session)
    # A header, not a script: the pages allow no inline script (middleware.SECURITY_HEADERS).
    response.headers["Refresh"] = str(REFRESH_S)
    return response
