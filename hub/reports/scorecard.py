"""The effectiveness scorecard's arithmetic, on plain numbers (no storage, no web).

Every figure is defined in docs/hub.md; the definitions here are the reference. A figure whose
denominator is zero or unknown is None ("no data"), never 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields

from hub.reports import histogram

HOURS_PER_YEAR = 365 * 24


@dataclass(frozen=True)
class UsageCounts:
    """What one kiosk (or, summed, one gate) did over a period."""

    expected_hours: int = 0
    """Hours of the period the kiosk was in service (enrolled and not revoked)."""
    operating_hours: int = 0
    """Hours of the period with at least one heartbeat."""
    sessions: int = 0
    engaged: int = 0
    session_hist: tuple[int, ...] = (0,) * histogram.BINS
    views: int = 0
    """Topic views plus article views."""
    lang_sessions: Mapping[str, int] = field(default_factory=dict)
    qr_shown: int = 0
    qr_opened: int = 0
    helpful_yes: int = 0
    helpful_no: int = 0
    searches: int = 0
    zero_searches: int = 0
    cost: float | None = None
    """Cost of the kiosk over the period (yearly cost x expected hours / 8,760), or None."""

    def __add__(self, other: UsageCounts) -> UsageCounts:
        values: dict[str, object] = {}
        for item in fields(self):
            mine, theirs = getattr(self, item.name), getattr(other, item.name)
            if item.name == "session_hist":
                values[item.name] = histogram.add(mine, theirs)
            elif item.name == "lang_sessions":
                merged = dict(mine)
                for lang, count in theirs.items():
                    merged[lang] = merged.get(lang, 0) + count
                values[item.name] = merged
            elif item.name == "cost":
                values[item.name] = None if mine is None or theirs is None else mine + theirs
            else:
                values[item.name] = mine + theirs
        return UsageCounts(**values)  # type: ignore[arg-type]


def sum_counts(counts: Iterable[UsageCounts]) -> UsageCounts:
    items = list(counts)
    if not items:
        return UsageCounts()
    result = items[0]
    for item in items[1:]:
        result = result + item
    return result


def kiosk_cost(yearly_cost: float | None, expected_hours: int) -> float | None:
    if yearly_cost is None:
        return None
    return yearly_cost * expected_hours / HOURS_PER_YEAR


def period_crossings(
    monthly: Mapping[str, int], month_days: Mapping[str, tuple[float, int]]
) -> float | None:
    """Crossings over a period: each month's figure x (its days in the period / its days).

    `month_days` maps 'YYYY-MM' -> (days of the month inside the period, days of the month).
    None when any month touched by the period has no figure."""
    total = 0.0
    for month, (inside, length) in month_days.items():
        if month not in monthly:
            return None
        total += monthly[month] * inside / length
    return total


def ratio(numerator: float, denominator: float | None, scale: float = 1.0) -> float | None:
    if not denominator:
        return None
    return numerator / denominator * scale


@dataclass(frozen=True)
class Score:
    counts: UsageCounts
    uptime_pct: float | None
    sessions_per_hour: float | None
    engaged_pct: float | None
    median_session_s: float | None
    views_per_session: float | None
    language_mix: dict[str, float]
    """Language -> % of sessions started in it, largest first."""
    qr_conversion_pct: float | None
    helpful_pct: float | None
    zero_result_pct: float | None
    crossings: float | None
    reach_per_1000: float | None
    cost_per_engaged: float | None

    @property
    def engaged_per_hour(self) -> float | None:
        return ratio(self.counts.engaged, self.counts.operating_hours)


def score(counts: UsageCounts, crossings: float | None = None) -> Score:
    c = counts
    uptime = ratio(c.operating_hours, c.expected_hours, 100)
    started = sum(c.lang_sessions.values())
    mix = {
        lang: n / started * 100
        for lang, n in sorted(c.lang_sessions.items(), key=lambda item: (-item[1], item[0]))
        if started
    }
    return Score(
        counts=c,
        uptime_pct=None if uptime is None else min(uptime, 100.0),
        sessions_per_hour=ratio(c.sessions, c.operating_hours),
        engaged_pct=ratio(c.engaged, c.sessions, 100),
        median_session_s=histogram.median(c.session_hist),
        views_per_session=ratio(c.views, c.sessions),
        language_mix=mix,
        qr_conversion_pct=ratio(c.qr_opened, c.qr_shown, 100),
        helpful_pct=ratio(c.helpful_yes, c.helpful_yes + c.helpful_no, 100),
        zero_result_pct=ratio(c.zero_searches, c.searches, 100),
        crossings=crossings,
        reach_per_1000=None if crossings is None else ratio(c.sessions, crossings, 1000),
        cost_per_engaged=None if c.cost is None else ratio(c.cost, c.engaged),
    )


def rank_key(item: Score) -> tuple[int, float, int]:
    """Gates rank by engaged sessions per operating hour, then by sessions; no data last."""
    per_hour = item.engaged_per_hour
    return (per_hour is None, -(per_hour or 0.0), -item.counts.sessions)
