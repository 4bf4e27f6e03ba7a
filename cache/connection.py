"""One SQLite connection per thread for one database file, set up the same way every time.

Two processes share each file (the kiosk reads, the sync daemon writes), so every file is in WAL
mode, waits for locks instead of failing at once, and is migrated inside one write transaction.
Connections are Handles (cache.handle): sqlite-utils is imported only to write or migrate.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cache.errors import CacheError
from cache.handle import Handle
from cache.migrate import MigrationSet
from cache.pool import HandlePool

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5_000
"""How long a statement waits for the other process's lock before giving up."""
WAL_SIZE_LIMIT = 4 * 1024 * 1024
"""The write-ahead log is cut back to this size after a checkpoint."""


class Connections(HandlePool):
    """Hands each thread its own `Handle` over `path`; migrates the file on first use."""

    def __init__(self, path: Path | str, migrations: MigrationSet, synchronous: str = "NORMAL"):
        super().__init__()
        self.path = Path(path)
        self._migrations = migrations
        self._synchronous = synchronous
        with storage_errors(f"cannot open {self.path}"):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            migrate(self.db(), migrations)

    def db(self) -> Handle:
        """This thread's connection, opened on first use."""
        db: Handle | None = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = self.connect()
        return db

    def _open_handle(self) -> Handle:
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        db = Handle(conn)
        db.execute("PRAGMA recursive_triggers = on")  # as sqlite-utils' Database sets it
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode = wal")
        db.execute(f"PRAGMA synchronous = {self._synchronous}")
        db.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}")
        return db


def migrate(db: Handle, migrations: MigrationSet) -> None:
    """Apply pending migrations while holding the write lock, so two processes never race."""
    if not migrations.pending(db.conn):
        return
    with write_transaction(db):
        migrations.apply(db.database)
    logger.info("migrated %s", migrations.name)


@contextmanager
def write_transaction(db: Handle) -> Iterator[Handle]:
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


@contextmanager
def storage_errors(what: str) -> Iterator[None]:
    """Translate SQLite and file-system failures into CacheError at the package boundary."""
    try:
        yield
    except (sqlite3.Error, OSError) as error:
        raise CacheError(f"{what}: {error}") from error
