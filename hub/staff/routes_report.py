"""The printable monthly report per province (HTML made for print: the browser saves it as PDF)."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from hub.evidence.review import build_review
from hub.reports import period as periods
from hub.reports.period import PeriodError, today
from hub.staff import routes_demand, routes_scorecard
from hub.staff.filters import BadFilterError, bad_period, select
from hub.staff.messages import translator
from hub.staff.render import page, table_csv
from hub.staff.review_pdf import review_pdf
from hub.staff.routes_figures import _months
from hub.staff.security import Viewer, require_viewer, staff, ui_lang

router = APIRouter(tags=["staff: reports"])


@router.get("/reports", response_class=HTMLResponse)
def reports_index(request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]) -> Response:
    ctx = staff(request)
    provinces = ctx.gates.provinces()
    if viewer.province:
        provinces = {viewer.province: provinces.get(viewer.province, {})}
    now = today(staff(request).now())
    months = list(reversed(_months(now, 12)))
    return page(
        request, "reports.html", title=translator(ui_lang(request))("reports.title"),
        provinces=provinces, months=months, this_month=now.strftime("%Y-%m"),
        years=[now.year, now.year - 1],
    )  # fmt: skip


def _built(request: Request, viewer: Viewer, province: str, month: str):
    ctx = staff(request)
    try:
        chosen = periods.month(month, ctx.now())
    except PeriodError as error:
        raise bad_period(error) from error
    sel = select(ctx, viewer, chosen.first.isoformat(), chosen.last.isoformat(), province=province)
    sel = replace(sel, period=chosen)  # a month still running keeps its planned end
    lang = ui_lang(request)
    card = routes_scorecard.build(ctx, sel, lang)
    wants = routes_demand.build(ctx, sel, lang, None)
    return ctx, sel, lang, card, wants


@router.get("/reports/monthly/{province}/{month}.csv")
def monthly_csv(
    request: Request,
    province: str,
    month: str,
    viewer: Annotated[Viewer, Depends(require_viewer)],
    table: str = "gates",
) -> Response:
    _, _, _, card, wants = _built(request, viewer, province, month)
    tables = {**card.tables, **wants.tables}
    return table_csv(tables, table, f"report-{province}-{month}-{table}")


@router.get("/reports/monthly/{province}/{month}", response_class=HTMLResponse)
def monthly_report(
    request: Request,
    province: str,
    month: str,
    viewer: Annotated[Viewer, Depends(require_viewer)],
) -> Response:
    ctx, sel, lang, card, wants = _built(request, viewer, province, month)
    names = ctx.gates.provinces().get(province, {})
    return page(
        request, "report_monthly.html",
        title=translator(lang)("report.title", province=names.get(lang) or province, month=month),
        sel=sel, card=card, wants=wants, province=province, month=month,
        province_label=names.get(lang) or province, generated=ctx.now(), charts_needed=True,
        csv_base=f"/reports/monthly/{province}/{month}.csv",
    )  # fmt: skip


@router.get("/reports/review/{year}.pdf")
def review_download(
    request: Request, year: int, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    """The annual investment review of the gates the viewer may see, as a PDF."""
    ctx = staff(request)
    if not 2000 <= year <= 2100:
        raise BadFilterError(f"year {year}: from 2000 to 2100")
    try:
        review = build_review(ctx, year, viewer.gates)
    except PeriodError as error:
        raise bad_period(error) from error
    scope = viewer.province or "all"
    return Response(
        review_pdf(review, ctx.gates, ui_lang(request)),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="review-{year}-{scope}.pdf"'},
    )


@router.get("/reports/go")
def report_go(
    request: Request,
    viewer: Annotated[Viewer, Depends(require_viewer)],
    province: str = "",
    month: str = "",
) -> Response:
    from urllib.parse import quote

    from fastapi.responses import RedirectResponse

    if not province or not month:
        raise BadFilterError("choose a province and a month")
    return RedirectResponse(
        f"/reports/monthly/{quote(province, safe='')}/{quote(month, safe='')}", status_code=303
    )
