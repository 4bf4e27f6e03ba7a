"""Opening usage.db: WAL, one connection per thread, migrations applied once under a file lock."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

BUSY_TIMEOUT_S = 5.0
WAL_LIMIT_BYTES = 4 * 1024 * 1024


class UsageDbError(RuntimeError):
    """usage.db could not be opened or migrated."""


class ThreadConnections:
    """One sqlite-utils Database per thread over the same file, all in WAL mode."""

    def __init__(self, path: Path, migrations: Migrations) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._all: list[Database] = []
        self._lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with FileLock(str(self.path) + ".lock", timeout=30):
                db = self.db()
                with db.ensure_autocommit_on():
                    db.execute("PRAGMA journal_mode=WAL")
                migrations.apply(db)
        except (sqlite3.Error, TimeoutError, OSError) as error:
            raise UsageDbError(f"cannot open {self.path}: {error}") from error

    def db(self) -> Database:
        db = getattr(self._local, "db", None)
        if db is None:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
            for pragma in (
                "PRAGMA synchronous=FULL",
                "PRAGMA secure_delete=ON",
                f"PRAGMA journal_size_limit={WAL_LIMIT_BYTES}",
                "PRAGMA foreign_keys=ON",
            ):
                conn.execute(pragma)
            db = Database(conn, execute_plugins=False)
            self._local.db = db
            with self._lock:
                self._all.append(db)
        return db

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the lock up front (BEGIN IMMEDIATE), so WAL readers
        upgrading to writers never fail half-way with 'database is locked'."""
        conn = self.db().conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        with self._lock:
            for db in self._all:
                with contextlib.suppress(sqlite3.Error):
                    db.conn.close()
            self._all.clear()
        self._local = threading.local()
