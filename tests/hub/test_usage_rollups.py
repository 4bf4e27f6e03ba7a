"""The daily usage roll-ups the reports read give the totals the hourly rows give: after random
uploads, re-uploads, late revisions, older revisions arriving late, and pruning of hourly rows."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hub.reports.period import LOCAL
from hub.store import HubStore, StoreError, usage_rollup
from hub.store.queries import UsageFilter
from hub.store.records import UsageRow, hour_text
from tests.usage_support import enrolled

START = datetime(2026, 10, 1, 17, tzinfo=UTC)
"""Midnight of 2 October in Viet Nam."""
DAYS = 6
KINDS = {
    "session_end": [{"engaged": True}, {"engaged": False}],
    "session_start": [{"lang": "en"}, {"lang": "km"}, {"lang": "lo"}],
    "search": [{"query": "visa", "results": "0", "lang": "en"}, {"query": "bus", "results": "1-3"}],
}
Truth = dict[tuple[str, str, str, str], tuple[int, UsageRow]]
"""(device, hour, kind, dims) -> (revision, row): what the kiosks last sent, as they hold it."""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HubStore]:
    opened = HubStore(tmp_path / "hub.db")
    yield opened
    opened.close()


def random_rows(rng: random.Random, count: int) -> list[UsageRow]:
    rows = []
    for _ in range(count):
        kind = rng.choice(sorted(KINDS))
        hour = hour_text(START + timedelta(hours=rng.randrange(DAYS * 24)))
        hist = tuple(rng.randrange(4) for _ in range(9))
        rows.append(
            UsageRow(hour, kind, rng.choice(KINDS[kind]), rng.randrange(1, 40),
                     float(rng.randrange(600)), hist, revision=rng.randrange(1, 5))
        )  # fmt: skip
    return rows


def upload(store: HubStore, truth: Truth, device: str, rows: list[UsageRow]) -> None:
    store.upsert_usage(device, rows)
    for row in rows:
        key = (device, row.hour, row.kind, json.dumps(dict(row.dims), sort_keys=True))
        if key not in truth or row.revision >= truth[key][0]:
            truth[key] = (row.revision, row)


def expected(truth: Truth, group: str, since: datetime, until: datetime) -> dict[object, int]:
    """Counts per group recomputed from every row the kiosks sent, in [since, until)."""
    totals: dict[object, int] = defaultdict(int)
    for (device, hour, kind, _), (_, row) in truth.items():
        if hour_text(since) <= hour < hour_text(until):
            moment = datetime.strptime(hour, "%Y-%m-%dT%H:00:00Z").replace(tzinfo=UTC)
            key = {
                "device": device, "kind": kind, "lang": row.dims.get("lang"),
                "day": moment.astimezone(LOCAL).date().isoformat(),
            }[group]  # fmt: skip
            totals[key] += row.count
    return {key: count for key, count in totals.items() if count}


def hub_totals(store: HubStore, group: str, since: datetime, until: datetime) -> dict[object, int]:
    name = f"dims.{group}" if group == "lang" else group
    where = UsageFilter(since=since, until=until)
    return {t.group[name]: t.count for t in store.usage_totals([name], where) if t.count}


def filled(store: HubStore, seed: int) -> tuple[Truth, list[str]]:
    """Three kiosks, each uploading random rows, then the same rows again, then newer and older
    revisions of some of them."""
    rng = random.Random(seed)
    truth: Truth = {}
    devices = [enrolled(store, gate)[0] for gate in ("mong-cai", "mong-cai", "lao-cai")]
    for device in devices:
        rows = random_rows(rng, 150)
        upload(store, truth, device, rows)
        upload(store, truth, device, rows)  # a retry after a timeout
        changed = [
            UsageRow(r.hour, r.kind, r.dims, r.count + rng.randrange(-1, 5), r.seconds, r.hist,
                     r.revision + rng.choice((-1, 0, 1, 3)))
            for r in rng.sample(rows, 60)
        ]  # fmt: skip
        upload(store, truth, device, changed)
    return truth, devices


PERIODS = [
    (START, START + timedelta(days=DAYS)),  # whole days
    (START + timedelta(hours=5), START + timedelta(days=4, hours=9)),  # part-days at both edges
    (START + timedelta(hours=3), START + timedelta(hours=20)),  # across one midnight, no whole day
    (START + timedelta(hours=2), START + timedelta(hours=4)),  # inside one day
]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("group", ["device", "kind", "lang", "day"])
def test_totals_equal_the_rows_sent_however_often_they_were_sent(
    store: HubStore, seed: int, group: str
) -> None:
    truth, _ = filled(store, seed)
    for since, until in PERIODS:
        assert hub_totals(store, group, since, until) == expected(truth, group, since, until)


def test_pruning_hourly_rows_changes_no_total_of_whole_days(store: HubStore) -> None:
    truth, _ = filled(store, 4)
    before = {g: hub_totals(store, g, *PERIODS[0]) for g in ("device", "kind", "lang", "day")}
    pruned = store.prune_usage(START + timedelta(days=DAYS))
    assert pruned > 0 and store.usage() == []
    after = {g: hub_totals(store, g, *PERIODS[0]) for g in ("device", "kind", "lang", "day")}
    assert after == before
    assert after["kind"] == expected(truth, "kind", *PERIODS[0])


def test_a_late_upload_for_a_pruned_day_is_not_counted_again(store: HubStore) -> None:
    truth, devices = filled(store, 5)
    store.prune_usage(START + timedelta(days=2))
    late = UsageRow(hour_text(START + timedelta(hours=1)), "session_end", {"engaged": True}, 50,
                    revision=99)  # fmt: skip
    assert store.upsert_usage(devices[0], [late]) == 1  # acknowledged: the kiosk stops sending
    assert hub_totals(store, "device", *PERIODS[0]) == expected(truth, "device", *PERIODS[0])


def test_rows_after_the_pruned_days_are_still_taken(store: HubStore) -> None:
    truth, devices = filled(store, 6)
    store.prune_usage(START + timedelta(days=2))
    fresh = UsageRow(hour_text(START + timedelta(days=3)), "session_end", {"engaged": True}, 7)
    upload(store, truth, devices[1], [fresh])
    assert hub_totals(store, "device", *PERIODS[0]) == expected(truth, "device", *PERIODS[0])


def test_the_zero_result_queries_and_kiosk_counts_match_the_hourly_rows(store: HubStore) -> None:
    filled(store, 7)
    where = UsageFilter(since=PERIODS[1][0], until=PERIODS[1][1])
    kiosks = {t.group["kind"]: t.devices for t in store.usage_totals(["kind"], where)}
    assert kiosks == {"search": 3, "session_end": 3, "session_start": 3}
    [demand] = store.zero_result_queries(where, min_kiosks=3)
    rows = [r for r in store.usage(where) if r.kind == "search" and r.dims["results"] == "0"]
    assert (demand.query, demand.kiosks, demand.searches) == (
        "visa", 3, sum(r.count for r in rows)
    )  # fmt: skip


@pytest.mark.sqlite_only
def test_the_migration_fills_the_roll_ups_from_the_hourly_rows(store: HubStore) -> None:
    truth, _ = filled(store, 8)
    db = store._db  # the migration's own step, run again on emptied roll-ups
    with db.write() as conn:
        conn.execute("DELETE FROM usage_daily")
        conn.execute("DELETE FROM usage_daily_kinds")
        assert hub_totals(store, "kind", *PERIODS[0]) == {}
        usage_rollup.backfill(conn)
    for group in ("device", "lang", "day"):
        assert hub_totals(store, group, *PERIODS[1]) == expected(truth, group, *PERIODS[1])


def test_a_bulk_load_rolls_up_as_uploads_do(store: HubStore) -> None:
    rows = random_rows(random.Random(9), 300)
    uploaded, loaded = enrolled(store)[0], enrolled(store)[0]
    truth: Truth = {}
    upload(store, truth, uploaded, rows)
    store.load_usage(loaded, rows)
    where = UsageFilter(since=PERIODS[1][0], until=PERIODS[1][1])
    by_device = defaultdict(dict)
    for total in store.usage_totals(["device", "dims.lang", "day"], where):
        key = (total.group["dims.lang"], total.group["day"])
        by_device[total.group["device"]][key] = (total.count, total.hist)
    assert by_device[loaded] == by_device[uploaded] != {}


def test_a_bulk_load_is_refused_for_a_kiosk_with_usage(store: HubStore) -> None:
    device = enrolled(store)[0]
    rows = random_rows(random.Random(10), 5)
    store.upsert_usage(device, rows)
    before = store.usage_totals(["device", "kind"])
    with pytest.raises(StoreError):
        store.load_usage(device, rows)
    assert store.usage_totals(["device", "kind"]) == before != []
