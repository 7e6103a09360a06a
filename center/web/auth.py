"""Login sessions in cookies, CSRF checks and role checks for the staff pages."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from urllib.parse import quote, urlsplit

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from center.context import Center
from center.staff import LoginSession, csrf_matches, find_session
from center.web.rendering import render

SESSION_COOKIE = "vrc_session"
LOGIN_CSRF_COOKIE = "vrc_login_csrf"
"""Before login there is no session to hold a CSRF token: the login form's token is also set as
a cookie and the two must match (double-submit), so another site cannot log a browser in."""


class Refusal(Exception):
    """Answer the request with ``response`` instead (a redirect to the login, a 403 page)."""

    def __init__(self, response: Response):
        super().__init__()
        self.response = response


def center_of(request: Request) -> Center:
    """The Center that ``create_app`` attached to the app."""
    center: Center = request.app.state.center
    return center


async def require_login(request: Request) -> LoginSession:
    """The request's login session; Refusal redirecting to the login page without one."""
    token = request.cookies.get(SESSION_COOKIE, "")
    session = None
    if token:
        session = await run_in_threadpool(find_session, center_of(request).engine, token,
                                          datetime.now(UTC))
    if session is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise Refusal(RedirectResponse(f"{root(request)}/login?next={quote(target)}", status_code=303))
    return session


async def require_form(request: Request, session: LoginSession) -> FormData:
    """The posted form, after checking it came from our own page (origin and CSRF token)."""
    form = await request.form()
    token = form.get("csrf_token")
    if not same_origin(request) or not csrf_matches(session.csrf_token,
                                                    token if isinstance(token, str) else None):
        raise Refusal(forbidden(request, "Das Formular war abgelaufen oder stammt nicht von dieser "
                                         "Seite. Bitte laden Sie die Seite neu und versuchen Sie es "
                                         "noch einmal."))
    return form


def same_origin(request: Request) -> bool:
    """A browser names the page a form came from (Origin); it must be this server."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host", "")


def forbidden(request: Request, message: str) -> Response:
    """A 403 page with ``message`` (German)."""
    return render(request, "error.html", {"message": message}, status_code=403)


def new_login_csrf() -> str:
    """A fresh CSRF token for the login form (double-submit cookie)."""
    return secrets.token_urlsafe(32)


def secure_cookies(request: Request) -> bool:
    """Cookies only over HTTPS where the center is served over HTTPS.

    uvicorn with ``--proxy-headers`` reports the scheme a TLS-terminating proxy saw.
    """
    return request.url.scheme == "https"


def root(request: Request) -> str:
    """The path the center is mounted under behind a proxy, without a trailing slash."""
    return str(request.scope.get("root_path", "")).rstrip("/")


def safe_next(target: str | None) -> str:
    """Only paths on this server: ``next`` must not send a staff member to another site."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
