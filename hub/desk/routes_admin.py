"""The desk's audit log for admins: every edit, approval, rejection, publish and restore, as a
page and as CSV."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from hub.desk.access import desk
from hub.staff.render import csv_download, page
from hub.staff.security import Viewer, require_admin
from hub.staff.tables import Column, Table

router = APIRouter(tags=["staff: content desk"])


def _table(request: Request) -> Table:
    table = Table(
        "audit", "Audit",
        [Column("at"), Column("user"), Column("action"), Column("article"), Column("lang"),
         Column("detail")],
    )  # fmt: skip
    for entry in desk(request).store.audit_log(limit=100_000):
        table.rows.append(
            [entry.at, entry.username, entry.action, entry.article, entry.lang, entry.detail]
        )
    return table


@router.get("/desk/audit", response_class=HTMLResponse)
def audit(request: Request, viewer: Annotated[Viewer, Depends(require_admin)]) -> Response:
    entries = desk(request).store.audit_log(limit=500)
    return page(request, "desk/audit.html", title="Audit", entries=entries, head_css=True)


@router.get("/desk/audit.csv")
def audit_csv(request: Request, viewer: Annotated[Viewer, Depends(require_admin)]) -> Response:
    return csv_download(_table(request), "desk-audit")
