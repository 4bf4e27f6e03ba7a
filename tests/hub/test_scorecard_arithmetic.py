"""The scorecard's figures against numbers worked out by hand on a small fixed data set.

Period: 5-6 October 2026, Viet Nam time = 2026-10-04T17:00Z .. 2026-10-06T17:00Z (48 hours).

kiosk       gate      in service                 heartbeat hours   sessions (engaged)
mc-a        mong-cai  whole period: 48 h         46                10 (6)
mc-b        mong-cai  from 10-05T05:30Z: 36 h    34                 2 (2)
mb-c        moc-bai   revoked 10-05T17:00Z: 24 h 12                 3 (1)
by-d        bo-y      whole period: 48 h         20                 1 (1)
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from hub.reports import histogram
from hub.reports.period import Period, month
from hub.reports.queries import kiosk_counts
from hub.reports.ranking import build_scorecard
from hub.reports.scorecard import period_crossings, score
from hub.staff.context import open_staff_db
from hub.staff.figures import GateFigures
from hub.staff.qr_opens import QrOpens
from hub.store import HubStore
from hub.store.records import Heartbeat, UsageRow
from tests.hub.hubui_support import add_device

PERIOD = Period(date(2026, 10, 5), date(2026, 10, 6))
START = datetime(2026, 10, 4, 17, tzinfo=UTC)
NOW = datetime(2026, 11, 1, tzinfo=UTC)
H = "2026-10-05T03:00:00Z"  # an hour inside the period
OUTSIDE = "2026-10-06T17:00:00Z"  # the first hour after it


def _row(kind: str, dims: dict, count: int, hist: tuple[int, ...] = (), hour: str = H) -> UsageRow:
    return UsageRow(hour, kind, dims, count, 0.0, hist or (0,) * 9)


def _beats(store: HubStore, device: str, first: datetime, hours: int) -> None:
    for index in range(hours):
        moment = first + timedelta(hours=index, minutes=7)
        store.record_heartbeat(Heartbeat(device, moment, 100.0, 10**10, 2, received_at=moment))


@pytest.fixture(scope="module")
def fixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[HubStore, QrOpens, GateFigures]:
    root: Path = tmp_path_factory.mktemp("arithmetic")
    store = HubStore(root / "hub.db")
    add_device(store, "mc-a", "mong-cai", datetime(2026, 9, 1, tzinfo=UTC))
    add_device(store, "mc-b", "mong-cai", datetime(2026, 10, 5, 5, 30, tzinfo=UTC))
    add_device(
        store,
        "mb-c",
        "moc-bai",
        datetime(2026, 9, 1, tzinfo=UTC),
        datetime(2026, 10, 5, 17, tzinfo=UTC),
    )
    add_device(store, "by-d", "bo-y", datetime(2026, 9, 1, tzinfo=UTC))
    store.upsert_usage(
        "mc-a",
        [
            _row("session_end", {"engaged": True}, 6, (0, 0, 0, 1, 2, 2, 1, 0, 0)),
            _row("session_end", {"engaged": False}, 4, (2, 2, 0, 0, 0, 0, 0, 0, 0)),
            _row("session_start", {"lang": "zh"}, 7),
            _row("session_start", {"lang": "vi"}, 3),
            _row("topic_view", {"topic": "entry-visa", "lang": "zh"}, 8),
            _row("article_view", {"article": "e-visa", "topic": "entry-visa", "lang": "zh"}, 7),
            _row("qr_shown", {"article": "e-visa", "lang": "zh"}, 7),
            _row("helpful", {"article": "e-visa", "lang": "zh", "helpful": True}, 3),
            _row("helpful", {"article": "e-visa", "lang": "zh", "helpful": False}, 1),
            _row("search", {"query": "hotel", "script": "Latn", "results": "0", "lang": "en"}, 2),
            _row("search", {"query": "visa", "script": "Latn", "results": "1-3", "lang": "en"}, 3),
            # outside the period: never counted
            _row("session_end", {"engaged": True}, 50, (0, 0, 0, 0, 50, 0, 0, 0, 0), OUTSIDE),
            _row("qr_shown", {"article": "e-visa", "lang": "zh"}, 50, hour=OUTSIDE),
        ],
    )
    store.upsert_usage(
        "mc-b",
        [
            _row("session_end", {"engaged": True}, 2, (0, 0, 0, 0, 0, 1, 1, 0, 0)),
            _row("session_start", {"lang": "en"}, 2),
            _row("article_view", {"article": "e-visa", "topic": "entry-visa", "lang": "en"}, 2),
            _row("qr_shown", {"article": "e-visa", "lang": "en"}, 2),
        ],
    )
    store.upsert_usage(
        "mb-c",
        [
            _row("session_end", {"engaged": True}, 1, (0, 0, 0, 0, 1, 0, 0, 0, 0)),
            _row("session_end", {"engaged": False}, 2, (1, 1, 0, 0, 0, 0, 0, 0, 0)),
            _row("session_start", {"lang": "km"}, 3),
        ],
    )
    store.upsert_usage(
        "by-d",
        [
            _row("session_end", {"engaged": True}, 1, (0, 0, 0, 1, 0, 0, 0, 0, 0)),
            _row("session_start", {"lang": "lo"}, 1),
        ],
    )
    _beats(store, "mc-a", START, 46)
    _beats(store, "mc-a", START + timedelta(hours=3, minutes=20), 1)  # same hour twice: one hour
    _beats(store, "mc-a", START - timedelta(hours=1), 1)  # before the period
    _beats(store, "mc-a", START + timedelta(hours=48), 1)  # after it
    _beats(store, "mc-b", datetime(2026, 10, 5, 5, tzinfo=UTC), 34)
    _beats(store, "mb-c", START, 12)
    _beats(store, "by-d", START, 20)
    db = open_staff_db(root)
    qr = QrOpens(db)
    qr.add("mc-a", H, "e-visa", "zh", 2)
    qr.add("mc-a", OUTSIDE, "e-visa", "zh", 9)
    figures = GateFigures(db)
    figures.set_crossings("mong-cai", "2026-10", 310_000, "test")
    figures.set_yearly_cost("mong-cai", 87_600_000, "test")  # 10,000 đồng an hour
    return store, qr, figures


def test_period_bounds_are_viet_nam_days() -> None:
    assert PERIOD.since == START
    assert PERIOD.until == START + timedelta(hours=48)
    assert PERIOD.month_days() == {"2026-10": (2, 31)}
    assert month("2026-02").month_days() == {"2026-02": (28, 28)}
    spanning = Period(date(2026, 1, 30), date(2026, 2, 2))
    assert spanning.month_days() == {"2026-01": (2, 31), "2026-02": (2, 28)}


def test_median_from_histogram_by_hand() -> None:
    # 10 sessions: [2, 2, 0, 1, 2, 2, 1, 0, 0]; the 5th value sits in [20, 30): 20 + (5-4)/1*10
    assert histogram.median((2, 2, 0, 1, 2, 2, 1, 0, 0)) == pytest.approx(30.0)
    # 12 sessions: the 6th value sits in [30, 60) holding 2, 5 below: 30 + (6-5)/2*30
    assert histogram.median((2, 2, 0, 1, 2, 3, 2, 0, 0)) == pytest.approx(45.0)
    assert histogram.median((0,) * 8 + (3,)) == 600
    assert histogram.median((0,) * 9) is None
    assert histogram.median((4, 0, 0, 0, 0, 0, 0, 0, 0)) == pytest.approx(2.5)


def test_crossings_over_part_of_a_month() -> None:
    assert period_crossings({"2026-10": 310_000}, {"2026-10": (2, 31)}) == pytest.approx(20_000)
    both = {"2026-01": (2, 31), "2026-02": (2, 28)}
    assert period_crossings({"2026-01": 31_000, "2026-02": 2_800}, both) == pytest.approx(2_200)
    assert period_crossings({"2026-01": 31_000}, both) is None


def test_kiosk_counts_from_the_store(fixed: tuple[HubStore, QrOpens, GateFigures]) -> None:
    store, qr, figures = fixed
    counts = {
        k.device.id: k.counts
        for k in kiosk_counts(store, qr, PERIOD, None, figures.yearly_costs(), now=NOW)
    }
    a = counts["mc-a"]
    assert (a.expected_hours, a.operating_hours) == (48, 46)
    assert (a.sessions, a.engaged, a.views) == (10, 6, 15)
    assert a.session_hist == (2, 2, 0, 1, 2, 2, 1, 0, 0)
    assert dict(a.lang_sessions) == {"zh": 7, "vi": 3}
    assert (a.qr_shown, a.qr_opened) == (7, 2)
    assert (a.helpful_yes, a.helpful_no, a.searches, a.zero_searches) == (3, 1, 5, 2)
    assert a.cost == pytest.approx(480_000)
    b = counts["mc-b"]
    assert (b.expected_hours, b.operating_hours, b.sessions, b.engaged) == (36, 34, 2, 2)
    assert b.cost == pytest.approx(360_000)
    c = counts["mb-c"]
    assert (c.expected_hours, c.operating_hours, c.sessions, c.engaged) == (24, 12, 3, 1)
    assert c.cost is None
    d = counts["by-d"]
    assert (d.expected_hours, d.operating_hours, d.sessions) == (48, 20, 1)


def test_kiosk_score_by_hand(fixed: tuple[HubStore, QrOpens, GateFigures]) -> None:
    store, qr, _ = fixed
    a = next(
        k
        for k in kiosk_counts(store, qr, PERIOD, ["mong-cai"], None, now=NOW)
        if k.device.id == "mc-a"
    )
    s = score(a.counts, crossings=20_000)
    assert s.uptime_pct == pytest.approx(46 / 48 * 100)  # 95.83 %
    assert s.sessions_per_hour == pytest.approx(10 / 46)
    assert s.engaged_pct == pytest.approx(60.0)
    assert s.median_session_s == pytest.approx(30.0)
    assert s.views_per_session == pytest.approx(1.5)
    assert s.language_mix == pytest.approx({"zh": 70.0, "vi": 30.0})
    assert list(s.language_mix) == ["zh", "vi"]
    assert s.qr_conversion_pct == pytest.approx(2 / 7 * 100)  # 28.57 %
    assert s.helpful_pct == pytest.approx(75.0)
    assert s.zero_result_pct == pytest.approx(40.0)
    assert s.reach_per_1000 == pytest.approx(0.5)  # 10 sessions per 20,000 crossings
    assert s.cost_per_engaged is None  # no cost given to this query


def test_gate_scorecard_by_hand(fixed: tuple[HubStore, QrOpens, GateFigures]) -> None:
    store, qr, figures = fixed
    kiosks = kiosk_counts(store, qr, PERIOD, None, figures.yearly_costs(), now=NOW)
    card = build_scorecard(PERIOD, kiosks, figures.crossings())
    gates = {g.gate: g for g in card.gates}
    mong_cai = gates["mong-cai"].score
    assert mong_cai.counts.expected_hours == 84
    assert mong_cai.counts.operating_hours == 80
    assert mong_cai.uptime_pct == pytest.approx(80 / 84 * 100)  # 95.24 %
    assert mong_cai.counts.sessions == 12
    assert mong_cai.sessions_per_hour == pytest.approx(0.15)
    assert mong_cai.engaged_pct == pytest.approx(8 / 12 * 100)
    assert mong_cai.median_session_s == pytest.approx(45.0)
    assert mong_cai.views_per_session == pytest.approx(17 / 12)
    assert mong_cai.language_mix == pytest.approx(
        {"zh": 7 / 12 * 100, "vi": 25.0, "en": 2 / 12 * 100}
    )
    assert mong_cai.qr_conversion_pct == pytest.approx(2 / 9 * 100)
    assert mong_cai.crossings == pytest.approx(20_000)
    assert mong_cai.reach_per_1000 == pytest.approx(0.6)
    assert mong_cai.counts.cost == pytest.approx(840_000)
    assert mong_cai.cost_per_engaged == pytest.approx(105_000)
    assert gates["moc-bai"].score.reach_per_1000 is None  # no crossings entered
    assert gates["moc-bai"].score.uptime_pct == pytest.approx(50.0)
    assert [(g.gate, g.rank) for g in card.gates] == [("mong-cai", 1), ("moc-bai", 2), ("bo-y", 3)]
    # 12 sessions per 20,000 crossings: 0.6 per 1,000, exact 95 % interval 0.31-1.05, below 8
    assert gates["mong-cai"].estimates.reach.high == pytest.approx(1.048, abs=0.001)
    assert (gates["mong-cai"].verdict, gates["mong-cai"].decision.reason) == (
        "reconsider",
        "low_reach",
    )
    # uptime 12 of 24 hours (Wilson 31-69 %) and 20 of 48 (28-56 %): clearly below 90 %
    assert (gates["moc-bai"].verdict, gates["moc-bai"].decision.reason) == ("fix", "often_down")
    assert (gates["bo-y"].verdict, gates["bo-y"].decision.reason) == ("fix", "often_down")
    assert {g.decision.version for g in card.gates} == {1}
    assert card.total.counts.sessions == 16
    assert card.total.reach_per_1000 is None  # moc-bai and bo-y have no crossings
