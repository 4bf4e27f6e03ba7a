"""Error pages of the staff routes: every refusal is a page in the staff's language with a way
back, never JSON. The device API (/api/) and the TUF repository keep their own answers."""

from __future__ import annotations

import logging
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException

from hub.staff.filters import BadFilterError
from hub.staff.render import page
from hub.staff.security import CsrfError, ForbiddenError, LoginRequiredError, NotFoundError

logger = logging.getLogger(__name__)

NOT_STAFF = ("/api/", "/tuf/", "/static/")
"""Paths whose clients are programs: they keep FastAPI's JSON answers."""
HEADINGS = {404: "error.not_found", 405: "error.method", 403: "error.forbidden"}
DETAILS = {
    404: "error.not_found_detail",
    405: "error.method_detail",
    403: "error.forbidden_detail",
}


def error_page(request: Request, status: int, heading: str, detail: str) -> Response:
    return page(request, "error.html", status, heading=heading, detail=detail)


def for_staff(request: Request) -> bool:
    return not request.url.path.startswith(NOT_STAFF)


def add_error_pages(app: FastAPI) -> None:
    async def login_required(request: Request, _: Exception) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    async def forbidden(request: Request, _: Exception) -> Response:
        return error_page(request, 403, "error.forbidden", "error.forbidden_detail")

    async def csrf(request: Request, _: Exception) -> Response:
        logger.warning(
            "form refused: no valid CSRF token (%s %s)", request.method, request.url.path
        )
        return error_page(request, 403, "error.csrf", "error.csrf_detail")

    async def not_found(request: Request, _: Exception) -> Response:
        return error_page(request, 404, "error.not_found", "error.not_found_detail")

    async def bad_filter(request: Request, error: Exception) -> Response:
        assert isinstance(error, BadFilterError)
        return error_page(request, 400, "error.bad_request", error.key)

    async def bad_value(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        if not for_staff(request):
            return await request_validation_exception_handler(request, error)
        return error_page(request, 400, "error.bad_request", "error.bad_value_detail")

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        if not for_staff(request) or error.status_code < 400:
            return await http_exception_handler(request, error)
        heading = HEADINGS.get(error.status_code, "error.bad_request")
        detail = DETAILS.get(error.status_code, "error.bad_value_detail")
        response = error_page(request, error.status_code, heading, detail)
        response.headers.update(error.headers or {})
        return response

    app.add_exception_handler(LoginRequiredError, login_required)
    app.add_exception_handler(ForbiddenError, forbidden)
    app.add_exception_handler(CsrfError, csrf)
    app.add_exception_handler(NotFoundError, not_found)
    app.add_exception_handler(BadFilterError, bad_filter)
    app.add_exception_handler(RequestValidationError, bad_value)
    app.add_exception_handler(HTTPException, http_error)
