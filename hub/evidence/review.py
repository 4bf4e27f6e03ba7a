"""The annual investment review's figures: per gate the year's figures with intervals, the month
by month trend, the events with their before/after comparisons, cost per engaged session and
the verdict with its reason; and the national ranking. A year still running counts to date."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from hub.evidence import before_after
from hub.evidence.intervals import Estimate, rate
from hub.reports import period as periods
from hub.reports import queries
from hub.reports.period import Period, month_days_between
from hub.reports.ranking import GateScore, Scorecard, build_scorecard
from hub.reports.scorecard import period_crossings
from hub.reports.service import service_spans
from hub.staff.context import StaffContext
from hub.store.queries import UsageFilter


@dataclass(frozen=True)
class MonthPoint:
    month: str
    """'YYYY-MM'."""
    sessions: int
    reach: Estimate


@dataclass(frozen=True)
class GateReview:
    row: GateScore
    trend: list[MonthPoint]
    comparisons: list[before_after.Comparison]


@dataclass(frozen=True)
class Review:
    year: int
    period: Period
    card: Scorecard
    gates: list[GateReview]
    made_at: datetime


def year_period(year: int, now: datetime) -> Period:
    return periods.to_date(date(year, 1, 1), date(year, 12, 31), now)


def build_review(ctx: StaffContext, year: int, gates: Collection[str] | None) -> Review:
    """The review of the gates (None: all) for a year; refused (PeriodError) for a year that
    has not begun."""
    now = ctx.now()
    period = year_period(year, now)
    costs = ctx.figures.yearly_costs(gates)
    crossings = ctx.figures.crossings(gates)
    kiosks = queries.kiosk_counts(ctx.store, ctx.qr, period, gates, costs, now)
    listed = [g.id for g in ctx.gates.visible(None) if gates is None or g.id in gates]
    rules = ctx.store.rules()
    card = build_scorecard(
        period, kiosks, crossings, listed, rules.rules if rules else None,
        rules.version if rules else 1,
    )  # fmt: skip
    trend = monthly_trend(ctx, period, gates, crossings)
    events = ctx.store.events(gates, period.first, period.last)
    reviews = [
        GateReview(
            row,
            trend.get(row.gate, []),
            [
                before_after.compare(ctx.store, crossings.get(e.gate, {}), e, now)
                for e in events
                if e.gate == row.gate
            ],
        )
        for row in card.gates
    ]
    return Review(year, period, card, reviews, now)


def monthly_trend(
    ctx: StaffContext,
    period: Period,
    gates: Collection[str] | None,
    crossings: dict[str, dict[str, int]],
) -> dict[str, list[MonthPoint]]:
    """{gate: sessions and reach per 1,000 crossings for each month of the period, to date};
    crossings count while the gate had a kiosk in service, and a month without one has none."""
    served = service_spans(ctx.store.devices(gates), period.since, period.until)
    result: dict[str, list[MonthPoint]] = defaultdict(list)
    for month in period.month_days():
        window = periods.month(month, period.cut or ctx.now())
        where = UsageFilter(
            since=window.since, until=window.until, gates=gates, kinds=["session_end"]
        )
        sessions = {t.group["gate"]: t.count for t in ctx.store.usage_totals(["gate"], where)}
        for gate in gates if gates is not None else ctx.gates.all():
            count = sessions.get(gate, 0)
            first, last = served.get(gate, (window.until, window.until))
            days = month_days_between(max(window.since, first), min(window.until, last))
            exposure = period_crossings(crossings.get(gate, {}), days) if days else None
            result[gate].append(MonthPoint(month, count, rate(count, exposure)))
    return dict(result)
