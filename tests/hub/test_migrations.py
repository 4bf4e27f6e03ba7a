"""One schema for both databases: Alembic's first revisions make exactly the tables older hubs
got from their sqlite-utils migrations, and an older hub's files are taken over in place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from sqlite_utils import Database

from hub.staff.db import StaffDb
from hub.staff.db import migrations as staff_migrations
from hub.store import HubStore, backend
from hub.store.backend import migrate
from hub.store.schema import migrations as hub_migrations

LEGACY = {"hub": hub_migrations, "staff": staff_migrations}


def _affinity(declared: str) -> str:
    """SQLite's type affinity of a declared type (section 3.1 of its datatype rules)."""
    kind = declared.upper()
    if "INT" in kind:
        return "INTEGER"
    if any(mark in kind for mark in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if "BLOB" in kind or not kind:
        return "BLOB"
    if any(mark in kind for mark in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


def _shape(path: Path) -> dict[str, object]:
    conn = sqlite3.connect(path)
    try:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " AND name NOT IN ('alembic_version', '_sqlite_migrations') ORDER BY name"
            )
        ]
        shape: dict[str, object] = {}
        for table in tables:
            columns = conn.execute(f"PRAGMA table_info({table})").fetchall()
            shape[table] = [  # key columns are NOT NULL now (SQLite let old text keys be NULL)
                (name, _affinity(kind), "key" if pk else bool(notnull), pk)
                for _, name, kind, notnull, _, pk in columns
            ]
            indexes = conn.execute(f"PRAGMA index_list({table})").fetchall()
            shape[f"{table} indexes"] = sorted(
                row[1] for row in indexes if not row[1].startswith("sqlite_autoindex")
            )
        triggers = conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        shape["triggers"] = sorted(row[0] for row in triggers)
        return shape
    finally:
        conn.close()


@pytest.mark.sqlite_only
@pytest.mark.parametrize("branch", ["hub", "staff"])
def test_the_first_revision_makes_the_tables_older_hubs_have(tmp_path: Path, branch: str) -> None:
    old = Database(tmp_path / "old.db")
    LEGACY[branch].apply(old)
    old.close()
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'new.db'}", poolclass=sa.NullPool)
    with engine.begin() as connection:  # the first revision only: later ones change the tables
        command.upgrade(migrate.alembic_config(connection), migrate.BASELINES[branch])
    engine.dispose()
    assert _shape(tmp_path / "new.db") == _shape(tmp_path / "old.db")


@pytest.mark.sqlite_only
def test_an_older_hub_is_taken_over_in_place_with_its_data(tmp_path: Path) -> None:
    for name, branch in (("hub.db", "hub"), ("staff.db", "staff")):
        old = Database(tmp_path / name)
        LEGACY[branch].apply(old)
        old.close()
    with sqlite3.connect(tmp_path / "hub.db") as conn:
        conn.execute(
            "INSERT INTO devices (id, gate, status, created_at) VALUES"
            " ('mong-cai-1', 'mong-cai', 'pending', '2026-01-01T00:00:00Z')"
        )
    store, staff = HubStore(tmp_path / "hub.db"), StaffDb(tmp_path / "staff.db")
    try:
        assert [device.id for device in store.devices()] == ["mong-cai-1"]
        assert staff.conn().execute("SELECT count(*) FROM users").fetchone()[0] == 0
    finally:
        store.close()
        staff.close()
    for name, branch in (("hub.db", "hub"), ("staff.db", "staff")):
        with sqlite3.connect(tmp_path / name) as conn:
            stamped = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        assert stamped == [(migrate.head(branch),)]


@pytest.mark.sqlite_only
def test_a_file_that_is_not_a_database_is_refused_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "hub.db").write_text("not a database")
    with pytest.raises(backend.StoreError, match=r"hub\.db"):
        HubStore(tmp_path / "hub.db")


@pytest.mark.sqlite_only  # the PostgreSQL pass routes every store itself
def test_a_database_url_that_is_not_postgresql_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(backend.DATABASE_URL_ENV, "mysql://hub@127.0.0.1/hub")
    with pytest.raises(backend.StoreError, match="must be a postgresql:// URL"):
        HubStore(tmp_path / "hub.db")
    assert not (tmp_path / "hub.db").exists()
