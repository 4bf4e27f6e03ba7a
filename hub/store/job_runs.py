"""Claims on background-job intervals: one row per (job, interval start), inserted by whichever
worker comes first. Plain SQL that SQLite and PostgreSQL both accept (INSERT ... ON CONFLICT DO
NOTHING), so the claim carries to a shared database server."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from hub.store.backend.protocol import SqlConnection
from hub.store.records import time_text

KEEP_DAYS = 7
"""Claims older than this are deleted when a newer one is made: the table stays small."""


@dataclass(frozen=True)
class JobRun:
    job: str
    interval_start: str
    worker: str
    claimed_at: str


def claim(conn: SqlConnection, job: str, start: datetime, worker: str, now: datetime) -> bool:
    """True when this worker won the interval starting at `start` (and must run the job)."""
    won = conn.execute(
        "INSERT INTO job_runs (job, interval_start, worker, claimed_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (job, interval_start) DO NOTHING",
        [job, _interval_text(start), worker, time_text(now)],
    ).rowcount
    if won:
        conn.execute(
            "DELETE FROM job_runs WHERE job = ? AND interval_start < ?",
            [job, _interval_text(start - timedelta(days=KEEP_DAYS))],
        )
    return won == 1


def runs(conn: SqlConnection, job: str) -> list[JobRun]:
    """The kept claims of one job, oldest interval first."""
    rows = conn.execute(
        "SELECT job, interval_start, worker, claimed_at FROM job_runs WHERE job = ?"
        " ORDER BY interval_start",
        [job],
    ).fetchall()
    return [JobRun(*row) for row in rows]


def _interval_text(start: datetime) -> str:
    """Millisecond precision: test intervals are a second or two long."""
    start = start.astimezone(UTC)
    return start.strftime("%Y-%m-%dT%H:%M:%S.") + f"{start.microsecond // 1000:03d}Z"
