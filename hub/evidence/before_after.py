"""Before and after an event: sessions per crossing in the weeks before against the weeks after,
as a rate ratio with its 95% interval (statsmodels), so a holiday rush in crossings is not read
as the event's success. The window after an event still running is counted to date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from statsmodels.stats.rates import confint_poisson_2indep

from hub.evidence.intervals import ALPHA, Estimate, rate
from hub.evidence.storage import GateEvent
from hub.reports import period as periods
from hub.reports.period import Period, PeriodError, month_days_between
from hub.reports.scorecard import period_crossings
from hub.reports.service import service_spans
from hub.store import HubStore
from hub.store.queries import UsageFilter

DEFAULT_WEEKS = 4
FINDINGS = ("rose", "fell", "no_change", "not_enough_data")


@dataclass(frozen=True)
class Change:
    ratio: float | None
    """Sessions per crossing after / before."""
    low: float | None
    high: float | None
    finding: str
    """rose, fell (the whole interval is above / below 1), no_change, or not_enough_data."""


@dataclass(frozen=True)
class Comparison:
    event: GateEvent
    before: Period
    after: Period | None
    """None while the event is today or in the future: nothing after it yet."""
    before_reach: Estimate
    after_reach: Estimate
    change: Change


def change(before: int, before_exposure: float, after: int, after_exposure: float) -> Change:
    """The ratio of two Poisson rates with its MOVER interval (built from each rate's score
    interval: good coverage, also for small counts, and fast)."""
    if before <= 0 or after < 0 or before_exposure <= 0 or after_exposure <= 0:
        return Change(None, None, None, "not_enough_data")
    low, high = confint_poisson_2indep(
        after, after_exposure, before, before_exposure, method="mover", compare="ratio",
        alpha=ALPHA,
    )  # fmt: skip
    ratio = (after / after_exposure) / (before / before_exposure)
    finding = "rose" if low > 1 else "fell" if high < 1 else "no_change"
    return Change(ratio, float(low), float(high), finding)


def compare(
    store: HubStore,
    crossings: dict[str, int],
    event: GateEvent,
    now: datetime,
    weeks: int = DEFAULT_WEEKS,
) -> Comparison:
    """The `weeks` weeks before the event's day against the weeks after it (the day itself is
    left out), for its kiosk or, without one, its whole gate; crossings are the gate's. Each
    window counts only while the kiosk (or one of the gate's kiosks) was in service."""
    before = Period(event.day - timedelta(days=7 * weeks), event.day - timedelta(days=1))
    try:
        after: Period | None = periods.to_date(
            event.day + timedelta(days=1), event.day + timedelta(days=7 * weeks), now
        )
    except PeriodError:
        after = None
    served = _served(store, event, now)
    counts: list[tuple[int, float | None]] = []
    for window in (before, after):
        since = max(window.since, served[0]) if window else now
        until = min(window.until, served[1]) if window else now
        if until <= since:
            counts.append((0, None))
            continue
        where = UsageFilter(
            since=since, until=until, gates=[event.gate], kinds=["session_end"],
            devices=[event.device_id] if event.device_id else None,
        )  # fmt: skip
        sessions = sum(total.count for total in store.usage_totals(["gate"], where))
        counts.append((sessions, period_crossings(crossings, month_days_between(since, until))))
    (b_sessions, b_cross), (a_sessions, a_cross) = counts
    if b_cross is None or a_cross is None:
        found = Change(None, None, None, "not_enough_data")
    else:
        found = change(b_sessions, b_cross, a_sessions, a_cross)
    return Comparison(
        event, before, after, rate(b_sessions, b_cross), rate(a_sessions, a_cross), found
    )


def _served(store: HubStore, event: GateEvent, now: datetime) -> tuple[datetime, datetime]:
    """From the first enrolment to the last revocation (or now) of the event's kiosk, or of
    its gate's kiosks."""
    devices = [
        d for d in store.devices([event.gate]) if event.device_id in (None, d.id)
    ]  # fmt: skip
    return service_spans(devices, datetime.min.replace(tzinfo=UTC), now).get(event.gate, (now, now))
