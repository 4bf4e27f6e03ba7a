"""The desk's evidence view: every article written for an unanswered search, and for those
published, the term's zero-result rate before and after (#12.7)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from hub.desk.access import desk, require_powers
from hub.desk.evidence_view import answered_terms_table
from hub.desk.roles import DeskPowers
from hub.staff.messages import translator
from hub.staff.render import csv_download, page
from hub.staff.security import staff, ui_lang
from hub.staff.tables import Table

router = APIRouter(tags=["staff: content desk"])
Powers = Annotated[DeskPowers, Depends(require_powers)]


def _table(request: Request, powers: DeskPowers) -> Table:
    ctx = staff(request)
    return answered_terms_table(
        ctx.store, desk(request).evidence.all(), powers.gates, ctx.now(),
        translator(ui_lang(request)), unpublished=True,
    )  # fmt: skip


@router.get("/desk/evidence", response_class=HTMLResponse)
def evidence(request: Request, powers: Powers) -> Response:
    table = _table(request, powers)
    return page(request, "desk/evidence.html", title=table.title, table=table, head_css=True)


@router.get("/desk/evidence.csv")
def evidence_csv(request: Request, powers: Powers) -> Response:
    return csv_download(_table(request, powers), "desk-evidence")
