"""Usage tables in usage.db: raw events (short-lived) and hourly aggregates (the outbox).

These tables have their own sqlite-utils migration set, apart from the device state tables that
share the same file, so each part of usage.db evolves on its own.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

HIST_EDGES_S: tuple[int, ...] = (5, 10, 20, 30, 60, 120, 300, 600)
"""Upper bounds (seconds, exclusive) of the duration histogram bins; one more bin is open-ended."""

HIST_BINS = len(HIST_EDGES_S) + 1
HOUR_FORMAT = "%Y-%m-%dT%H:00:00Z"
HIST_COLUMNS: tuple[str, ...] = tuple(f"h{i}" for i in range(HIST_BINS))

migrations = Migrations("usage")


@migrations()
def create_usage_tables(db: Database) -> None:
    histogram = ", ".join(f"{column} INTEGER NOT NULL DEFAULT 0" for column in HIST_COLUMNS)
    db.executescript(  # the histogram column names are constants
        f"""
        CREATE TABLE usage_events (
            id INTEGER PRIMARY KEY,
            ts REAL NOT NULL,
            session INTEGER,
            kind TEXT NOT NULL,
            dims TEXT NOT NULL,
            seconds REAL
        );
        CREATE INDEX usage_events_ts ON usage_events(ts);
        CREATE TABLE usage_hourly (
            hour TEXT NOT NULL,
            kind TEXT NOT NULL,
            dims TEXT NOT NULL,
            count INTEGER NOT NULL,
            seconds REAL NOT NULL DEFAULT 0,
            {histogram},
            revision INTEGER NOT NULL,
            sent_revision INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (hour, kind, dims)
        );
        CREATE INDEX usage_hourly_unsent ON usage_hourly(hour) WHERE revision > sent_revision;
        CREATE TABLE usage_meta (
            key TEXT PRIMARY KEY,
            value
        );
        INSERT INTO usage_meta (key, value) VALUES ('revision', 0), ('pruned_before', 0);
        """  # noqa: S608
    )


def histogram_bin(seconds: float) -> int:
    """The bin a duration falls into."""
    for index, edge in enumerate(HIST_EDGES_S):
        if seconds < edge:
            return index
    return len(HIST_EDGES_S)


def hour_of(ts: float) -> str:
    """The UTC hour bucket of a Unix time, as '2025-03-01T13:00:00Z'."""
    return datetime.fromtimestamp(ts, UTC).strftime(HOUR_FORMAT)


def hour_start(hour: str) -> float:
    """The Unix time at which an hour bucket starts."""
    return datetime.strptime(hour, HOUR_FORMAT).replace(tzinfo=UTC).timestamp()
