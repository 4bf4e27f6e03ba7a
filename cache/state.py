"""Device state in usage.db: the content high-water mark, sync outcomes, small key/value settings.

usage.db is the precious file (content.db can always be rebuilt), so the highest content version
ever applied lives here: deleting content.db must not let an older signed catalog back in.
The usage feature keeps its own tables in the same file under its own migration set.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from cache.connection import Connections, storage_errors
from cache.views import SyncOutcome

logger = logging.getLogger(__name__)

MAX_ERROR_CHARS = 1_000
MAX_VALUE_CHARS = 65_536

migrations = Migrations("device-state")


@migrations()
def create_state_tables(db: Database) -> None:
    db.table("device_state").create({"key": str, "value": str}, pk="key", not_null=["value"])
    db.table("content_mark").create({"id": int, "version": int}, pk="id", not_null=["version"])
    db.table("sync_status").create(
        {
            "id": int,
            "last_success_at": str,
            "last_attempt_at": str,
            "last_error": str,
            "consecutive_failures": int,
        },
        pk="id",
        not_null=["consecutive_failures"],
    )


class StateStore:
    """The device's own small state, shared by the kiosk and sync processes."""

    def __init__(self, path: Path | str) -> None:
        self._connections = Connections(path, migrations, synchronous="FULL")

    @property
    def path(self) -> Path:
        return self._connections.path

    def close(self) -> None:
        self._connections.close()

    def high_water_mark(self) -> int:
        """The highest content version ever applied on this device; 0 when none."""
        with storage_errors("cannot read the content high-water mark"):
            row = self._db().execute("SELECT version FROM content_mark WHERE id = 1").fetchone()
        return int(row[0]) if row else 0

    def raise_high_water_mark(self, version: int) -> None:
        """Remember `version` as applied. Never lowers the mark."""
        with storage_errors("cannot record the content high-water mark"):
            self._db().execute(
                "INSERT INTO content_mark (id, version) VALUES (1, ?) "
                "ON CONFLICT (id) DO UPDATE SET version = max(version, excluded.version)",
                [int(version)],
            )

    def record_sync_outcome(self, ok: bool, detail: str, at: datetime) -> None:
        """Note one sync attempt. A success clears the error and the failure count."""
        if ok:
            logger.info("sync succeeded: %s", detail)
            sql = (
                "INSERT INTO sync_status (id, last_success_at, last_attempt_at, last_error, "
                "consecutive_failures) VALUES (1, :at, :at, NULL, 0) ON CONFLICT (id) DO UPDATE "
                "SET last_success_at = :at, last_attempt_at = :at, last_error = NULL, "
                "consecutive_failures = 0"
            )
        else:
            logger.warning("sync failed: %s", detail)
            sql = (
                "INSERT INTO sync_status (id, last_attempt_at, last_error, consecutive_failures) "
                "VALUES (1, :at, :detail, 1) ON CONFLICT (id) DO UPDATE "
                "SET last_attempt_at = :at, last_error = :detail, "
                "consecutive_failures = consecutive_failures + 1"
            )
        params = {"at": at.isoformat(), "detail": detail[:MAX_ERROR_CHARS]}
        with storage_errors("cannot record the sync outcome"):
            self._db().execute(sql, params)

    def last_sync(self) -> SyncOutcome:
        with storage_errors("cannot read the sync outcome"):
            row = (
                self._db()
                .execute(
                    "SELECT last_success_at, last_attempt_at, last_error, consecutive_failures "
                    "FROM sync_status WHERE id = 1"
                )
                .fetchone()
            )
        if row is None:
            return SyncOutcome(None, None, None, 0)
        success, attempt, error, failures = row
        return SyncOutcome(_when(success), _when(attempt), error, int(failures))

    def get(self, key: str, default: str | None = None) -> str | None:
        with storage_errors(f"cannot read device state {key!r}"):
            row = (
                self._db().execute("SELECT value FROM device_state WHERE key = ?", [key]).fetchone()
            )
        return row[0] if row else default

    def set(self, key: str, value: str) -> None:
        if len(value) > MAX_VALUE_CHARS:
            raise ValueError(f"device state {key!r} is longer than {MAX_VALUE_CHARS} characters")
        with storage_errors(f"cannot write device state {key!r}"):
            self._db().execute(
                "INSERT INTO device_state (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    def _db(self) -> Database:
        return self._connections.db()


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None
