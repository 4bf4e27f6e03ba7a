"""Every rate of a score with its sample size and 95% interval."""

from __future__ import annotations

from dataclasses import dataclass

from hub.evidence.intervals import NO_ESTIMATE, Estimate, proportion, rate
from hub.reports.scorecard import Score


@dataclass(frozen=True)
class Estimates:
    uptime: Estimate
    """% of in-service hours with a heartbeat; n: in-service hours."""
    engaged: Estimate
    """% of sessions that went past the first screen; n: sessions."""
    helpful: Estimate
    """% of 'was this helpful?' answers that said yes; n: answers."""
    qr: Estimate
    """% of QR codes shown that were opened on a phone; n: codes shown."""
    reach: Estimate
    """Sessions per 1,000 crossings; n: sessions."""
    cost_per_engaged: Estimate
    """Đồng per engaged session; n: engaged sessions."""


def estimates(item: Score) -> Estimates:
    c = item.counts
    return Estimates(
        uptime=proportion(min(c.operating_hours, c.expected_hours), c.expected_hours),
        engaged=proportion(c.engaged, c.sessions),
        helpful=proportion(c.helpful_yes, c.helpful_yes + c.helpful_no),
        qr=proportion(min(c.qr_opened, c.qr_shown), c.qr_shown),
        reach=rate(c.sessions, item.crossings),
        cost_per_engaged=_cost_per(c.engaged, c.cost),
    )


def _cost_per(engaged: int, cost: float | None) -> Estimate:
    """The cost is known; the engaged sessions it bought are a count (exact Poisson), so the
    interval of cost per engaged session is the cost over the count's interval."""
    if cost is None or engaged <= 0:
        return NO_ESTIMATE if cost is None else Estimate(None, None, None, 0)
    per_dong = rate(engaged, cost, per=1.0)
    assert per_dong.low is not None and per_dong.high is not None
    high = cost / (per_dong.low * cost) if per_dong.low > 0 else None
    return Estimate(cost / engaged, 1 / per_dong.high, high, engaged)
