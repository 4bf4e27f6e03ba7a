"""Connections read without sqlite-utils and write like it; migrations are checked in plain SQL."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from cache.handle import Handle, first_keyword
from cache.migrate import MigrationSet


@pytest.fixture
def handle(tmp_path: Path) -> Handle:
    db = Handle(sqlite3.connect(tmp_path / "t.db"))
    db.execute("CREATE TABLE t (x INTEGER UNIQUE)")
    return db


def test_a_write_on_its_own_is_committed(handle: Handle, tmp_path: Path) -> None:
    handle.execute("INSERT INTO t VALUES (?)", [1])
    assert not handle.conn.in_transaction
    other = sqlite3.connect(tmp_path / "t.db")
    assert other.execute("SELECT x FROM t").fetchall() == [(1,)]


def test_a_failed_write_leaves_no_transaction_open(handle: Handle) -> None:
    handle.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(sqlite3.IntegrityError):
        handle.execute("INSERT INTO t VALUES (1)")
    assert not handle.conn.in_transaction


def test_a_write_inside_the_callers_transaction_waits_for_it(handle: Handle) -> None:
    handle.conn.execute("BEGIN")
    handle.execute("INSERT INTO t VALUES (2)")
    assert handle.conn.in_transaction
    handle.rollback()
    assert handle.execute("SELECT count(*) FROM t").fetchone() == (0,)


def test_everything_else_goes_to_sqlite_utils(handle: Handle) -> None:
    handle.table("t").insert({"x": 5})
    assert [row["x"] for row in handle.database["t"].rows] == [5]


@pytest.mark.parametrize(
    ("sql", "keyword"),
    [("  -- a\n/* b */ begin immediate", "BEGIN"), (";\ufeffselect 1", "SELECT"), ("", "")],
)
def test_first_keyword_skips_space_and_comments(sql: str, keyword: str) -> None:
    assert first_keyword(sql) == keyword


def test_pending_steps_agree_with_sqlite_utils(tmp_path: Path) -> None:
    steps = MigrationSet("demo")

    @steps()
    def first(db: Database) -> None:
        db["a"].create({"id": int})

    @steps(name="second")
    def add_b(db: Database) -> None:
        db["b"].create({"id": int})

    database = Database(tmp_path / "m.db")
    assert steps.pending(database.conn) == ["first", "second"]
    reference = Migrations("demo")
    reference(name="first")(first)
    reference.apply(database)
    assert steps.pending(database.conn) == ["second"]
    steps.apply(database)
    assert steps.pending(database.conn) == []
    assert {"a", "b"} <= set(database.table_names())


def test_reading_an_up_to_date_cache_does_not_import_sqlite_utils(tmp_path: Path) -> None:
    from cache import ContentStore, StateStore
    from tests.cache.sample import make_catalog

    state = StateStore(tmp_path / "usage.db")
    ContentStore(tmp_path / "content.db", state).replace_content(make_catalog())
    script = textwrap.dedent(
        f"""
        import sys
        from cache import StateStore, open_content
        state = StateStore({str(tmp_path / "usage.db")!r})
        store = open_content({str(tmp_path / "content.db")!r}, state)
        assert store.topics("km") and store.featured("en") is not None
        with store.snapshot() as pinned:
            pinned.search("visa", "en")
        assert "sqlite_utils" not in sys.modules, "sqlite_utils was imported"
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True, cwd=Path(__file__).parents[2])
