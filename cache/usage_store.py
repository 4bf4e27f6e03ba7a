"""The usage outbox in usage.db: raw events, hourly aggregates, and what the hub has acknowledged.

Every batch of events is written in one transaction together with the hourly aggregates it
changes, so the aggregates are always current and a crash never leaves them half-counted.
An aggregate row holds absolute values and a revision: the hub replaces a row with a newer
revision of it, so sending a row twice never counts it twice.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from cache.connection import Connections, storage_errors, write_transaction
from cache.usage_limits import UsageLimits, enforce_limits, used_bytes
from cache.usage_schema import HIST_BINS, HIST_COLUMNS, histogram_bin, hour_of, migrations

logger = logging.getLogger(__name__)

DimValue = str | int | bool

_COLUMNS = ", ".join(HIST_COLUMNS)
_SELECT = f"SELECT hour, kind, dims, count, seconds, {_COLUMNS}, revision FROM usage_hourly"  # noqa: S608
_UPSERT = f"""
    INSERT INTO usage_hourly (hour, kind, dims, count, seconds, {_COLUMNS}, revision)
    VALUES (?, ?, ?, ?, ?, {", ".join("?" * HIST_BINS)}, ?)
    ON CONFLICT (hour, kind, dims) DO UPDATE SET
        count = count + excluded.count,
        seconds = seconds + excluded.seconds,
        {", ".join(f"{c} = {c} + excluded.{c}" for c in HIST_COLUMNS)},
        revision = excluded.revision
