"""Usage SQL of the hub store: the hourly aggregates kiosks send, and their daily roll-ups.
HubStore calls these; nothing else does.

Every upload is written twice in one transaction: the hourly rows are upserted by revision
(`usage_hourly`, as sent), and what each accepted row changed (its new values minus the ones it
replaced) is added to two roll-ups per Viet Nam day: `usage_daily` (device, day, kind, dims) and
`usage_daily_kinds` (device, day, kind). Re-uploads change nothing, a newer revision adds only
its difference: no double counting. Reports read the roll-ups for whole days and the hourly rows
only for the part of a day at a period's edge, so raw hours can be pruned without changing a
figure. Rows for hours already pruned are left out (they would be counted again), and logged.

Plain SQL only (upserts with ON CONFLICT, no database-specific functions): the Viet Nam day of
an hour is worked out here, in Python, and bound as a value.
"""

from __future__ import annotations

import functools
import logging
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from hub.reports.period import LOCAL, day_start
from hub.store.backend.protocol import SqlConnection
from hub.store.records import HOUR_FORMAT
from hub.store.schema import HIST_BINS, HIST_COLUMNS

logger = logging.getLogger(__name__)

PRUNE_BATCH = 20_000
"""Hourly rows deleted per write transaction."""

_HIST = ", ".join(HIST_COLUMNS)
_MARKS = ", ".join("?" * HIST_BINS)
_UPSERT_HOURLY = f"""
    INSERT INTO usage_hourly
        (device_id, hour, kind, dims, count, seconds, {_HIST}, revision, received_at)
    VALUES (?, ?, ?, ?, ?, ?, {_MARKS}, ?, ?)
    ON CONFLICT (device_id, hour, kind, dims) DO UPDATE SET
        count = excluded.count,
        seconds = excluded.seconds,
        {", ".join(f"{c} = excluded.{c}" for c in HIST_COLUMNS)},
        revision = excluded.revision,
        received_at = excluded.received_at
    WHERE excluded.revision >= usage_hourly.revision
"""  # noqa: S608 (constant SQL)


def _add_upsert(table: str, key: str, key_marks: str) -> str:
    sums = ", ".join(
        f"{c} = {table}.{c} + excluded.{c}" for c in ("count", "seconds", *HIST_COLUMNS)
    )
    return (
        f"INSERT INTO {table} ({key}, count, seconds, {_HIST})"  # noqa: S608 (constant SQL)
        f" VALUES ({key_marks}, ?, ?, {_MARKS}) ON CONFLICT ({key}) DO UPDATE SET {sums}"
    )


_ADD_DAILY = _add_upsert("usage_daily", "device_id, day, kind, dims", "?, ?, ?, ?")
_ADD_KINDS = _add_upsert("usage_daily_kinds", "device_id, day, kind", "?, ?, ?")
_STORED = f"""
    SELECT hour, kind, dims, revision, count, seconds, {_HIST} FROM usage_hourly
    WHERE device_id = ? AND hour >= ? AND hour <= ?
"""  # noqa: S608 (constant SQL)
_KEPT_FROM = "SELECT value FROM usage_state WHERE name = 'raw_kept_from'"

Key = tuple[str, str, str]
"""(hour, kind, dims as stored)."""
Figures = tuple[float, ...]
"""(count, seconds, *histogram)."""


@functools.lru_cache(maxsize=8192)
def local_day(hour: str) -> str:
    """The Viet Nam day ('YYYY-MM-DD') a stored UTC hour ('2026-10-01T17:00:00Z') belongs to."""
    moment = datetime.strptime(hour, HOUR_FORMAT).replace(tzinfo=UTC)
    return moment.astimezone(LOCAL).date().isoformat()


def day_hour(day: date) -> str:
    """The stored UTC hour a Viet Nam day starts with."""
    return day_start(day).strftime(HOUR_FORMAT)


def write(conn: SqlConnection, device_id: str, values: Sequence[tuple]) -> int:
    """Upsert a device's hourly rows (as _UPSERT_HOURLY takes them) and add what they changed to
    the daily roll-ups, in the caller's transaction. Rows for pruned hours are logged and left
    out, yet acknowledged (else the kiosk would send them for ever). Returns how many rows came."""
    received = len(values)
    kept_from = raw_kept_from(conn)
    if kept_from is not None:
        values = [row for row in values if row[1] >= kept_from]
        if len(values) < received:
            logger.warning(
                "%s: %d rows for hours before %s (pruned) not counted",
                device_id, received - len(values), kept_from,
            )  # fmt: skip
    if not values:
        return received
    stored = _stored(conn, device_id, values)
    daily: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0] * (2 + HIST_BINS))
    kinds: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0] * (2 + HIST_BINS))
    for row in values:
        key, revision, figures = (row[1], row[2], row[3]), row[-2], tuple(row[4 : 6 + HIST_BINS])
        before = stored.get(key)
        if before is not None and revision < before[0]:
            continue  # an older revision: the hourly upsert ignores it too
        change = (
            figures
            if before is None
            else tuple(a - b for a, b in zip(figures, before[1], strict=True))
        )
        stored[key] = (revision, figures)
        if before is not None and not any(change):
            continue
        day = local_day(key[0])
        for total in (daily[(day, key[1], key[2])], kinds[(day, key[1])]):
            total[:] = [a + b for a, b in zip(total, change, strict=True)]
    conn.executemany(_UPSERT_HOURLY, values)
    conn.executemany(_ADD_DAILY, [(device_id, *key, *sums) for key, sums in daily.items()])
    conn.executemany(_ADD_KINDS, [(device_id, *key, *sums) for key, sums in kinds.items()])
    return received


