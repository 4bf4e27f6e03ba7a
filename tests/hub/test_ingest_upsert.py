"""The hub upserts usage on (device, hour, kind, dims): retries and re-uploads never double-count."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hub.store import HubStore
from hub.store.queries import UsageFilter
from hub.store.records import UsageRow
from tests.usage_support import enrolled

HOUR = "2026-11-20T08:00:00Z"
DIMS = {"article": "visa", "lang": "en"}


@pytest.fixture
def store(tmp_path: Path) -> HubStore:
    opened = HubStore(tmp_path / "hub.db")
    yield opened
    opened.close()


def counts(store: HubStore, device_id: str) -> list[int]:
    return [r.count for r in store.usage(UsageFilter(devices=[device_id]))]


def test_the_same_rows_sent_twice_count_once(store: HubStore) -> None:
    device_id, _ = enrolled(store)
    rows = [UsageRow(HOUR, "qr_shown", DIMS, 4, revision=1)]
    store.upsert_usage(device_id, rows)
    store.upsert_usage(device_id, rows)
    assert counts(store, device_id) == [4]


def test_a_newer_revision_of_a_late_hour_replaces_the_row(store: HubStore) -> None:
    device_id, _ = enrolled(store)
    store.upsert_usage(device_id, [UsageRow(HOUR, "qr_shown", DIMS, 4, revision=1)])
    store.upsert_usage(device_id, [UsageRow(HOUR, "qr_shown", DIMS, 6, revision=7)])
    assert counts(store, device_id) == [6]


def test_an_older_revision_arriving_late_never_overwrites_a_newer_one(store: HubStore) -> None:
    device_id, _ = enrolled(store)
    store.upsert_usage(device_id, [UsageRow(HOUR, "qr_shown", DIMS, 6, revision=7)])
    store.upsert_usage(device_id, [UsageRow(HOUR, "qr_shown", DIMS, 4, revision=1)])
    assert counts(store, device_id) == [6]


def test_two_devices_with_the_same_key_are_kept_apart(store: HubStore) -> None:
    first, _ = enrolled(store)
    second, _ = enrolled(store)
    store.upsert_usage(first, [UsageRow(HOUR, "qr_shown", DIMS, 2)])
    store.upsert_usage(second, [UsageRow(HOUR, "qr_shown", DIMS, 5)])
    assert counts(store, first) == [2] and counts(store, second) == [5]


def test_a_true_and_a_one_in_the_same_dimension_stay_apart(store: HubStore) -> None:
    device_id, _ = enrolled(store)
    store.upsert_usage(device_id, [UsageRow(HOUR, "helpful", {"helpful": True}, 2)])
    store.upsert_usage(device_id, [UsageRow(HOUR, "helpful", {"helpful": 1}, 3)])
    assert sorted(json.dumps(r.dims) for r in store.usage()) == [
        '{"helpful": 1}',
        '{"helpful": true}',
    ]
