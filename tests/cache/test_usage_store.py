"""The usage outbox in usage.db: folding, revisions, retention and the size cap."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cache.usage_limits import DAY_S, UsageLimits
from cache.usage_schema import hour_of
from cache.usage_store import UsageEvent, UsageStore

T0 = 1_780_000_000.0 - (1_780_000_000.0 % 3600)  # the start of an hour


@pytest.fixture
def store(tmp_path: Path) -> UsageStore:
    opened = UsageStore(tmp_path / "usage.db")
    yield opened
    opened.close()


def view(ts: float, article: str = "visa", dwell: float | None = 12.0) -> UsageEvent:
    return UsageEvent(ts, "article_view", {"article": article, "lang": "en"}, dwell)


def test_events_fold_into_hourly_aggregates_with_histograms(store: UsageStore) -> None:
    store.append([view(T0 + 1, dwell=3), view(T0 + 2, dwell=45), view(T0 + 3700, dwell=700)])
    totals = store.totals()
    first = totals[(hour_of(T0), "article_view", '{"article":"visa","lang":"en"}')]
    assert first == (2, 48.0, (1, 0, 0, 0, 1, 0, 0, 0, 0))
    second = totals[(hour_of(T0 + 3600), "article_view", '{"article":"visa","lang":"en"}')]
    assert second == (1, 700.0, (0, 0, 0, 0, 0, 0, 0, 0, 1))


def test_events_without_a_duration_count_without_a_histogram(store: UsageStore) -> None:
    store.append([UsageEvent(T0, "qr_shown", {"article": "visa", "lang": "km"})] * 3)
    [(count, seconds, hist)] = store.totals().values()
    assert (count, seconds, sum(hist)) == (3, 0.0, 0)


def test_a_late_event_makes_a_sent_row_unsent_with_its_new_total(store: UsageStore) -> None:
    store.append([view(T0 + 10)])
    [row] = store.unsent()
    store.mark_sent([row])
    assert store.unsent() == []
    store.append([view(T0 + 20)])  # a late event for the same hour
    [again] = store.unsent()
    assert again.key == row.key
    assert again.count == 2
    assert again.revision > row.revision


def test_mark_sent_keeps_rows_changed_since_they_were_read(store: UsageStore) -> None:
    store.append([view(T0)])
    read = store.unsent()
    store.append([view(T0 + 1)])  # arrives while the upload is in flight
    store.mark_sent(read)
    [still] = store.unsent()
    assert still.count == 2


def test_raw_events_older_than_retention_are_deleted(tmp_path: Path) -> None:
    store = UsageStore(tmp_path / "usage.db", UsageLimits(raw_retention_days=2))
    store.append([view(T0), view(T0 + 1.5 * DAY_S)])
    store.enforce_limits(now=T0 + 2.5 * DAY_S)
    assert store.event_count() == 1
    assert store.oldest_event_ts() == T0 + 1.5 * DAY_S
    assert sum(count for count, _, _ in store.totals().values()) == 2  # aggregates stay
    store.close()


def test_raw_events_are_kept_seven_days_by_default(store: UsageStore) -> None:
    store.append([view(T0), view(T0 + 6.5 * DAY_S)])
    store.enforce_limits(now=T0 + 7.2 * DAY_S)
    assert store.event_count() == 1


def test_size_cap_deletes_oldest_raw_events_first_then_aggregates(tmp_path: Path) -> None:
    cap = 900_000
    store = UsageStore(tmp_path / "usage.db", UsageLimits(size_cap_bytes=cap))
    hours = 40
    for hour in range(hours):
        store.append([view(T0 + hour * 3600 + i, article=f"a{i % 50}") for i in range(300)])
    store.enforce_limits(now=T0 + hours * 3600)
    assert store.used_bytes() <= cap
    assert store.event_count() < hours * 300
    newest_kept = store.oldest_event_ts()
    assert newest_kept is not None and newest_kept > T0  # the oldest raw events went first
    assert sum(count for count, _, _ in store.totals().values()) == hours * 300  # aggregates kept

    aggregate_rounds = 0
    for hour in range(hours, 4 * hours):  # aggregates alone now exceed the cap
        store.append([view(T0 + hour * 3600 + i, article=f"b{i}") for i in range(300)])
        deleted = store.enforce_limits(now=T0 + hour * 3600)
        assert store.used_bytes() <= cap
        if deleted["aggregates"]:
            aggregate_rounds += 1
            assert store.event_count() == 0  # every raw event went before any aggregate did
    assert aggregate_rounds > 0
    hours_left = sorted({hour for hour, _, _ in store.totals()})
    assert hours_left[-1] == hour_of(T0 + (4 * hours - 1) * 3600)  # the newest hour survives
    assert hours_left[0] > hour_of(T0)  # the oldest went
    store.close()


def test_events_for_pruned_hours_are_dropped(tmp_path: Path) -> None:
    store = UsageStore(tmp_path / "usage.db", UsageLimits(sent_retention_days=1))
    store.append([view(T0)])
    store.mark_sent(store.unsent())
    store.enforce_limits(now=T0 + 3 * DAY_S)
    assert store.totals() == {}
    assert store.append([view(T0 + 5)]) == 0  # would re-count a pruned hour from scratch
    assert store.totals() == {}
    store.close()


def test_unsent_rows_are_kept_past_sent_retention(tmp_path: Path) -> None:
    store = UsageStore(tmp_path / "usage.db", UsageLimits(sent_retention_days=1))
    store.append([view(T0)])
    store.enforce_limits(now=T0 + 30 * DAY_S)
    assert store.unsent_count() == 1
    store.close()


def test_usage_db_is_in_wal_mode_and_intact(store: UsageStore) -> None:
    store.append([view(T0)])
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_two_stores_on_one_file_share_the_outbox(tmp_path: Path) -> None:
    kiosk = UsageStore(tmp_path / "usage.db")
    uploader = UsageStore(tmp_path / "usage.db")
    kiosk.append([view(T0)])
    uploader.mark_sent(uploader.unsent())
    assert kiosk.unsent_count() == 0
    kiosk.close()
    uploader.close()
