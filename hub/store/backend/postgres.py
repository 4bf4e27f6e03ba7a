"""PostgreSQL, for a national hub: a psycopg 3 connection pool shared by every store of the
process that names the same database URL.

The hub's SQL is written with SQLite's parameter markers; hub.store.backend.sql rewrites them.
Writes take a transaction-scoped advisory lock per database, so write transactions run one at
a time across every worker, as they do on SQLite: read-modify-write steps (revision checks,
roll-up deltas) stay exact without retry loops. A kiosk's uploads and heartbeats, which touch
only that kiosk's rows, hold the lock shared and a lock of their kiosk exclusively, so
different kiosks' uploads run side by side. Reads run in parallel, each on a pooled connection
in autocommit.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator, Sequence
from typing import Any

import psycopg
import psycopg_pool
from psycopg.adapt import Loader

from hub.store.backend import migrate
from hub.store.backend.errors import StoreError, StoreUnavailableError
from hub.store.backend.sql import to_psycopg

logger = logging.getLogger(__name__)

POOL_MAX = 8
"""Connections per worker process and database; each request holds one at most briefly."""
CONNECT_TIMEOUT_S = 5
WAIT_TIMEOUT_S = 10.0
"""How long a request waits for a pooled connection before it answers 503."""
STATEMENT_TIMEOUT_MS = 60_000
_WRITE_LOCK_KEY = 0x6B696F736C
_SCOPE_LOCK_CLASS = 0x6B69  # first key of the two-key advisory locks of one scope


class _NumberLoader(Loader):
    """NUMERIC (what sum() of integers gives) as int when whole, else float, like SQLite."""

    def load(self, data: Any) -> int | float:
        text = bytes(data).decode()
        return float(text) if any(mark in text for mark in ".eEN") else int(text)


class Result:
    """The rows of one read, fetched before its connection went back to the pool."""

    def __init__(self, rows: list[tuple[Any, ...]], rowcount: int) -> None:
        self._rows = rows
        self._next = 0
        self.rowcount = rowcount

    def fetchone(self) -> tuple[Any, ...] | None:
        if self._next >= len(self._rows):
            return None
        self._next += 1
        return self._rows[self._next - 1]

    def fetchall(self) -> list[tuple[Any, ...]]:
        rows, self._next = self._rows[self._next :], len(self._rows)
        return rows

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.fetchall())


class Transaction:
    """One connection inside a write transaction, with sqlite3's execute/executemany."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> psycopg.Cursor[Any]:
        return self._conn.execute(to_psycopg(sql), params or None)

    def executemany(self, sql: str, rows: Any) -> psycopg.Cursor[Any]:
        cursor = self._conn.cursor()
        cursor.executemany(to_psycopg(sql), list(rows))
        return cursor


class Reader:
    """Reads outside a write transaction: each borrows a pooled connection."""

    def __init__(self, pool: psycopg_pool.ConnectionPool) -> None:
        self._pool = pool

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Result:
        with _translated(), self._pool.connection(timeout=WAIT_TIMEOUT_S) as conn:
            cursor = conn.execute(to_psycopg(sql), params or None)
            rows = cursor.fetchall() if cursor.description is not None else []
            return Result(rows, cursor.rowcount)


@contextlib.contextmanager
def _translated() -> Iterator[None]:
    """Connection failures and pool waits become StoreUnavailableError (the API answers 503)."""
    try:
        yield
    except (psycopg.OperationalError, psycopg_pool.PoolTimeout) as failure:
        raise StoreUnavailableError(f"the database is unavailable: {failure}") from failure


def _configure(conn: psycopg.Connection[Any]) -> None:
    conn.adapters.register_loader("numeric", _NumberLoader)
    conn.execute(f"SET statement_timeout = {STATEMENT_TIMEOUT_MS}")
    conn.execute("SET TIME ZONE 'UTC'")


_pools: dict[str, tuple[psycopg_pool.ConnectionPool, int]] = {}
_pools_lock = threading.Lock()


def _open_pool(url: str) -> psycopg_pool.ConnectionPool:
    with _pools_lock:
        pool, users = _pools.get(url, (None, 0))
        if pool is None:
            pool = psycopg_pool.ConnectionPool(
                url,
                min_size=1,
                max_size=POOL_MAX,
                kwargs={
                    "autocommit": True,
                    "connect_timeout": CONNECT_TIMEOUT_S,
                    "cursor_factory": psycopg.ClientCursor,
                },
                configure=_configure,
                check=psycopg_pool.ConnectionPool.check_connection,
                open=False,
                name="hub",
            )
            pool.open(wait=True, timeout=CONNECT_TIMEOUT_S * 2)
        _pools[url] = (pool, users + 1)
        return pool


def _release_pool(url: str) -> None:
    with _pools_lock:
        pool, users = _pools.get(url, (None, 0))
        if pool is None:
            return
        if users > 1:
            _pools[url] = (pool, users - 1)
            return
        del _pools[url]
    pool.close()


def close_pool(url: str) -> None:
    """Close the pool of a database however many stores still use it (before dropping it)."""
    with _pools_lock:
        pool, _ = _pools.pop(url, (None, 0))
    if pool is not None:
        pool.close()


class PostgresConnections:
    """The store's connections to one PostgreSQL database, migrated on open."""

    dialect = "postgresql"

    def __init__(self, url: str, branch: str, *, error: type[Exception] = StoreError) -> None:
        self.location = url
        self.path = None
        self._lock = threading.Lock()
        self._open: psycopg_pool.ConnectionPool | None = None
        try:
            migrate.upgrade_postgresql(url, branch)
            self._pool()
        except (psycopg.Error, psycopg_pool.PoolTimeout, migrate.MigrationError) as failure:
            raise error(f"cannot open the database: {failure}") from failure

    def _pool(self) -> psycopg_pool.ConnectionPool:
        """The shared pool; taken again after close(), as SQLite's connections reopen."""
        with self._lock:
            if self._open is None or self._open.closed:
                with _translated():
                    self._open = _open_pool(self.location)
            return self._open

    def reader(self) -> Reader:
        return Reader(self._pool())

    @contextlib.contextmanager
    def write(self, scope: str | None = None) -> Iterator[Transaction]:
        """One write transaction. Without a scope it waits for every other writer to this
        database (the advisory lock, exclusively); with one (a kiosk's id, for its uploads and
        heartbeats, which touch only that kiosk's rows) it runs beside writers of other scopes
        and waits only for the same scope and for scope-less writers."""
        with (
            _translated(),
            self._pool().connection(timeout=WAIT_TIMEOUT_S) as conn,
            conn.transaction(),
        ):
            if scope is None:
                conn.execute("SELECT pg_advisory_xact_lock(%s)", [_WRITE_LOCK_KEY])
            else:
                conn.execute("SELECT pg_advisory_xact_lock_shared(%s)", [_WRITE_LOCK_KEY])
                conn.execute(
                    "SELECT pg_advisory_xact_lock(%s, hashtext(%s))", [_SCOPE_LOCK_CLASS, scope]
                )
            yield Transaction(conn)

    def close(self) -> None:
        with self._lock:
            if self._open is not None:
                self._open = None
                _release_pool(self.location)


HUB_DATA_TABLES = ("devices", "users", "usage_hourly", "desk_files")
"""Tables that hold a hub's own data (not what migrations put in)."""


def holds_hub_data(url: str) -> bool:
    """Whether a database holds kiosks, accounts, usage or content (raises psycopg.Error)."""
    with psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S) as conn:
        tables = {
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            )
        }
        return any(
            conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]  # noqa: S608
            for table in HUB_DATA_TABLES
            if table in tables
        )
