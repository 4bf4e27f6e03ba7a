"""Logging in and out, and choosing the page language."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hub.staff.render import SECURITY_HEADERS, page
from hub.staff.security import (
    LANG_COOKIE,
    LOGIN_COOKIE,
    SESSION_COOKIE,
    UI_LANGUAGES,
    check_csrf,
    cookie_secure,
    current_viewer,
    safe_next,
    staff,
)

logger = logging.getLogger(__name__)

router = APIRouter(tags=["staff: login"])


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> Response:
    if current_viewer(request) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return page(request, "login.html", next=safe_next(next))


@router.post("/login", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
def login(
    request: Request,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=256)],
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    ctx = staff(request)
    client = _client(request)
    wait = ctx.sessions.locked_minutes(username, client)
    if wait > 0:
        logger.warning("login refused for %r from %s: locked", username[:64], client)
        return page(
            request, "login.html", status_code=429, next=safe_next(next), username=username,
            error="login.locked", minutes=max(1, round(wait)),
        )  # fmt: skip
    user = ctx.accounts.verify(username, password)
    if user is None:
        ctx.sessions.record_failure(username, client)
        logger.info("login failed for %r from %s", username[:64], client)
        return page(
            request, "login.html", status_code=401, next=safe_next(next), username=username,
            error="login.failed",
        )  # fmt: skip
    ctx.sessions.clear_failures(username)
    token = ctx.sessions.start(user.id)
    logger.info("%s logged in from %s", user.username, client)
    response = RedirectResponse(safe_next(next), status_code=303, headers=SECURITY_HEADERS)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=cookie_secure(request),
        max_age=int(ctx.settings.sessions.max_hours * 3600),
    )
    response.delete_cookie(LOGIN_COOKIE)
    return response


@router.post("/logout", dependencies=[Depends(check_csrf)])
def logout(request: Request) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        staff(request).sessions.end(token)
    response = RedirectResponse("/login", status_code=303, headers=SECURITY_HEADERS)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/lang/{code}")
def choose_language(request: Request, code: str, next: str = "/") -> Response:
    response = RedirectResponse(safe_next(next), status_code=303)
    if code in UI_LANGUAGES:
        response.set_cookie(
            LANG_COOKIE, code, max_age=365 * 86400, samesite="lax", secure=cookie_secure(request)
        )
    return response
