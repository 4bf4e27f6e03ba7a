"""Figures staff enter: each gate's monthly crossings and the yearly cost of one of its kiosks."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hub.reports.period import today
from hub.staff.figures import FigureError
from hub.staff.messages import translator
from hub.staff.render import csv_download, page
from hub.staff.security import (
    NotFoundError,
    Viewer,
    check_csrf,
    require_gate,
    require_viewer,
    staff,
    ui_lang,
)
from hub.staff.tables import Column, Table

router = APIRouter(tags=["staff: figures"])

MONTHS_SHOWN = 12


def _months(end: date, count: int) -> list[str]:
    months = []
    year, month = end.year, end.month
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(months))


def _table(request: Request, viewer: Viewer) -> Table:
    ctx = staff(request)
    lang = ui_lang(request)
    t = translator(lang)
    gates = ctx.gates.visible(viewer.gates)
    ids = [g.id for g in gates]
    crossings = ctx.figures.crossings(ids)
    costs = ctx.figures.yearly_costs(ids)
    months = _months(today(), MONTHS_SHOWN)
    table = Table(
        "figures", t("figures.table"),
        [Column(t("col.gate")), Column(t("col.province")), Column(t("col.yearly_cost"), "money"),
         *(Column(month, "int") for month in months), Column(t("col.id"))],
    )  # fmt: skip
    for gate in gates:
        table.rows.append(
            [gate.short(lang), gate.province_label(lang), costs.get(gate.id),
             *(crossings.get(gate.id, {}).get(m) for m in months), gate.id]
        )  # fmt: skip
    return table


@router.get("/figures", response_class=HTMLResponse)
def figures_page(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)], saved: str = ""
) -> Response:
    ctx = staff(request)
    lang = ui_lang(request)
    return page(
        request, "figures.html", title=translator(lang)("nav.figures"), table=_table(request, viewer),
        gates=ctx.gates.visible(viewer.gates), this_month=today().strftime("%Y-%m"),
        saved=saved == "1",
    )  # fmt: skip


@router.get("/figures.csv")
def figures_csv(request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]) -> Response:
    return csv_download(_table(request, viewer), "gate-figures")


def _check_gate(request: Request, viewer: Viewer, gate: str) -> None:
    if gate not in staff(request).gates.all():
        raise NotFoundError
    require_gate(viewer, gate)


@router.post("/figures/crossings", dependencies=[Depends(check_csrf)])
def set_crossings(
    request: Request,
    viewer: Annotated[Viewer, Depends(require_viewer)],
    gate: Annotated[str, Form(max_length=64)],
    month: Annotated[str, Form(max_length=7)],
    crossings: Annotated[int, Form(ge=0, le=100_000_000)],
) -> Response:
    _check_gate(request, viewer, gate)
    try:
        staff(request).figures.set_crossings(gate, month, crossings, viewer.user.username)
    except FigureError as error:
        return _error(request, viewer, str(error))
    return RedirectResponse("/figures?saved=1", status_code=303)


@router.post("/figures/cost", dependencies=[Depends(check_csrf)])
def set_cost(
    request: Request,
    viewer: Annotated[Viewer, Depends(require_viewer)],
    gate: Annotated[str, Form(max_length=64)],
    yearly_cost: Annotated[int, Form(ge=0, le=10**13)],
) -> Response:
    _check_gate(request, viewer, gate)
    try:
        staff(request).figures.set_yearly_cost(gate, yearly_cost, viewer.user.username)
    except FigureError as error:
        return _error(request, viewer, str(error))
    return RedirectResponse("/figures?saved=1", status_code=303)


def _error(request: Request, viewer: Viewer, message: str) -> Response:
    ctx = staff(request)
    return page(
        request, "figures.html", 400, title=translator(ui_lang(request))("nav.figures"),
        table=_table(request, viewer), gates=ctx.gates.visible(viewer.gates),
        this_month=today().strftime("%Y-%m"), error=message,
    )  # fmt: skip
