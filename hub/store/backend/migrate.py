"""Bring a database to the newest schema of one branch (`hub` or `staff`) with Alembic.

One process at a time migrates: a file lock beside a SQLite file, an advisory lock on
PostgreSQL, so workers starting together never race. A SQLite file made before Alembic (it has
sqlite-utils' `_sqlite_migrations` table) first runs the old migrations it lacks, then is
stamped with the branch's baseline: those migrations end exactly where the baseline begins.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from filelock import FileLock
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

logger = logging.getLogger(__name__)

SCRIPTS = Path(__file__).resolve().parent.parent / "migrations"
BASELINES = {"hub": "hub_0001", "staff": "staff_0001"}
_LEGACY_TABLE = "_sqlite_migrations"
_ADVISORY_KEY = 0x6B696F736B  # any constant shared by every hub process
_at_head: set[tuple[str, str]] = set()


def alembic_config(connection: sa.Connection) -> Config:
    """Alembic's configuration for the hub's scripts, running on `connection`."""
    config = Config()
    config.set_main_option("script_location", str(SCRIPTS))
    config.attributes["connection"] = connection
    return config


def upgrade_sqlite(path: Path, branch: str, legacy: Migrations | None) -> None:
    """Migrate one SQLite file, unless it is at the branch's head already."""
    if _sqlite_at_head(path, branch):
        return
    with _translated(), FileLock(f"{path}.migrate.lock"):
        if legacy is not None:
            _finish_legacy(path, branch, legacy)
        engine = sa.create_engine(f"sqlite:///{path}", poolclass=sa.NullPool)
        try:
            with engine.begin() as connection:
                command.upgrade(alembic_config(connection), f"{branch}@head")
        finally:
            engine.dispose()


def upgrade_postgresql(url: str, branch: str) -> None:
    """Migrate one PostgreSQL database, under an advisory lock (once per process: a database
    at the head stays there until a newer hub starts on it)."""
    if (url, branch) in _at_head:
        return
    engine = sa.create_engine(alchemy_url(url), poolclass=sa.NullPool)
    try:
        with _translated(), engine.begin() as connection:
            connection.execute(
                sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_KEY}
            )
            if head(branch) not in _versions(connection):
                command.upgrade(alembic_config(connection), f"{branch}@head")
        _at_head.add((url, branch))
    finally:
        engine.dispose()


def alchemy_url(url: str) -> str:
    """SQLAlchemy's name for a postgresql:// URL with the psycopg 3 driver."""
    scheme, _, rest = url.partition("://")
    return f"postgresql+psycopg://{rest}" if scheme in ("postgresql", "postgres") else url


@contextlib.contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except (CommandError, sa.exc.SQLAlchemyError) as failure:
        raise MigrationError(str(failure).splitlines()[0]) from failure


@functools.cache
def head(branch: str) -> str:
    """The newest revision of a branch."""
    heads = ScriptDirectory(str(SCRIPTS)).get_revisions(f"{branch}@head")
    return heads[0].revision


def _versions(connection: sa.Connection) -> set[str]:
    if not sa.inspect(connection).has_table("alembic_version"):
        return set()
    return {
        row[0] for row in connection.execute(sa.text("SELECT version_num FROM alembic_version"))
    }


def _sqlite_at_head(path: Path, branch: str) -> bool:
    if not path.exists():
        return False
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.OperationalError:  # no such table yet
        return False
    finally:
        conn.close()
    return head(branch) in {row[0] for row in rows}


def _finish_legacy(path: Path, branch: str, legacy: Migrations) -> None:
    db = Database(path)
    try:
        if _LEGACY_TABLE not in db.table_names() or "alembic_version" in db.table_names():
            return
        if legacy.pending(db):
            logger.info("%s: applying the sqlite-utils migrations it lacks", path)
            legacy.apply(db)
    finally:
        db.close()
    engine = sa.create_engine(f"sqlite:///{path}", poolclass=sa.NullPool)
    try:
        with engine.begin() as connection:
            command.stamp(alembic_config(connection), BASELINES[branch])
    finally:
        engine.dispose()
    logger.info("%s: stamped with Alembic revision %s", path, BASELINES[branch])


class MigrationError(Exception):
    """Alembic could not bring the database to its newest schema."""
