"""The hub store's read side, which the staff pages build on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hub.store import HubStore
from hub.store.queries import UsageFilter
from hub.store.records import Heartbeat, UsageRow
from tests.usage_support import enrolled

DAY = datetime(2026, 11, 20, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> HubStore:
    opened = HubStore(tmp_path / "hub.db")
    yield opened
    opened.close()


def search(query: str, results: str = "0", lang: str = "en") -> dict[str, str]:
    return {"query": query, "results": results, "lang": lang, "script": "Latn"}


def test_totals_group_by_gate_and_one_dimension(store: HubStore) -> None:
    mong_cai, _ = enrolled(store, "mong-cai")
    lao_bao, _ = enrolled(store, "lao-bao")
    hist = (1, 0, 0, 0, 1, 0, 0, 0, 0)
    store.upsert_usage(mong_cai, [
        UsageRow("2026-11-20T08:00:00Z", "article_view", {"article": "visa", "lang": "en"}, 2, 40.0, hist),
        UsageRow("2026-11-20T09:00:00Z", "article_view", {"article": "visa", "lang": "zh"}, 1, 3.0, (1,) + (0,) * 8),
    ])  # fmt: skip
    store.upsert_usage(lao_bao, [
        UsageRow("2026-11-20T08:00:00Z", "article_view", {"article": "visa", "lang": "lo"}, 5, 0.0, (5,) + (0,) * 8),
        UsageRow("2026-11-21T08:00:00Z", "article_view", {"article": "visa", "lang": "lo"}, 7, 0.0, (7,) + (0,) * 8),
    ])  # fmt: skip
    period = UsageFilter(since=DAY, until=DAY + timedelta(days=1), kinds=["article_view"])
    by_gate = {
        t.group["gate"]: (t.count, t.seconds, t.devices)
        for t in store.usage_totals(["gate"], period)
    }
    assert by_gate == {"mong-cai": (3, 43.0, 1), "lao-bao": (5, 0.0, 1)}
    by_lang = store.usage_totals(["dims.lang"], UsageFilter(gates=["mong-cai"]))
    assert [(t.group["dims.lang"], t.count) for t in by_lang] == [("en", 2), ("zh", 1)]
    [visa] = store.usage_totals(["dims.article"], period)
    assert visa.hist == (7, 0, 0, 0, 1, 0, 0, 0, 0)
    assert len(store.usage(UsageFilter(dims={"lang": "lo"}))) == 2


def test_zero_result_queries_are_shown_only_once_several_kiosks_saw_them(store: HubStore) -> None:
    kiosks = [enrolled(store, gate)[0] for gate in ("mong-cai", "mong-cai", "lao-bao")]
    for kiosk in kiosks:
        store.upsert_usage(kiosk, [UsageRow("2026-11-20T08:00:00Z", "search", search("ferry"), 2)])
    store.upsert_usage(kiosks[0], [
        UsageRow("2026-11-20T09:00:00Z", "search", search("casino"), 9),
        UsageRow("2026-11-20T09:00:00Z", "search", search("visa", results="4-10"), 9),
    ])  # fmt: skip
    demand = store.zero_result_queries(min_kiosks=3)
    assert [(d.query, d.lang, d.kiosks, d.searches) for d in demand] == [("ferry", "en", 3, 6)]
    assert store.zero_result_queries(UsageFilter(gates=["mong-cai"]), min_kiosks=3) == []


def test_heartbeats_give_the_fleet_status_and_operating_hours(store: HubStore) -> None:
    kiosk, _ = enrolled(store)
    for minutes in (0, 5, 65, 70, 200):
        moment = DAY + timedelta(minutes=minutes)
        store.record_heartbeat(
            Heartbeat(
                device_id=kiosk,
                device_time=moment + timedelta(seconds=30),
                uptime_s=minutes * 60.0,
                disk_free_bytes=10**9,
                content_version=12,
                last_sync_ok=False,
                last_sync_error="hub unreachable",
                errors={"usage_errors": 1},
                received_at=moment,
            )
        )
    latest = store.latest_heartbeats()[kiosk]
    assert latest.uptime_s == 200 * 60.0 and latest.content_version == 12
    assert latest.clock_skew_s == 30.0
    assert latest.last_sync_ok is False and latest.errors == {"usage_errors": 1}
    assert store.operating_hours(DAY, DAY + timedelta(days=1)) == {kiosk: 3}
    assert len(store.heartbeats(kiosk, DAY, DAY + timedelta(hours=1))) == 2
    assert store.prune_heartbeats(DAY + timedelta(days=2)) == 4
    assert kiosk in store.latest_heartbeats()  # the newest one is always kept


def test_devices_are_listed_by_gate_with_their_status(store: HubStore) -> None:
    active, _ = enrolled(store, "moc-bai")
    revoked, _ = enrolled(store, "cau-treo")
    store.revoke(revoked)
    listing = [(d.gate, d.status) for d in store.devices()]
    assert listing == [("cau-treo", "revoked"), ("moc-bai", "active")]
    assert [d.id for d in store.devices(["moc-bai"])] == [active]
