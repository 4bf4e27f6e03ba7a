"""95% intervals for the scorecard's rates, from statsmodels (never hand-written formulas).

Proportions (engaged share, helpful share, QR conversion, uptime) use the Wilson score interval;
counts per exposure (sessions per 1,000 crossings) use the exact Poisson (Garwood) interval.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint
from statsmodels.stats.rates import confint_poisson

LEVEL = 0.95
ALPHA = 1 - LEVEL
MAX_GROWTH = 1024.0
"""More data than this many times the current sample is reported as 'many more'."""


@dataclass(frozen=True)
class Estimate:
    """A rate with its 95% interval, on the scale it is shown (% or per 1,000)."""

    value: float | None
    low: float | None
    high: float | None
    n: int
    """The sample size: trials of a proportion, events of a count."""

    @property
    def known(self) -> bool:
        return self.value is not None and self.low is not None and self.high is not None

    def side(self, threshold: float) -> int:
        """+1 when the whole interval is above the threshold, -1 when below, 0 when it
        straddles it (or there is no data)."""
        if not self.known:
            return 0
        assert self.low is not None and self.high is not None
        if self.low > threshold:
            return 1
        if self.high < threshold:
            return -1
        return 0


NO_ESTIMATE = Estimate(None, None, None, 0)


def proportion(successes: int, trials: int, scale: float = 100.0) -> Estimate:
    """Wilson score interval for successes out of trials (shown in % by default)."""
    if trials <= 0:
        return Estimate(None, None, None, 0)
    successes = min(max(successes, 0), trials)
    low, high = proportion_confint(successes, trials, alpha=ALPHA, method="wilson")
    return Estimate(successes / trials * scale, float(low) * scale, float(high) * scale, trials)


def proportion_difference(
    after: int, after_trials: int, before: int, before_trials: int, scale: float = 100.0
) -> Estimate:
    """The change of a share, after minus before (in percentage points by default), with
    Newcombe's interval (built from each side's Wilson interval); n is both samples together."""
    if after_trials <= 0 or before_trials <= 0:
        return Estimate(None, None, None, max(after_trials, 0) + max(before_trials, 0))
    after = min(max(after, 0), after_trials)
    before = min(max(before, 0), before_trials)
    low, high = confint_proportions_2indep(
        after, after_trials, before, before_trials, method="newcomb", compare="diff", alpha=ALPHA
    )
    value = after / after_trials - before / before_trials
    return Estimate(
        value * scale, float(low) * scale, float(high) * scale, after_trials + before_trials
    )


def rate(count: int, exposure: float | None, per: float = 1000.0) -> Estimate:
    """Exact Poisson interval for count events over an exposure (e.g. sessions per 1,000
    crossings); n is the count."""
    if not exposure or exposure <= 0:
        return Estimate(None, None, None, max(count, 0))
    count = max(count, 0)
    low, high = confint_poisson(count, exposure, method="exact-c", alpha=ALPHA)
    return Estimate(count / exposure * per, float(low) * per, float(high) * per, count)


def more_needed(make: Callable[[float], Estimate], current: int, threshold: float) -> int | None:
    """How many more of the sample (sessions, answers) would let an interval at today's rate
    clear the threshold: `make(f)` builds the estimate with f times today's sample. None when
    today's rate sits on the threshold (or far too near it to tell)."""
    if current <= 0:
        return None
    if make(1.0).side(threshold) != 0:
        return 0
    low, high = 1.0, 2.0
    while make(high).side(threshold) == 0:
        low, high = high, high * 2
        if high > MAX_GROWTH:
            return None
    for _ in range(30):
        middle = (low + high) / 2
        if make(middle).side(threshold) == 0:
            low = middle
        else:
            high = middle
        if high - low < 1 / current:
            break
    return max(1, math.ceil(current * (high - 1)))


def proportion_more(successes: int, trials: int, threshold_pct: float) -> int | None:
    share = successes / trials if trials else 0.0
    return more_needed(
        lambda f: proportion(round(share * trials * f), round(trials * f)), trials, threshold_pct
    )


def rate_more(count: int, exposure: float, threshold: float, per: float = 1000.0) -> int | None:
    return more_needed(lambda f: rate(round(count * f), exposure * f, per), count, threshold)
