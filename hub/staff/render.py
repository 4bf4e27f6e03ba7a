"""Server-rendered pages and CSV downloads, with the headers every staff response carries."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from hub.staff import formatting as fmt
from hub.staff.messages import translate
from hub.staff.print_tables import print_parts
from hub.staff.routes_static import PLOTLY_PATH
from hub.staff.security import (
    LOGIN_COOKIE,
    NotFoundError,
    cookie_secure,
    csrf_token,
    current_viewer,
    ui_lang,
)
from hub.staff.tables import Table, to_csv

TEMPLATES = Path(__file__).parent / "templates"

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}

environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
environment.globals["fmt"] = fmt
environment.globals["plotly_path"] = PLOTLY_PATH
environment.globals["print_parts"] = print_parts


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    lang = ui_lang(request)
    viewer = current_viewer(request)
    values = {
        "request": request,
        "lang": lang,
        "t": lambda key, **kw: translate(key, lang, **kw),
        "viewer": viewer,
        "csrf": csrf_token(request),
        "path": request.url.path,
        "query": request.url.query,
        **context,
    }
    html = environment.get_template(template).render(values)
    response = HTMLResponse(html, status_code=status_code, headers=SECURITY_HEADERS)
    nonce = getattr(request.state, "login_nonce", None)
    if nonce and viewer is None:
        response.set_cookie(
            LOGIN_COOKIE,
            nonce,
            httponly=True,
            samesite="strict",
            secure=cookie_secure(request),
            max_age=3600,
        )
    return response


def csv_download(table: Table, filename: str) -> Response:
    safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in filename)[:100]
    headers = {
        **SECURITY_HEADERS,
        "Content-Disposition": f'attachment; filename="{safe}.csv"',
    }
    return Response(to_csv(table), media_type="text/csv; charset=utf-8", headers=headers)


def table_csv(tables: Mapping[str, Table], table: str, filename: str) -> Response:
    """One of a page's tables as a CSV download; a table the page does not have is a 404."""
    if table not in tables:
        raise NotFoundError
    return csv_download(tables[table], filename)
