"""Pages from the Jinja2 templates in ``templates/``, with German number and date filters."""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi import Request
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.responses import HTMLResponse
from starlette.templating import Jinja2Templates

from center.context import Center
from center.formatting import de_day, de_duration, de_number, de_percent, de_time
from center.staff import LoginSession


@cache
def templates() -> Jinja2Templates:
    """The Jinja templates of the staff pages, with the German number and date filters."""
    environment = Environment(loader=PackageLoader("center.web", "templates"),
                              autoescape=select_autoescape(["html"]), trim_blocks=True,
                              lstrip_blocks=True)
    environment.filters.update(number=de_number, percent=de_percent, day=de_day,
                               duration=de_duration)
    return Jinja2Templates(env=environment)


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200,
           session: LoginSession | None = None) -> HTMLResponse:
    """Render template ``name`` as an uncached page, with the values every page uses."""
    center: Center = request.app.state.center
    base = {"root": str(request.scope.get("root_path", "")).rstrip("/"), "session": session,
            "labels": center.labels,
            "local_time": lambda moment: de_time(moment, center.timezone)}
    response = templates().TemplateResponse(request, name, {**base, **context},
                                            status_code=status_code)
    response.headers["Cache-Control"] = "no-store"
    return response
