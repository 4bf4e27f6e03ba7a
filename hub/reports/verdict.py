"""A plain-language verdict per gate, from its score and the fleet's typical use."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from hub.reports.scorecard import Score


@dataclass(frozen=True)
class VerdictRules:
    min_uptime_pct: float = 90.0
    low_use_ratio: float = 0.5
    """Low use: sessions per operating hour below this share of the median gate's."""
    min_engaged_pct: float = 40.0
    max_zero_result_pct: float = 25.0
    min_helpful_pct: float = 50.0
    min_answers: int = 20
    """Helpfulness is judged only with at least this many answers."""


VERDICTS = (
    "no_data",
    "down",
    "fix_first",
    "often_down",
    "low_use",
    "not_engaging",
    "unanswered",
    "unhelpful",
    "well_used",
)
"""Verdict codes, most urgent first; their texts are in the staff UI's messages."""


def typical_use(scores: Iterable[Score]) -> float | None:
    """The median of sessions per operating hour over gates that operated."""
    rates = [s.sessions_per_hour for s in scores if s.sessions_per_hour is not None]
    return statistics.median(rates) if rates else None


def verdict(item: Score, typical: float | None, rules: VerdictRules | None = None) -> str:
    rules = rules or VerdictRules()
    c = item.counts
    if c.expected_hours == 0:
        return "no_data"
    if c.operating_hours == 0:
        return "down"
    low_uptime = item.uptime_pct is not None and item.uptime_pct < rules.min_uptime_pct
    low_use = (
        typical is not None
        and item.sessions_per_hour is not None
        and item.sessions_per_hour < rules.low_use_ratio * typical
    )
    if low_uptime and low_use:
        return "fix_first"
    if low_uptime:
        return "often_down"
    if low_use:
        return "low_use"
    if item.engaged_pct is not None and item.engaged_pct < rules.min_engaged_pct:
        return "not_engaging"
    if item.zero_result_pct is not None and item.zero_result_pct > rules.max_zero_result_pct:
        return "unanswered"
    answers = c.helpful_yes + c.helpful_no
    if answers >= rules.min_answers and (item.helpful_pct or 0) < rules.min_helpful_pct:
        return "unhelpful"
    return "well_used"
