"""A kiosk always starts with content: a missing, empty or damaged content.db is rebuilt."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cache import CacheError, ContentStore, StateStore, open_content
from catalog import Catalog, CatalogError
from tests.cache.sample import make_catalog
from tests.storage import rewrite_database


def embedded(version: int = 3):  # type: ignore[no-untyped-def]
    calls: list[int] = []

    def load() -> Catalog:
        calls.append(version)
        return make_catalog(version)

    load.calls = calls  # type: ignore[attr-defined]
    return load


def filled_content_db(tmp_path: Path, state: StateStore, version: int = 5) -> Path:
    path = tmp_path / "content.db"
    store = ContentStore(path, state)
    store.replace_content(make_catalog(version))
    store.close()
    return path


def test_a_missing_file_is_built_from_the_embedded_catalog(
    tmp_path: Path, state: StateStore
) -> None:
    store = open_content(tmp_path / "content.db", state, embedded())

    assert store.content_version() == 3
    assert store.search("thu tuc", "vi")[0].id == "e-visa"
    assert state.high_water_mark() == 3
    store.close()


def test_an_empty_file_is_built_from_the_embedded_catalog(
    tmp_path: Path, state: StateStore
) -> None:
    (tmp_path / "content.db").write_bytes(b"")

    store = open_content(tmp_path / "content.db", state, embedded())

    assert store.content_version() == 3
    store.close()


def test_garbage_is_moved_aside_and_rebuilt(tmp_path: Path, state: StateStore) -> None:
    path = tmp_path / "content.db"
    path.write_bytes(b"this is not a database at all " * 500)

    store = open_content(path, state, embedded())

    assert store.content_version() == 3
    assert store.integrity_ok()
    assert (tmp_path / "content.db.damaged").read_bytes().startswith(b"this is not")
    store.close()


def test_a_truncated_file_is_moved_aside_and_rebuilt(tmp_path: Path, state: StateStore) -> None:
    path = filled_content_db(tmp_path, state)
    with path.open("r+b") as file:
        file.truncate(path.stat().st_size // 2)

    store = open_content(path, state, embedded())

    assert store.content_version() == 3
    assert store.article("e-visa", "en") is not None
    assert (tmp_path / "content.db.damaged").exists()
    store.close()


def test_sound_content_is_kept_and_the_embedded_catalog_not_read(
    tmp_path: Path, state: StateStore
) -> None:
    path = filled_content_db(tmp_path, state, version=5)
    load = embedded()

    store = open_content(path, state, load)

    assert store.content_version() == 5
    assert load.calls == []
    store.close()


def test_the_embedded_catalog_is_used_even_below_the_mark_which_stays(
    tmp_path: Path, state: StateStore
) -> None:
    state.raise_high_water_mark(40)

    store = open_content(tmp_path / "content.db", state, embedded(3))

    assert store.content_version() == 3
    assert state.high_water_mark() == 40
    store.close()


def test_content_newer_than_the_mark_raises_the_mark(tmp_path: Path) -> None:
    first = StateStore(tmp_path / "usage.db")
    path = filled_content_db(tmp_path, first, version=8)
    first.close()
    (tmp_path / "usage.db").unlink()
    state = StateStore(tmp_path / "usage.db")

    open_content(path, state).close()

    assert state.high_water_mark() == 8
    state.close()


def test_without_an_embedded_catalog_a_missing_file_opens_empty(
    tmp_path: Path, state: StateStore
) -> None:
    store = open_content(tmp_path / "content.db", state)

    assert store.content_version() is None
    assert store.catalog_meta() is None
    assert store.topics("en") == []
    assert store.featured("en") == []
    assert store.contacts("en") == []
    store.close()


def test_a_broken_embedded_catalog_leaves_the_store_empty_not_crashed(
    tmp_path: Path, state: StateStore, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> Catalog:
        raise CatalogError("catalog is not valid JSON")

    store = open_content(tmp_path / "content.db", state, broken)

    assert store.content_version() is None
    assert "embedded catalog unusable" in caplog.text
    store.close()


def test_opening_garbage_directly_is_a_cache_error(tmp_path: Path, state: StateStore) -> None:
    path = tmp_path / "content.db"
    path.write_bytes(b"garbage " * 1000)

    with pytest.raises(CacheError):
        ContentStore(path, state)


def test_missing_folders_are_created(tmp_path: Path) -> None:
    state = StateStore(tmp_path / "var" / "lib" / "usage.db")
    store = open_content(tmp_path / "var" / "cache" / "content.db", state, embedded())

    assert store.content_version() == 3
    store.close()
    state.close()


def test_a_content_db_left_in_write_ahead_log_mode_is_rebuilt(
    tmp_path: Path, state: StateStore
) -> None:
    path = filled_content_db(tmp_path, state, version=5)
    conn = sqlite3.connect(path)  # as software before whole-file content left it
    conn.execute("PRAGMA journal_mode = wal")
    conn.close()

    store = open_content(path, state, embedded(3))

    assert store.content_version() == 3
    assert state.high_water_mark() == 5
    assert not path.with_name("content.db-wal").exists()
    store.close()


def test_a_content_db_of_another_layout_is_rebuilt(tmp_path: Path, state: StateStore) -> None:
    path = filled_content_db(tmp_path, state, version=5)
    rewrite_database(
        path,
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('content', 'a_future_step', '2027-01-01')",
    )

    store = open_content(path, state, embedded(3))

    assert store.content_version() == 3
    store.close()


def test_a_draft_being_written_is_never_removed_but_an_abandoned_one_is(
    tmp_path: Path, state: StateStore
) -> None:
    store = ContentStore(tmp_path / "content.db", state)
    abandoned = tmp_path / "content.db.draft-99999-0"
    abandoned.write_bytes(b"half a database")

    with store.draft() as draft:
        assert store.remove_abandoned_drafts() == 1
        assert draft.exists()
    assert not abandoned.exists()
    assert not draft.exists()
    store.close()


def test_readers_follow_the_file_when_new_content_replaces_it(
    tmp_path: Path, state: StateStore
) -> None:
    reader = ContentStore(tmp_path / "content.db", state)
    writer = ContentStore(tmp_path / "content.db", state)
    writer.replace_content(make_catalog(1))
    assert reader.content_version() == 1
    pinned = reader.snapshot()

    writer.replace_content(make_catalog(2))

    assert reader.content_version() == 2
    assert pinned.content_version() == 1
    pinned.close()
    reader.close()
    writer.close()
