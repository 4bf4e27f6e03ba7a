"""Known answers: fleets simulated with known true rates (fixed seeds). The 95% intervals cover
the truth about 95% of the time, the verdicts follow the truth, and the before/after comparison
finds a planted effect and none where none was planted, holiday rush included."""

from __future__ import annotations

import numpy as np
import pytest

from hub.evidence.before_after import change
from hub.evidence.decision import decide
from hub.evidence.intervals import proportion, rate
from hub.evidence.rules import PolicyRules
from hub.reports.scorecard import UsageCounts, score

RUNS = 800


def _covered(estimates: list, truth: float) -> float:
    return sum(e.low <= truth <= e.high for e in estimates) / len(estimates)


@pytest.mark.parametrize(("share", "trials"), [(0.1, 40), (0.35, 200), (0.7, 60), (0.92, 500)])
def test_wilson_intervals_cover_the_true_share(share: float, trials: int) -> None:
    draws = np.random.default_rng(16).binomial(trials, share, RUNS)
    coverage = _covered([proportion(int(k), trials) for k in draws], share * 100)
    assert 0.92 <= coverage <= 0.985, coverage


def test_reach_intervals_of_a_simulated_fleet_cover_the_true_reach() -> None:
    """A fleet of gates, each with its own true reach (2 to 40 per 1,000) and traffic."""
    rng = np.random.default_rng(1601)
    truths = rng.uniform(2, 40, RUNS)
    crossings = rng.uniform(2_000, 200_000, RUNS)
    sessions = rng.poisson(truths * crossings / 1000)
    estimates = [rate(int(s), float(x)) for s, x in zip(sessions, crossings, strict=True)]
    covered = sum(e.low <= t <= e.high for e, t in zip(estimates, truths, strict=True)) / RUNS
    assert 0.94 <= covered <= 0.99, covered  # the exact interval errs on the safe side


def test_verdicts_follow_the_true_reach_and_abstain_when_unsure() -> None:
    """Gates whose true reach is 4 per 1,000 (below the rule's 8) are never told to keep or
    expand; with much traffic they are told to reconsider; with little, 'not enough data'."""
    rng = np.random.default_rng(1602)
    rules = PolicyRules()
    found: dict[str, list[str]] = {"busy": [], "quiet": []}
    for name, crossings in (("busy", 50_000), ("quiet", 1_000)):
        for sessions in rng.poisson(4 * crossings / 1000, 300):
            counts = UsageCounts(
                expected_hours=700,
                operating_hours=700,
                sessions=int(sessions),
                engaged=int(sessions),
            )
            found[name].append(decide(score(counts, crossings), rules, 1)[0].verdict)
    assert found["busy"].count("reconsider") == 300
    assert not {"keep", "expand"} & set(found["quiet"])
    assert found["quiet"].count("not_enough_data") > 150


def _before_after(rng: np.random.Generator, effect: float, rush: float = 1.0) -> list[str]:
    """Four weeks each side at 25 sessions per 1,000 of 20,000 crossings; after the event the
    crossings grow by `rush` and the sessions per crossing by `effect`."""
    before = rng.poisson(25 * 20, RUNS)
    after = rng.poisson(25 * 20 * rush * effect, RUNS)
    return [
        change(int(b), 20_000, int(a), 20_000 * rush).finding
        for b, a in zip(before, after, strict=True)
    ]


def test_before_after_finds_a_planted_effect() -> None:
    findings = _before_after(np.random.default_rng(1603), effect=1.3)
    assert findings.count("rose") / RUNS >= 0.95


def test_before_after_finds_a_planted_drop() -> None:
    findings = _before_after(np.random.default_rng(1604), effect=0.75)
    assert findings.count("fell") / RUNS >= 0.95


def test_before_after_finds_nothing_where_nothing_was_planted() -> None:
    findings = _before_after(np.random.default_rng(1605), effect=1.0)
    assert findings.count("no_change") / RUNS >= 0.93


def test_a_holiday_rush_is_not_read_as_success() -> None:
    """Twice the crossings bring twice the sessions: per crossing, nothing changed."""
    findings = _before_after(np.random.default_rng(1606), effect=1.0, rush=2.0)
    assert findings.count("no_change") / RUNS >= 0.93
