"""The verdict per gate: expand, keep, fix or reconsider its information point, or not enough
data yet, with a one-line reason and the rule version used.

A verdict is given only where a rate's 95% interval clears the rule's threshold. Problems
that can be fixed come first (a kiosk that is down, not engaging or unhelpful says nothing yet
about demand); then demand (reach per 1,000 crossings) and cost decide.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hub.evidence.estimates import Estimates, estimates
from hub.evidence.intervals import Estimate, rate_more
from hub.evidence.rules import PolicyRules
from hub.reports.scorecard import Score

VERDICTS = ("expand", "keep", "fix", "reconsider", "not_enough_data", "no_data")
"""Verdict codes; their texts are in the staff UI's messages."""
REASONS = (
    "no_kiosk", "down", "often_down", "not_engaging", "unhelpful", "no_crossings",
    "low_reach", "costly", "high_reach", "steady", "reach_unclear",
)  # fmt: skip
"""Reason codes; each has a one-line text in the staff UI's messages."""


@dataclass(frozen=True)
class Decision:
    verdict: str
    reason: str
    version: int
    """The rule version the verdict used."""
    figures: dict[str, float] = field(default_factory=dict)
    """Numbers the reason's text names (the rate, its interval, the threshold)."""
    more_sessions: int | None = None
    """For 'not enough data yet': about how many more sessions would settle it."""


def decide(item: Score, rules: PolicyRules, version: int) -> tuple[Decision, Estimates]:
    est = estimates(item)
    c = item.counts

    def made(verdict: str, reason: str, **figures: float) -> tuple[Decision, Estimates]:
        return Decision(verdict, reason, version, figures), est

    if c.expected_hours == 0:
        return made("no_data", "no_kiosk")
    if c.operating_hours == 0:
        return made("fix", "down")
    fixes = (
        ("often_down", est.uptime, rules.min_uptime_pct),
        ("not_engaging", est.engaged, rules.min_engaged_pct),
        ("unhelpful", est.helpful, rules.min_helpful_pct),
    )
    for reason, estimate, threshold in fixes:
        if estimate.side(threshold) < 0:
            return made("fix", reason, **_figures(estimate, threshold))
    reach = est.reach
    if not reach.known:
        return made("not_enough_data", "no_crossings")
    if reach.side(rules.low_reach_per_1000) < 0:
        return made("reconsider", "low_reach", **_figures(reach, rules.low_reach_per_1000))
    cost = est.cost_per_engaged
    if cost.side(rules.max_cost_per_engaged) > 0:
        return made("reconsider", "costly", **_figures(cost, rules.max_cost_per_engaged))
    if reach.side(rules.expand_reach_per_1000) > 0 and est.engaged.side(rules.min_engaged_pct) > 0:
        return made("expand", "high_reach", **_figures(reach, rules.expand_reach_per_1000))
    if reach.side(rules.low_reach_per_1000) > 0:
        return made("keep", "steady", **_figures(reach, rules.low_reach_per_1000))
    assert item.crossings is not None
    more = rate_more(c.sessions, item.crossings, rules.low_reach_per_1000)
    decision = Decision(
        "not_enough_data", "reach_unclear", version,
        _figures(reach, rules.low_reach_per_1000), more,
    )  # fmt: skip
    return decision, est


def _figures(estimate: Estimate, threshold: float) -> dict[str, float]:
    assert estimate.value is not None and estimate.low is not None and estimate.high is not None
    return {
        "value": estimate.value,
        "low": estimate.low,
        "high": estimate.high,
        "n": estimate.n,
        "threshold": threshold,
    }
