"""SQLite, the embedded default: one file (hub.db or staff.db), a connection per thread, WAL,
and one writer at a time within the process."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from sqlite_utils.migrations import Migrations

from hub.store.backend import migrate
from hub.store.backend.errors import StoreError

BUSY_TIMEOUT_S = 10.0


class SqliteConnections:
    """Per-thread connections to one SQLite file, migrated on open.

    `synchronous` is SQLite's durability setting (FULL: a commit survives an OS crash; NORMAL in
    WAL mode: safe, but an OS crash may lose the last commit). `error` is the exception raised
    when the file cannot be opened or migrated. `legacy` are the sqlite-utils migrations files
    made before Alembic still need (hub.store.backend.migrate).
    """

    dialect = "sqlite"

    def __init__(
        self,
        path: Path,
        branch: str,
        *,
        legacy: Migrations | None = None,
        synchronous: Literal["FULL", "NORMAL"] = "FULL",
        error: type[Exception] = StoreError,
    ) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        self._synchronous = synchronous
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._registry = threading.Lock()
        self._writer = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = self.reader()
            conn.execute("PRAGMA journal_mode=WAL")
            with self._writer:  # a CLI and the service in one process never race
                migrate.upgrade_sqlite(self.path, branch, legacy)
        except (sqlite3.Error, OSError, migrate.MigrationError) as failure:
            raise error(f"cannot open {self.path}: {failure}") from failure

    def reader(self) -> sqlite3.Connection:
        """This thread's connection, for reads outside a write transaction."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, check_same_thread=False, isolation_level=None
            )
            conn.execute(f"PRAGMA synchronous={self._synchronous}")
            conn.execute("PRAGMA foreign_keys=ON")
            self._local.conn = conn
            with self._registry:
                self._all.append(conn)
        return conn

    @contextlib.contextmanager
    def write(self, scope: str | None = None) -> Iterator[sqlite3.Connection]:
        """One write transaction. Writers queue on a lock in the process (cheaper than SQLite's
        busy sleeps) and take SQLite's write lock up front, for writers in other processes.
        `scope` (PostgreSQL's per-kiosk writes) changes nothing: SQLite has one writer."""
        conn = self.reader()
        with self._writer:
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
        with self._registry:
            for conn in self._all:
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
            self._all.clear()
        self._local = threading.local()
