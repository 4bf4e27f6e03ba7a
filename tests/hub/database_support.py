"""The hub's tests on PostgreSQL (`pytest --hub-backend postgresql`): a scratch server for the
session, and every data folder a test names gets its own database, made from a migrated
template, so each test starts empty exactly as it does with SQLite files."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Sequence
from pathlib import Path

import psycopg

from hub.store import backend
from hub.store.backend import migrate, postgres
from hub.store.backend.local_server import LocalServer

TEMPLATE = "hub_template"
ACTIVE: list[DatabaseRouter] = []
"""The session's router while the tests run on PostgreSQL."""


def copy_data_dir(source: Path, destination: Path) -> None:
    """A copy of a hub data folder, its database too when that is not a file in it."""
    shutil.copytree(source, destination)
    if ACTIVE:
        ACTIVE[0].copy(source, destination)


class DatabaseRouter:
    """backend.route for tests: a data folder's files (hub.db, staff.db) -> one database."""

    def __init__(self, server: LocalServer) -> None:
        self.server = server
        self._by_folder: dict[Path, str] = {}
        self._numbers = itertools.count(1)
        self._made_in_test: list[tuple[Path, str]] = []
        self.in_test = False
        url = server.create_database(TEMPLATE)
        for branch in ("hub", "staff"):
            migrate.upgrade_postgresql(url, branch)
        with psycopg.connect(server.admin_url, autocommit=True) as conn:
            conn.execute(f"ALTER DATABASE {TEMPLATE} WITH ALLOW_CONNECTIONS false")

    def route(self, location: Path | str) -> Path | str:
        if backend.is_postgresql(location):
            return location
        folder = Path(location).resolve().parent
        url = self._by_folder.get(folder)
        if url is None:
            name = f"t{next(self._numbers)}"
            url = self.server.create_database(name, TEMPLATE)
            self._by_folder[folder] = url
            if self.in_test:
                self._made_in_test.append((folder, name))
        return url

    def copy(self, source: Path, destination: Path) -> None:
        """The destination folder's database starts as a copy of the source folder's."""
        original = str(self.route(source / "hub.db"))
        postgres.close_pool(original)  # a template database must have no connections
        name = f"t{next(self._numbers)}"
        url = self.server.create_database(name, original.rsplit("/", 1)[1])
        self._by_folder[destination.resolve()] = url
        if self.in_test:
            self._made_in_test.append((destination.resolve(), name))

    def drop_test_databases(self) -> None:
        """Drop what the finished test made (its pools closed first)."""
        for folder, name in self._made_in_test:
            postgres.close_pool(self._by_folder.pop(folder))
            self.server.drop_database(name)
        self._made_in_test.clear()


def rows(location: Path, sql: str, branch: str = "hub") -> list[tuple]:
    """All rows of one query on a store's database, whichever database that is."""
    return queries(location, [sql], branch)[0]


def queries(location: Path, sqls: Sequence[str], branch: str = "hub") -> list[list[tuple]]:
    """The rows of each query, on one connection."""
    db = backend.connect(location, branch)
    try:
        reader = db.reader()
        return [[tuple(row) for row in reader.execute(sql).fetchall()] for sql in sqls]
    finally:
        db.close()


def write(location: Path, sql: str, branch: str = "hub") -> None:
    """One statement in its own write transaction on a store's database."""
    db = backend.connect(location, branch)
    try:
        with db.write() as conn:
            conn.execute(sql)
    finally:
        db.close()