"""  # noqa: S608


@dataclass(frozen=True, slots=True)
class UsageEvent:
    """One cleaned event, ready to store. `dims` hold no free text except a cleaned query."""

    ts: float
    kind: str
    dims: Mapping[str, DimValue] = field(default_factory=dict)
    seconds: float | None = None
    session: int | None = None


@dataclass(frozen=True, slots=True)
class HourlyRow:
    """One aggregate: (hour, kind, dims) with absolute counts as of `revision`."""

    hour: str
    kind: str
    dims: str
    count: int
    seconds: float
    hist: tuple[int, ...]
    revision: int

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.hour, self.kind, self.dims)


def canonical_dims(dims: Mapping[str, DimValue]) -> str:
    return json.dumps(dict(dims), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class UsageStore:
    """Named operations on the usage tables of usage.db. Safe to share between threads.

    Every method raises CacheError (never sqlite3 errors) when storage fails, e.g. a full disk.
    """

    def __init__(self, path: Path | str, limits: UsageLimits | None = None) -> None:
        self.limits = limits or UsageLimits()
        self._connections = Connections(path, migrations, synchronous="FULL")
        self._prepared = threading.local()
        self.path = self._connections.path

    def close(self) -> None:
        self._connections.close()

    def _db(self) -> Database:
        """This thread's connection; deleted rows are overwritten (raw events leave no trace)."""
        db = self._connections.db()
        if getattr(self._prepared, "db", None) is not db:
            db.execute("PRAGMA secure_delete = ON")
            self._prepared.db = db
        return db

    @contextmanager
    def _write(self, what: str) -> Iterator[sqlite3.Connection]:
        with storage_errors(what), write_transaction(self._db()) as db:
            yield db.conn

    @contextmanager
    def _read(self, what: str) -> Iterator[Database]:
        with storage_errors(what):
            yield self._db()

    def append(self, events: Sequence[UsageEvent]) -> int:
        """Store events and fold them into their hourly aggregates, in one transaction.

        Events older than the oldest hour already pruned are dropped (a partial re-count of a
        pruned hour would overwrite the hub's full figure). Returns how many were stored.
        """
        if not events:
            return 0
        with self._write("cannot store usage events") as conn:
            pruned_before = _meta(conn, "pruned_before")
            kept = [event for event in events if event.ts >= pruned_before]
            if not kept:
                return 0
            revision = conn.execute(
                "UPDATE usage_meta SET value = value + 1 WHERE key = 'revision' RETURNING value"
            ).fetchone()[0]
            conn.executemany(
                "INSERT INTO usage_events (ts, session, kind, dims, seconds) VALUES (?, ?, ?, ?, ?)",
                [(e.ts, e.session, e.kind, canonical_dims(e.dims), e.seconds) for e in kept],
            )
            conn.executemany(
                _UPSERT,
                [(*key, *delta, revision) for key, delta in _fold(kept).items()],
            )
        return len(kept)

    def unsent(self, limit: int = 1000) -> list[HourlyRow]:
        """Aggregates that are new or changed since the hub last acknowledged them, oldest first."""
        with self._read("cannot read unsent usage") as db:
            rows = db.execute(
                _SELECT + " WHERE revision > sent_revision ORDER BY hour LIMIT ?", [limit]
            ).fetchall()
        return [_row(values) for values in rows]

    def unsent_count(self) -> int:
        query = "SELECT count(*) FROM usage_hourly WHERE revision > sent_revision"
        with self._read("cannot count unsent usage") as db:
            return int(db.execute(query).fetchone()[0])

    def mark_sent(self, rows: Iterable[HourlyRow]) -> int:
        """Record that the hub acknowledged these rows at these revisions.

        A row changed again since it was read keeps its newer revision, so it stays unsent.
        """
        with self._write("cannot mark usage as sent") as conn:
            cursor = conn.executemany(
                "UPDATE usage_hourly SET sent_revision = ?"
                " WHERE hour = ? AND kind = ? AND dims = ? AND sent_revision < ?",
                [(row.revision, *row.key, row.revision) for row in rows],
            )
            return cursor.rowcount

    def enforce_limits(self, now: float) -> dict[str, int]:
        """Apply raw-event retention, sent-aggregate retention and the size cap."""
        with self._write("cannot apply usage retention and size cap") as conn:
            return enforce_limits(conn, self.limits, now)

    def totals(self) -> dict[tuple[str, str, str], tuple[int, float, tuple[int, ...]]]:
        """Every aggregate the device holds, sent or not: {(hour, kind, dims): (count, seconds, hist)}."""
        with self._read("cannot read usage totals") as db:
            rows = db.execute(_SELECT).fetchall()
        return {row.key: (row.count, row.seconds, row.hist) for row in map(_row, rows)}

    def event_count(self, kind: str | None = None, since: float = 0.0) -> int:
        """Raw events still held, optionally of one kind and from a time on (for the heartbeat)."""
        sql = "SELECT count(*) FROM usage_events WHERE ts >= ?"
        params: list[Any] = [since]
        if kind is not None:
            sql += " AND kind = ?"
            params.append(kind)
        with self._read("cannot count usage events") as db:
            return int(db.execute(sql, params).fetchone()[0])

    def last_session(self) -> int:
        """The highest local session number stored (0 if none); session numbers never leave."""
        with self._read("cannot read usage sessions") as db:
            found = db.execute("SELECT max(session) FROM usage_events").fetchone()[0]
        return int(found or 0)

    def oldest_event_ts(self) -> float | None:
        with self._read("cannot read usage events") as db:
            return db.execute("SELECT min(ts) FROM usage_events").fetchone()[0]

    def used_bytes(self) -> int:
        with self._read("cannot measure usage.db") as db:
            return used_bytes(db.conn)

    def note_upload(self, outcome: Mapping[str, Any]) -> None:
        """Keep the last upload outcome (for the heartbeat and `doctor`)."""
        with self._write("cannot record the upload outcome") as conn:
            conn.execute(
                "INSERT INTO usage_meta (key, value) VALUES ('last_upload', ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [json.dumps(dict(outcome), sort_keys=True)],
            )

    def last_upload(self) -> dict[str, Any] | None:
        with self._read("cannot read the upload outcome") as db:
            found = db.execute("SELECT value FROM usage_meta WHERE key = 'last_upload'").fetchone()
        return json.loads(found[0]) if found else None


def _meta(conn: Any, key: str) -> float:
    found = conn.execute("SELECT value FROM usage_meta WHERE key = ?", [key]).fetchone()
    return float(found[0]) if found else 0.0


def _fold(events: Iterable[UsageEvent]) -> dict[tuple[str, str, str], list[Any]]:
    """Sum events per (hour, kind, dims): [count, seconds, h0 .. hN]."""
    deltas: dict[tuple[str, str, str], list[Any]] = {}
    for event in events:
        key = (hour_of(event.ts), event.kind, canonical_dims(event.dims))
        delta = deltas.get(key)
        if delta is None:
            delta = deltas[key] = [0, 0.0] + [0] * HIST_BINS
        delta[0] += 1
        if event.seconds is not None:
            delta[1] += event.seconds
            delta[2 + histogram_bin(event.seconds)] += 1
    return deltas


def _row(values: Sequence[Any]) -> HourlyRow:
    hour, kind, dims, count, seconds = values[:5]
    hist = tuple(int(v) for v in values[5 : 5 + HIST_BINS])
    return HourlyRow(hour, kind, dims, int(count), float(seconds), hist, int(values[-1]))
