"""Verdicts from intervals and policy rules, on plain numbers."""

from __future__ import annotations

import pytest

from hub.evidence.decision import decide
from hub.evidence.intervals import proportion, rate, rate_more
from hub.evidence.rules import PolicyRules, RulesError
from hub.reports.scorecard import UsageCounts, score

RULES = PolicyRules()  # low reach 8, expand 30 per 1,000; uptime 90 %, engaged 40 %, helpful 50 %


def _gate(crossings: float | None = 10_000, **values: float) -> tuple[str, str]:
    base = {"expected_hours": 700, "operating_hours": 690, "sessions": 200, "engaged": 120}
    decision, _ = decide(score(UsageCounts(**{**base, **values}), crossings), RULES, 3)
    return decision.verdict, decision.reason


def test_wilson_interval_of_a_proportion() -> None:
    engaged = proportion(40, 100)
    assert (engaged.value, engaged.n) == (40.0, 100)
    assert engaged.low == pytest.approx(30.94, abs=0.01)
    assert engaged.high == pytest.approx(49.80, abs=0.01)


def test_exact_poisson_interval_of_sessions_per_1000_crossings() -> None:
    reach = rate(30, 1000)
    assert reach.value == pytest.approx(30.0)
    assert (reach.low, reach.high) == pytest.approx((20.24, 42.83), abs=0.01)


def test_a_rate_without_a_denominator_has_no_interval() -> None:
    assert not proportion(0, 0).known
    assert not rate(12, None).known


def test_each_verdict_on_clear_figures() -> None:
    assert _gate(sessions=400, engaged=300) == ("expand", "high_reach")  # 40 (36-44) > 30
    assert _gate() == ("keep", "steady")  # 20 (17-23) per 1,000: above 8, not above 30
    assert _gate(sessions=30, engaged=20) == ("reconsider", "low_reach")  # 3 (2.0-4.3) < 8
    assert _gate(operating_hours=500) == ("fix", "often_down")  # 71 % (68-75) < 90 %
    assert _gate(engaged=40) == ("fix", "not_engaging")  # 20 % (15-26) < 40 %
    assert _gate(helpful_yes=10, helpful_no=60) == ("fix", "unhelpful")
    assert _gate(operating_hours=0, sessions=0, engaged=0) == ("fix", "down")
    assert _gate(expected_hours=0, operating_hours=0) == ("no_data", "no_kiosk")
    assert _gate(crossings=None) == ("not_enough_data", "no_crossings")


def test_a_costly_gate_is_reconsidered() -> None:
    # 120 engaged sessions for 12 million đồng: 100,000 each (83,000-120,000) > 60,000
    assert _gate(cost=12_000_000) == ("reconsider", "costly")


def test_an_interval_across_the_threshold_gives_no_verdict_and_says_how_much_more() -> None:
    base = {"expected_hours": 700, "operating_hours": 690, "sessions": 9, "engaged": 6}
    decision, estimates = decide(score(UsageCounts(**base), 1000), RULES, 3)
    assert estimates.reach.low < 8 < estimates.reach.high  # 9 per 1,000: 4.1-17.1
    assert (decision.verdict, decision.reason) == ("not_enough_data", "reach_unclear")
    assert decision.more_sessions == rate_more(9, 1000, 8.0)
    assert decision.more_sessions is not None and decision.more_sessions > 100
    more = decision.more_sessions
    settled, _ = decide(
        score(
            UsageCounts(**{**base, "sessions": 9 + more, "engaged": 6 + more}),
            1000 * (9 + more) / 9,
        ),
        RULES,
        3,
    )
    assert settled.verdict == "keep"


def test_few_helpfulness_answers_are_not_judged() -> None:
    assert _gate(helpful_yes=1, helpful_no=3) == ("keep", "steady")  # 25 % of 4: 5-70 %


def test_a_verdict_names_its_rule_version() -> None:
    decision, _ = decide(score(UsageCounts(expected_hours=1), 10), RULES, 7)
    assert decision.version == 7


@pytest.mark.parametrize(
    "bad",
    [
        {"min_uptime_pct": 120},
        {"low_reach_per_1000": -1},
        {"low_reach_per_1000": 40, "expand_reach_per_1000": 30},
        {"min_engaged_pct": float("nan")},
    ],
)
def test_rules_that_cannot_make_a_policy_are_refused(bad: dict[str, float]) -> None:
    with pytest.raises(RulesError):
        PolicyRules(**bad)
