"""Connections to one of the hub's SQLite files (hub.db, staff.db): one per thread, WAL, and one
writer at a time within the process."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

BUSY_TIMEOUT_S = 10.0


class StoreError(RuntimeError):
    """The hub store cannot be opened or written."""


class Connections:
    """Per-thread connections to one SQLite file, migrated on open.

    `synchronous` is SQLite's durability setting (FULL: a commit survives an OS crash; NORMAL in
    WAL mode: safe, but an OS crash may lose the last commit). `error` is the exception raised
    when the file cannot be opened or migrated.
    """

    def __init__(
        self,
        path: Path,
        migrations: Migrations,
        *,
        synchronous: Literal["FULL", "NORMAL"] = "FULL",
        error: type[Exception] = StoreError,
    ) -> None:
        self.path = Path(path)
        self._synchronous = synchronous
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._registry = threading.Lock()
        self._writer = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            db = self.db()
            with db.ensure_autocommit_on():
                db.execute("PRAGMA journal_mode=WAL")
            if migrations.pending(db):
                with self.write():  # the write lock, so a CLI and the service never race
                    migrations.apply(db)
        except sqlite3.Error as failure:
            raise error(f"cannot open {self.path}: {failure}") from failure

    def db(self) -> Database:
        db = getattr(self._local, "db", None)
        if db is None:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
            conn.execute(f"PRAGMA synchronous={self._synchronous}")
            conn.execute("PRAGMA foreign_keys=ON")
            db = Database(conn, execute_plugins=False)
            self._local.db = db
            with self._registry:
                self._all.append(conn)
        return db

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction. Writers queue on a lock in the process (cheaper than SQLite's
        busy sleeps) and take SQLite's write lock up front, for writers in other processes."""
        conn = self.db().conn
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
