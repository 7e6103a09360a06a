"""Administration pages (role admin): the center's settings, stations and staff accounts."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from center.policy import CenterPolicy, PolicyError, load_policy, save_policy
from center.staff import (
    LoginSession,
    Role,
    StaffError,
    add_user,
    list_users,
    set_disabled,
    set_role,
)
from center.stations import StationError, add_station, list_stations, revoke_station, rotate_token
from center.web.auth import Refusal, center_of, forbidden, require_form, require_login, root
from center.web.rendering import render

router = APIRouter(prefix="/verwaltung", include_in_schema=False)

NOTICES = {
    "einstellungen": "Die Einstellungen wurden gespeichert.",
    "gesperrt": "Die Station wurde gesperrt. Ihr Token gilt nicht mehr.",
    "rolle": "Die Rolle wurde geändert.",
    "deaktiviert": "Das Konto wurde deaktiviert und abgemeldet.",
    "aktiviert": "Das Konto wurde wieder aktiviert.",
    "angelegt": ("Das Konto wurde angelegt. Bitten Sie die Person, nach der ersten Anmeldung "
                 "ihr Passwort zu ändern (über ihren Benutzernamen oben rechts)."),
}


async def _admin(request: Request) -> LoginSession:
    session = await require_login(request)
    if not session.user.role.may_administer:
        raise Refusal(forbidden(request, "Diese Seite ist der Rolle „Verwaltung“ vorbehalten."))
    return session


@router.get("")
async def admin_page(request: Request, hinweis: str = "") -> Response:
    """The admin page, with the notice that ``hinweis`` names after a change."""
    session = await _admin(request)
    return await _page(request, session, notice=NOTICES.get(hinweis))


@router.post("/einstellungen")
async def save_settings(request: Request) -> Response:
    """Save the rating target (percent) and the retention period (days)."""
    session = await _admin(request)
    form = await require_form(request, session)
    try:
        policy = CenterPolicy(target_top_share=_number(form.get("target_percent")) / 100,
                              retention_days=int(_number(form.get("retention_days"))))
        await run_in_threadpool(save_policy, center_of(request).engine, policy)
    except (PolicyError, ValueError) as exc:
        message = str(exc) if isinstance(exc, PolicyError) else "Bitte geben Sie ganze Zahlen ein."
        return await _page(request, session, error=message, status_code=422)
    return _done(request, "einstellungen")


@router.post("/stationen")
async def new_station(request: Request) -> Response:
    """Register a station and show its token once."""
    session = await _admin(request)
    form = await require_form(request, session)
    name = str(form.get("name", "")).strip()
    try:
        token = await run_in_threadpool(add_station, center_of(request).engine, name)
    except StationError as exc:
        return await _page(request, session, error=str(exc), status_code=422)
    return await _page(request, session, new_token=(name, token))


@router.post("/stationen/{name}/token")
async def new_station_token(request: Request, name: str) -> Response:
    """Give a station a new token (the old one stops working) and show it once."""
    session = await _admin(request)
    await require_form(request, session)
    try:
        token = await run_in_threadpool(rotate_token, center_of(request).engine, name)
    except StationError as exc:
        return await _page(request, session, error=str(exc), status_code=422)
    return await _page(request, session, new_token=(name, token))


@router.post("/stationen/{name}/sperren")
async def block_station(request: Request, name: str) -> Response:
    """Revoke a station's token."""
    session = await _admin(request)
    await require_form(request, session)
    try:
        await run_in_threadpool(revoke_station, center_of(request).engine, name)
    except StationError as exc:
        return await _page(request, session, error=str(exc), status_code=422)
    return _done(request, "gesperrt")


@router.post("/konten")
async def new_user(request: Request) -> Response:
    """Create a staff account."""
    session = await _admin(request)
    form = await require_form(request, session)
    try:
        await run_in_threadpool(add_user, center_of(request).engine,
                                str(form.get("username", "")).strip(),
                                str(form.get("password", "")), Role.parse(str(form.get("role", ""))))
    except StaffError as exc:
        return await _page(request, session, error=str(exc), status_code=422)
    return _done(request, "angelegt")


@router.post("/konten/{username}/rolle")
async def change_role(request: Request, username: str) -> Response:
    """Change an account's role; admins cannot take the admin role from themselves."""
    session = await _admin(request)
    form = await require_form(request, session)
    try:
        role = Role.parse(str(form.get("role", "")))
        if username == session.user.username and role is not Role.ADMIN:
            raise StaffError("Sie können sich nicht selbst die Verwaltungsrolle nehmen.")
        await run_in_threadpool(set_role, center_of(request).engine, username, role)
    except StaffError as exc:
        return await _page(request, session, error=str(exc), status_code=422)
    return _done(request, "rolle")


@router.post("/konten/{username}/{action}")
async def enable_or_disable(request: Request, username: str, action: str) -> Response:
    """Disable or re-enable an account; admins cannot disable their own."""
    session = await _admin(request)
    await require_form(request, session)
    if action not in ("deaktivieren", "aktivieren"):
        return await _page(request, session, error="Unbekannte Aktion.", status_code=404)
    disable = action == "deaktivieren"
    try:
        if disable and username == session.user.username:
            raise StaffError("Sie können Ihr eigenes Konto nicht deaktivieren.")
        await run_in_threadpool(set_disabled, center_of(request).engine, username, disable)
    except StaffError as exc:
        return await _page(request, session, error=str(exc), status_code=422)
    return _done(request, "deaktiviert" if disable else "aktiviert")


async def _page(request: Request, session: LoginSession, notice: str | None = None,
                error: str | None = None, new_token: tuple[str, str] | None = None,
                status_code: int = 200) -> Response:
    engine = center_of(request).engine
    context: dict[str, Any] = {
        "policy": await run_in_threadpool(load_policy, engine),
        "stations": await run_in_threadpool(list_stations, engine),
        "users": await run_in_threadpool(list_users, engine),
        "roles": list(Role), "notice": notice, "error": error, "new_token": new_token,
    }
    return render(request, "admin.html", context, status_code=status_code, session=session)


def _done(request: Request, notice: str) -> Response:
    return RedirectResponse(f"{root(request)}/verwaltung?hinweis={notice}", status_code=303)


def _number(value: object) -> float:
    return float(str(value).strip().replace(",", "."))
