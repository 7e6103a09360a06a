"""The staff's pages: login, dashboard, CSV export and password change."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response, StreamingResponse

from center import charts
from center.export import ExcelForm, csv_lines
from center.help import may_acknowledge, open_help_calls
from center.policy import load_policy
from center.staff import (
    LoginRefused,
    StaffError,
    authenticate,
    csrf_matches,
    end_session,
    set_password,
    start_session,
)
from center.stats import dashboard, parse_filters
from center.web.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    center_of,
    new_login_csrf,
    require_form,
    require_login,
    root,
    safe_next,
    same_origin,
    secure_cookies,
)
from center.web.rendering import render

router = APIRouter(include_in_schema=False)


@router.get("/login")
async def login_form(request: Request, next: str = "/") -> Response:
    """The login page; after login the browser goes on to ``next``."""
    return _login_page(request, next, error=None)


@router.post("/login")
async def login(request: Request) -> Response:
    """Check the credentials, start a login session and go on to the requested page."""
    form = await request.form()
    given = form.get("csrf_token")
    target = safe_next(str(form.get("next", "/")))
    if not same_origin(request) or not csrf_matches(request.cookies.get(LOGIN_CSRF_COOKIE, ""),
                                                    given if isinstance(given, str) else None):
        return _login_page(request, target, "Das Anmeldeformular war abgelaufen. Bitte versuchen "
                                            "Sie es noch einmal.", status_code=403)
    engine = center_of(request).engine
    now = datetime.now(UTC)
    try:
        user = await run_in_threadpool(authenticate, engine, str(form.get("username", ""))[:64],
                                       str(form.get("password", ""))[:1024], now)
    except LoginRefused as refusal:
        return _login_page(request, target, refusal.message, status_code=401)
    token = await run_in_threadpool(start_session, engine, user, now)
    response = RedirectResponse(root(request) + target, status_code=303)
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax",
                        secure=secure_cookies(request), path="/")
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    """End the login session and go back to the login page."""
    session = await require_login(request)
    await require_form(request, session)
    await run_in_threadpool(end_session, center_of(request).engine,
                            request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse(f"{root(request)}/login?abgemeldet=1", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/")
async def overview(request: Request) -> Response:
    """The dashboard: figures and charts for the filters in the query."""
    session = await require_login(request)
    center = center_of(request)
    today = datetime.now(center.timezone).date()
    filters, problems = parse_filters(dict(request.query_params), today)
    figures = await run_in_threadpool(dashboard, center.engine, filters,
                                      session.user.role.may_read_comments)
    policy = await run_in_threadpool(load_policy, center.engine)
    labels = center.labels
    o = figures.overview
    # Visitors rate with five smileys, not stars: the words under them.
    rating_bars = [charts.Bar(labels.rating(n), o.rating_counts[n - 1]) for n in range(5, 0, -1)]
    context = {
        "figures": figures, "filters": filters, "problems": problems, "policy": policy,
        "export_query": filters.query(),
        "day_chart": charts.day_columns(figures.per_day, "Sitzungen pro Tag", width=1100),
        "station_chart": charts.bars([charts.Bar(name, n) for name, n in figures.per_station],
                                     "Sitzungen pro Station", total=o.sessions),
        "rating_chart": charts.bars(rating_bars, "Verteilung der Bewertungen", total=o.rated or None),
        "worked_chart": charts.bars([charts.Bar(labels.chip(c), n) for c, n in figures.worked],
                                    "Das hat funktioniert", total=o.sessions),
        "not_worked_chart": charts.bars([charts.Bar(labels.chip(c), n)
                                         for c, n in figures.not_worked],
                                        "Das hat nicht funktioniert", bad=True, total=o.sessions),
        "gauge": charts.target_gauge(o.top_share, policy.target_top_share,
                                     labels.top_ratings()),
        # Open help calls on top of the overview (issue 16): a visitor is waiting.
        "help_calls": await run_in_threadpool(open_help_calls, center.engine),
        "may_acknowledge": may_acknowledge(session.user.role), "back_to_overview": True,
    }
    return render(request, "dashboard.html", context, session=session)


@router.get("/export.csv")
async def export(request: Request) -> Response:
    """The filtered sessions as CSV for German Excel, or raw (``?format=raw``).

    Comments only for roles that may read them.
    """
    session = await require_login(request)
    center = center_of(request)
    filters, _problems = parse_filters(dict(request.query_params), datetime.now(center.timezone).date())
    raw = request.query_params.get("format") == "raw"
    name = f"sitzungen_{filters.day_from.isoformat()}_{filters.day_to.isoformat()}" \
        f"{'_rohdaten' if raw else ''}.csv"
    excel = None if raw else ExcelForm(center.labels, center.timezone)
    return StreamingResponse(
        csv_lines(center.engine, filters, with_comments=session.user.role.may_read_comments,
                  excel=excel),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"',
                 "Cache-Control": "no-store"})


@router.get("/konto")
async def account(request: Request) -> Response:
    """The account page, where staff change their password."""
    session = await require_login(request)
    return render(request, "account.html", {"message": None, "error": None}, session=session)


@router.post("/konto/passwort")
async def change_password(request: Request) -> Response:
    """Change the password after checking the current one; all sessions end."""
    session = await require_login(request)
    form = await require_form(request, session)
    engine = center_of(request).engine
    current, new, repeated = (str(form.get(k, ""))[:1024] for k in ("current", "new", "repeat"))
    error = None
    try:
        await run_in_threadpool(authenticate, engine, session.user.username, current,
                                datetime.now(UTC))
    except LoginRefused:
        error = "Das bisherige Passwort stimmt nicht."
    if error is None and new != repeated:
        error = "Die beiden neuen Passwörter stimmen nicht überein."
    if error is None:
        try:
            await run_in_threadpool(set_password, engine, session.user.username, new)
        except StaffError as exc:
            error = str(exc)
    if error is not None:
        return render(request, "account.html", {"message": None, "error": error}, status_code=422,
                      session=session)
    # Changing the password ended every session of this user, this one too.
    response = RedirectResponse(f"{root(request)}/login?passwort=1", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _login_page(request: Request, target: str, error: str | None,
                status_code: int = 200) -> Response:
    token = new_login_csrf()
    notice = None
    if "abgemeldet" in request.query_params:
        notice = "Sie wurden abgemeldet."
    elif "passwort" in request.query_params:
        notice = "Ihr Passwort wurde geändert. Bitte melden Sie sich neu an."
    response = render(request, "login.html", {"csrf_token": token, "next": safe_next(target),
                                              "error": error, "notice": notice},
                      status_code=status_code)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                        secure=secure_cookies(request), path="/")
    return response
