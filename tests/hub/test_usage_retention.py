"""Hourly usage is pruned only when asked, a whole Viet Nam day at a time, by the service's
hourly run; the daily roll-ups keep every figure."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hub.jobs import HubJobs
from hub.settings import HubSettings
from hub.store import HubStore
from hub.store.queries import UsageFilter
from hub.store.records import UsageRow
from hub.store.usage_retention import prune_old_usage
from tests.usage_support import enrolled

NOW = datetime(2026, 11, 30, 9, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HubStore]:
    opened = HubStore(tmp_path / "hub.db")
    yield opened
    opened.close()


def sessions(store: HubStore) -> int:
    return sum(t.count for t in store.usage_totals(["kind"], UsageFilter(kinds=["session_end"])))


def test_usage_older_than_the_retention_goes_and_the_totals_stay(store: HubStore) -> None:
    device, _ = enrolled(store)
    rows = [
        UsageRow(f"2026-11-{day:02d}T03:00:00Z", "session_end", {"engaged": True}, day)
        for day in (1, 10, 29)
    ]
    store.upsert_usage(device, rows)
    assert prune_old_usage(store, 15, now=NOW) == 2
    assert [r.hour for r in store.usage()] == ["2026-11-29T03:00:00Z"]
    assert sessions(store) == 1 + 10 + 29


def test_no_retention_keeps_every_hourly_row(store: HubStore) -> None:
    device, _ = enrolled(store)
    old = (NOW - timedelta(days=900)).strftime("%Y-%m-%dT%H:00:00Z")
    store.upsert_usage(device, [UsageRow(old, "session_end", {"engaged": False}, 3)])
    assert prune_old_usage(store, 0, now=NOW) == 0
    assert len(store.usage()) == 1


def test_the_service_prunes_usage_only_when_given_a_retention(tmp_path: Path) -> None:
    store = HubStore(tmp_path / "hub.db")
    quiet = HubSettings(
        tmp_path, 0, heartbeat_retention_days=0, heartbeat_rollup_retention_days=0,
        poll_feeds_every_minutes=0,
    )  # fmt: skip
    for days, expected in ((0, None), (400, {"prune-usage"})):
        jobs = HubJobs(replace(quiet, usage_retention_days=days), store)
        jobs.start()
        try:
            found = None if jobs.scheduler is None else {j.id for j in jobs.scheduler.get_jobs()}
            assert found == expected
        finally:
            jobs.stop()
    store.close()
