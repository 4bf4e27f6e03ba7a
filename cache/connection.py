"""One SQLite connection per thread for one database file, set up the same way every time.

Two processes share each file (the kiosk reads, the sync daemon writes), so every file is in WAL
mode, waits for locks instead of failing at once, and is migrated inside one write transaction.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from cache.errors import CacheError

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5_000
"""How long a statement waits for the other process's lock before giving up."""
WAL_SIZE_LIMIT = 4 * 1024 * 1024
"""The write-ahead log is cut back to this size after a checkpoint."""


class Connections:
    """Hands each thread its own `Database` over `path`; migrates the file on first use."""

    def __init__(self, path: Path | str, migrations: Migrations, synchronous: str = "NORMAL"):
        self.path = Path(path)
        self._migrations = migrations
        self._synchronous = synchronous
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[Database] = []
        with storage_errors(f"cannot open {self.path}"):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            migrate(self.db(), migrations)

    def db(self) -> Database:
        """This thread's connection, opened on first use."""
        db: Database | None = getattr(self._local, "db", None)
        if db is None:
            db = self._connect()
            self._local.db = db
            with self._lock:
                self._open.append(db)
        return db

    def _connect(self) -> Database:
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        db = Database(conn, execute_plugins=False)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.enable_wal()
        db.execute(f"PRAGMA synchronous = {self._synchronous}")
        db.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}")
        return db

    def close(self) -> None:
        """Close every thread's connection. Threads that use the store again get a new one."""
        with self._lock:
            opened, self._open = self._open, []
        for db in opened:
            db.close()
        self._local = threading.local()


def migrate(db: Database, migrations: Migrations) -> None:
    """Apply pending migrations while holding the write lock, so two processes never race."""
    if not migrations.pending(db):
        return
    with write_transaction(db):
        migrations.apply(db)
    logger.info("migrated %s", migrations.name)


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """BEGIN IMMEDIATE ... COMMIT: takes the write lock up front, rolls back on any error.

    Nested sqlite-utils calls (`insert_all`, `atomic`) become savepoints inside it.
    """
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.rollback()
        raise
    try:
        db.conn.execute("COMMIT")
    except BaseException:
        db.rollback()
        raise


def shrink_log(db: Database) -> None:
    """After a big write, copy the log into the file and cut it to nothing, if readers allow.

    Best effort: a reader still on an old snapshot makes it give up after the busy timeout,
    and the log is then reused by the next write as usual.
    """
    try:
        busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error as error:
        logger.info("write-ahead log not shrunk: %s", error)
        return
    if busy:
        logger.info("write-ahead log not shrunk: readers are busy")


@contextmanager
def read_snapshot(db: Database) -> Iterator[Database]:
    """Run several reads against one committed state, even while the other process writes."""
    if db.conn.in_transaction:
        yield db
        return
    db.conn.execute("BEGIN")
    try:
        yield db
    finally:
        db.rollback()


@contextmanager
def storage_errors(what: str) -> Iterator[None]:
    """Translate SQLite and file-system failures into CacheError at the package boundary."""
    try:
        yield
    except (sqlite3.Error, OSError) as error:
        raise CacheError(f"{what}: {error}") from error
