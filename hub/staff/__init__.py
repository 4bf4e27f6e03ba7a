"""The staff pages of the hub: login, fleet, scorecard, demand, publishing, exports, QR take-away.

`install_staff(app, data_dir)` adds them to the hub's FastAPI app.
"""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI

from hub.staff.context import StaffContext, build_context
from hub.staff.errors import add_error_pages
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
        routes_preview,
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
        routes_preview,
    ):  # fmt: skip
        app.include_router(module.router)
    install_desk(app, ctx)
    app.mount("/static", routes_static.static_files(), name="static")
    add_error_pages(app)
    return ctx
