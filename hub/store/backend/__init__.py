"""Where the hub's stores keep their tables: a SQLite file (the embedded default) or a
PostgreSQL database (a national hub), chosen by one location, with the same two operations.

`connect(location, branch)` opens either and brings it to the newest schema of its Alembic
branch. Stores then use `reader().execute(sql, params)` for reads and `with write() as conn:`
for one write transaction, with SQL both databases accept.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

import psycopg
from sqlite_utils.migrations import Migrations

from hub.store.backend.errors import DATABASE_ERRORS, StoreError, StoreUnavailableError
from hub.store.backend.postgres import PostgresConnections, holds_hub_data
from hub.store.backend.sqlite import SqliteConnections

__all__ = [
    "DATABASE_ERRORS",
    "DATABASE_URL_ENV",
    "Connections",
    "StoreError",
    "StoreUnavailableError",
    "connect",
    "holds_store",
    "is_postgresql",
]

Connections = SqliteConnections | PostgresConnections


def is_postgresql(location: Path | str) -> bool:
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))


DATABASE_URL_ENV = "HUB_DATABASE_URL"
"""The one setting that moves a hub to PostgreSQL: every store the hub opens in its data folder
(hub.db, staff.db) uses this database instead, e.g. postgresql://hub@127.0.0.1/hub."""


def route(location: Path | str) -> Path | str:
    """Where a store's location really points: HUB_DATABASE_URL, when set, instead of a file."""
    url = os.environ.get(DATABASE_URL_ENV, "").strip()
    if url and not is_postgresql(location):
        if not is_postgresql(url):
            raise StoreError(f"{DATABASE_URL_ENV} must be a postgresql:// URL, not {url!r}")
        return url
    return location


def holds_store(data_dir: Path) -> bool:
    """Whether a hub data folder has a store: its hub.db, or (HUB_DATABASE_URL) a database
    holding hub data. StoreUnavailableError when that database cannot be reached."""
    location = route(Path(data_dir) / "hub.db")
    if not is_postgresql(location):
        return Path(location).exists()
    try:
        return Path(data_dir).is_dir() and holds_hub_data(str(location))
    except psycopg.Error as error:
        raise StoreUnavailableError(f"cannot reach the database: {error}") from error


def connect(
    location: Path | str,
    branch: str,
    *,
    legacy: Migrations | None = None,
    synchronous: Literal["FULL", "NORMAL"] = "FULL",
    error: type[Exception] = StoreError,
) -> Connections:
    """A SQLite file (a path) or a PostgreSQL database (a postgresql:// URL), migrated."""
    location = route(location)
    if is_postgresql(location):
        return PostgresConnections(str(location), branch, error=error)
    return SqliteConnections(
        Path(location), branch, legacy=legacy, synchronous=synchronous, error=error
    )