def _stored(
    conn: SqlConnection, device_id: str, values: Sequence[tuple]
) -> dict[Key, tuple[int, Figures]]:
    hours = [row[1] for row in values]
    rows = conn.execute(_STORED, [device_id, min(hours), max(hours)])
    return {(r[0], r[1], r[2]): (r[3], tuple(r[4:])) for r in rows}


def raw_kept_from(conn: SqlConnection) -> str | None:
    """The first hour still kept raw, once hourly rows were pruned (None: never)."""
    row = conn.execute(_KEPT_FROM).fetchone()
    return row[0] if row else None


def mark_pruned(conn: SqlConnection, before: datetime) -> str:
    """Record that hourly rows before the Viet Nam day of `before` go (never moving back);
    returns the first hour kept. Whole days go, so a day's roll-up never mixes in a new row."""
    cut = day_hour(before.astimezone(LOCAL).date())
    kept = raw_kept_from(conn)
    if kept is None or cut > kept:
        conn.execute(
            "INSERT INTO usage_state (name, value) VALUES ('raw_kept_from', ?)"
            " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            [cut],
        )
        return cut
    return kept


def prune_batch(conn: SqlConnection, kept_from: str) -> int:
    """Delete up to PRUNE_BATCH hourly rows of hours before `kept_from`."""
    return conn.execute(
        "DELETE FROM usage_hourly WHERE (device_id, hour, kind, dims) IN ("
        " SELECT device_id, hour, kind, dims FROM usage_hourly WHERE hour < ? LIMIT ?)",
        [kept_from, PRUNE_BATCH],
    ).rowcount


def backfill(conn: SqlConnection, device_id: str | None = None) -> None:
    """Fill both roll-ups from the hourly rows stored (of one device, or all), into roll-ups
    holding none of them yet: the migration adding the roll-ups, and bulk loads."""
    only = "" if device_id is None else " WHERE u.device_id = ?"
    params = [] if device_id is None else [device_id]
    hours = [
        row[0]
        for row in conn.execute(f"SELECT DISTINCT hour FROM usage_hourly u{only}", params)  # noqa: S608
    ]
    conn.execute("CREATE TEMPORARY TABLE usage_hour_days (hour TEXT PRIMARY KEY, day TEXT)")
    conn.executemany(
        "INSERT INTO usage_hour_days VALUES (?, ?)", [(h, local_day(h)) for h in hours]
    )
    sums = ", ".join(f"sum(u.{c})" for c in ("count", "seconds", *HIST_COLUMNS))
    for table, key in (("usage_daily", "u.dims"), ("usage_daily_kinds", None)):
        group = ", ".join(filter(None, ["u.device_id", "m.day", "u.kind", key]))
        conn.execute(
            f"INSERT INTO {table} SELECT {group}, {sums} FROM usage_hourly u"  # noqa: S608
            f" JOIN usage_hour_days m ON m.hour = u.hour{only} GROUP BY {group}",
            params,
        )
    conn.execute("DROP TABLE usage_hour_days")


def load(conn: SqlConnection, device_id: str, values: Sequence[tuple]) -> int:
    """Bulk-load the hourly rows of a device that has none yet, and roll them up in one pass
    (seeding a demo). Refused for a device with usage, or once hourly rows were pruned."""
    held = conn.execute("SELECT 1 FROM usage_hourly WHERE device_id = ? LIMIT 1", [device_id])
    if held.fetchone() is not None or raw_kept_from(conn) is not None:
        raise ValueError(f"{device_id}: a bulk load is only for a device with no usage yet")
    conn.executemany(_UPSERT_HOURLY, values)
    backfill(conn, device_id)
    return len(values)


Piece = tuple[str, str, str]
"""(from hour, to hour (exclusive), the Viet Nam day both lie in)."""


def split(since: str | None, until: str | None) -> tuple[tuple[str, str] | None, list[Piece]]:
    """[since, until) in stored hours (None: open) as the Viet Nam days lying wholly inside it
    (first and last 'YYYY-MM-DD', '' for an open end; None: no whole day) and the parts of days
    at its edges, each within one day."""
    start = _moment(since)
    end = _moment(until)
    if start is not None and end is not None and start >= end:
        return None, []
    first = None if start is None else start.astimezone(LOCAL).date()
    if first is not None and start is not None and day_start(first) < start:
        first += timedelta(days=1)
    last = None if end is None else end.astimezone(LOCAL).date() - timedelta(days=1)
    pieces: list[Piece] = []
    if first is not None and start is not None and start < day_start(first):
        head_end = day_start(first) if end is None else min(day_start(first), end)
        pieces.append(_piece(start, head_end))
    if last is not None and end is not None and day_start(last + timedelta(days=1)) < end:
        tail_start = day_start(last + timedelta(days=1))
        if start is None or tail_start >= start:
            pieces.append(_piece(tail_start, end))
    if first is not None and last is not None and first > last:
        return None, pieces
    whole = ("" if first is None else first.isoformat(), "" if last is None else last.isoformat())
    return whole, pieces


def _moment(hour: str | None) -> datetime | None:
    return None if hour is None else datetime.strptime(hour, HOUR_FORMAT).replace(tzinfo=UTC)


def _piece(start: datetime, end: datetime) -> Piece:
    return (
        start.strftime(HOUR_FORMAT),
        end.strftime(HOUR_FORMAT),
        start.astimezone(LOCAL).date().isoformat(),
    )
