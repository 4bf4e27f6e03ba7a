"""The staff pages of the hub: login, fleet, scorecard, demand, publishing, exports, QR take-away.

`install_staff(app, data_dir)` adds them to the hub's FastAPI app.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from hub.staff.context import StaffContext, build_context
from hub.staff.filters import BadFilterError
from hub.staff.render import page
from hub.staff.security import CsrfError, ForbiddenError, LoginRequiredError, NotFoundError
from hub.staff.settings import StaffSettings
from hub.store import HubStore

logger = logging.getLogger(__name__)

__all__ = ["StaffSettings", "install_staff"]


def install_staff(
    app: FastAPI,
    data_dir: Path,
    settings: StaffSettings | None = None,
    store: HubStore | None = None,
) -> StaffContext:
    from hub.desk.access import install_desk
    from hub.staff import (
        routes_admin,
        routes_auth,
        routes_demand,
        routes_events,
        routes_figures,
        routes_fleet,
        routes_help,
        routes_publish,
        routes_qr,
        routes_report,
        routes_rules,
        routes_scorecard,
        routes_static,
    )

    ctx = build_context(data_dir, settings, store)
    app.state.staff = ctx
    for module in (
        routes_static, routes_auth, routes_help, routes_fleet, routes_scorecard, routes_demand,
        routes_figures, routes_report, routes_publish, routes_admin, routes_qr, routes_events,
        routes_rules,
    ):  # fmt: skip
        app.include_router(module.router)
    install_desk(app, ctx)
    app.mount("/static", routes_static.static_files(), name="static")
    _add_handlers(app)
    return ctx


def _add_handlers(app: FastAPI) -> None:
    async def login_required(request: Request, _: Exception) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    async def forbidden(request: Request, _: Exception) -> Response:
        return page(
            request, "error.html", 403, heading="error.forbidden", detail="error.forbidden_detail"
        )

    async def csrf(request: Request, _: Exception) -> Response:
        logger.warning(
            "form refused: no valid CSRF token (%s %s)", request.method, request.url.path
        )
        return page(request, "error.html", 403, heading="error.csrf", detail="error.csrf_detail")

    async def not_found(request: Request, _: Exception) -> Response:
        return page(
            request, "error.html", 404, heading="error.not_found", detail="error.not_found_detail"
        )

    async def bad_filter(request: Request, error: Exception) -> Response:
        return page(request, "error.html", 400, heading="error.bad_request", detail=str(error))

    app.add_exception_handler(LoginRequiredError, login_required)
    app.add_exception_handler(ForbiddenError, forbidden)
    app.add_exception_handler(CsrfError, csrf)
    app.add_exception_handler(NotFoundError, not_found)
    app.add_exception_handler(BadFilterError, bad_filter)
