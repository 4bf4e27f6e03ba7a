"""The effectiveness scorecard (all gates the viewer may see) and one gate's page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from hub.evidence.storage import GateEvent
from hub.reports import queries
from hub.reports.ranking import Scorecard, build_scorecard
from hub.staff import answer_view, charts, evidence_charts, scorecard_view
from hub.staff import formatting as fmt
from hub.staff.context import StaffContext
from hub.staff.filters import Days, Selected, Selection, select
from hub.staff.messages import translator
from hub.staff.render import page, table_csv
from hub.staff.security import Viewer, require_viewer, staff, ui_lang
from hub.staff.tables import Column, Table
from hub.store.schema import EVENT_KINDS

router = APIRouter(tags=["staff: scorecard"])


@dataclass
class ScorecardPage:
    card: Scorecard
    tables: dict[str, Table]
    charts: dict[str, dict[str, Any]]
    names: dict[str, str]
    events: list[GateEvent]
    reasons: dict[str, str]
    """Gate -> its verdict's reason in one line."""

    @property
    def counts(self) -> dict[str, int]:
        return answer_view.verdict_counts(self.card)


def build(ctx: StaffContext, sel: Selection, lang: str) -> ScorecardPage:
    t = translator(lang)
    now = ctx.now()
    costs = ctx.figures.yearly_costs(sel.gates)
    key = (sel.period, sel.gates, tuple(sorted(costs.items())))
    kiosks = ctx.reports.get(
        ("kiosks", *key),
        lambda: queries.kiosk_counts(ctx.store, ctx.qr, sel.period, sel.gates, costs, now),
    )
    listed = [g.id for g in sel.options if sel.gates is None or g.id in sel.gates]
    rules = ctx.store.rules()
    card = build_scorecard(
        sel.period, kiosks, ctx.figures.crossings(sel.gates), listed,
        rules.rules if rules else None, rules.version if rules else 1,
    )  # fmt: skip
    sessions = ctx.reports.get(
        ("weekly", *key), lambda: queries.weekly_sessions(ctx.store, sel.period, sel.gates)
    )
    uptime = ctx.reports.get(
        ("uptime", *key),
        lambda: queries.weekly_uptime(ctx.store, sel.period, [k.device for k in kiosks], now),
    )
    week_days = queries.week_days(sel.period)
    order = [g.gate for g in card.gates]
    names = {g: ctx.gates.get(g).short(lang) for g in order}
    weekly = Table(
        "weekly",
        t("score.weekly"),
        [Column(t("col.gate")), Column(t("col.week"), "day"), Column(t("col.days_counted"), "num", 1),
         Column(t("col.sessions_per_day"), "num"), Column(t("col.uptime"), "pct")],
        note=t("score.weekly_note"),
    )  # fmt: skip
    for gate in order:
        for week in sorted(set(sessions.get(gate, {})) | set(uptime.get(gate, {}))):
            weekly.rows.append(
                [names[gate], date.fromisoformat(week), week_days.get(week),
                 sessions.get(gate, {}).get(week, 0), uptime.get(gate, {}).get(week)]
            )  # fmt: skip
    tables = {
        "answer": answer_view.answer_table(card, ctx.gates, lang, t),
        "gates": scorecard_view.gate_table(card, ctx.gates, lang, t),
        "kiosks": scorecard_view.kiosk_table(card, ctx.gates, lang, t),
        "languages": scorecard_view.language_table(card, ctx.gates, lang, t),
        "weekly": weekly,
    }
    events = ctx.store.events(order, sel.period.first, sel.period.last)
    partial = {
        w: t("chart.partial_week", days=fmt.number(d, lang, 1))
        for w, d in week_days.items()
        if d < 7
    }
    kinds = {kind: t(f"event.{kind}") for kind in EVENT_KINDS}
    figures = {
        "ranking": evidence_charts.reach_bars(
            t("chart.reach"), t("col.reach"), [names[g] for g in order],
            [g.estimates.reach for g in card.gates], [g.verdict for g in card.gates],
            [t(f"verdict.{g.verdict}") for g in card.gates],
        ),
        "sessions": charts.weekly_lines(
            t("chart.weekly_sessions"), t("col.sessions_per_day"),
            {g: sessions.get(g, {}) for g in order}, names,
        ),
        "uptime": charts.weekly_lines(
            t("chart.weekly_uptime"), t("col.uptime"), {g: uptime[g] for g in order if g in uptime}, names
        ),
        "languages": scorecard_view.language_chart(card, ctx.gates, lang, t),
    }  # fmt: skip
    for name in ("sessions", "uptime"):
        evidence_charts.mark_partial_weeks(figures[name], partial)
        evidence_charts.mark_events(figures[name], events, kinds)
    reasons = {g.gate: answer_view.reason_text(g.decision, lang, t) for g in card.gates}
    return ScorecardPage(card, tables, figures, names, events, reasons)


def _with_answered_terms(request: Request, built: ScorecardPage, sel: Selection, lang: str) -> None:
    """The terms the desk wrote an article for, before and after it was published (#12)."""
    from hub.desk.access import desk
    from hub.desk.evidence_view import answered_terms_table

    ctx = staff(request)
    built.tables["answered"] = answered_terms_table(
        ctx.store, desk(request).evidence.all(), sel.gates, ctx.now(), translator(lang)
    )


@router.get("/scorecard", response_class=HTMLResponse)
def scorecard_page(request: Request, sel: Selected) -> Response:
    lang = ui_lang(request)
    built = build(staff(request), sel, lang)
    _with_answered_terms(request, built, sel, lang)
    return page(
        request, "scorecard.html", title=translator(lang)("nav.scorecard"), sel=sel,
        built=built, csv_base="/scorecard.csv", charts_needed=True,
    )  # fmt: skip


@router.get("/scorecard.csv")
def scorecard_csv(request: Request, sel: Selected, table: str = "gates") -> Response:
    built = build(staff(request), sel, ui_lang(request))
    _with_answered_terms(request, built, sel, ui_lang(request))
    return table_csv(built.tables, table, sel.file_name("scorecard", table, sel.scope))


@router.get("/gates/{gate_id}.csv")
def gate_csv(
    request: Request,
    gate_id: str,
    viewer: Annotated[Viewer, Depends(require_viewer)],
    table: str = "kiosks",
    since: str | None = None,
    until: str | None = None,
    days: Days = None,
) -> Response:
    ctx = staff(request)
    sel = select(ctx, viewer, since, until, gate=gate_id, days=days)
    built = build(ctx, sel, ui_lang(request))
    return table_csv(built.tables, table, sel.file_name(gate_id, table))


@router.get("/gates/{gate_id}", response_class=HTMLResponse)
def gate_page(
    request: Request,
    gate_id: str,
    viewer: Annotated[Viewer, Depends(require_viewer)],
    since: str | None = None,
    until: str | None = None,
    days: Days = None,
) -> Response:
    ctx = staff(request)
    sel = select(ctx, viewer, since, until, gate=gate_id, days=days)
    lang = ui_lang(request)
    built = build(ctx, sel, lang)
    return page(
        request, "gate.html", title=ctx.gates.get(gate_id).label(lang), sel=sel, built=built,
        gate=ctx.gates.get(gate_id), row=built.card.gates[0] if built.card.gates else None,
        csv_base=f"/gates/{gate_id}.csv", charts_needed=True,
    )  # fmt: skip
