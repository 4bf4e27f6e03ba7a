"""New content replaces old content whole, or not at all; older versions never come back."""

from __future__ import annotations

from pathlib import Path

import pytest

import cache.write
from cache import CacheError, ContentStore, StateStore, VersionRollbackError
from tests.cache.sample import ARTICLES, make_catalog, translation
from tests.storage import disk_full_after

NEWER_ARTICLES = [
    {
        "id": "new-gate-hours",
        "topic": "entry-visa",
        "translations": {"en": translation("New opening hours", "Open 7:00 to 19:00.")},
    }
]


def drafts(store: ContentStore) -> list[Path]:
    return list(store.path.parent.glob(f"{store.path.name}.draft-*"))


def article_ids(store: ContentStore) -> set[str]:
    return {card.id for topic in store.topics("en") for card in store.articles(topic.id, "en")}


def test_new_content_replaces_the_old_entirely(store: ContentStore) -> None:
    store.replace_content(make_catalog(2, NEWER_ARTICLES))

    assert store.content_version() == 2
    assert article_ids(store) == {"new-gate-hours"}
    assert store.search("online", "en") == []
    assert store.article("e-visa", "en") is None


def test_applying_raises_the_high_water_mark(store: ContentStore, state: StateStore) -> None:
    store.replace_content(make_catalog(7))

    assert state.high_water_mark() == 7


def test_an_older_version_is_refused_and_the_current_one_stays(store: ContentStore) -> None:
    store.replace_content(make_catalog(5))

    with pytest.raises(VersionRollbackError):
        store.replace_content(make_catalog(4, NEWER_ARTICLES))

    assert store.content_version() == 5
    assert "e-visa" in article_ids(store)


def test_the_same_version_can_be_applied_again(store: ContentStore) -> None:
    store.replace_content(make_catalog(1))

    assert store.content_version() == 1


def test_a_rollback_is_a_cache_error(store: ContentStore) -> None:
    store.replace_content(make_catalog(3))

    with pytest.raises(CacheError):
        store.replace_content(make_catalog(2))


def test_a_failure_half_way_leaves_the_previous_content_whole(
    store: ContentStore, state: StateStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    folded = 0

    def fail_half_way(text: str, *_how: str) -> str:
        nonlocal folded
        folded += 1
        if folded > 1:  # the new rows are part written when the writer fails
            raise OSError(5, "Input/output error")
        return text

    monkeypatch.setattr(cache.write, "searchable", fail_half_way)
    with pytest.raises(CacheError):
        store.replace_content(make_catalog(2, NEWER_ARTICLES))
    monkeypatch.undo()

    assert folded > 1
    assert store.content_version() == 1
    assert state.high_water_mark() == 1
    assert article_ids(store) == {article["id"] for article in ARTICLES}
    assert store.search("thu tuc", "vi")[0].id == "e-visa"
    assert store.integrity_ok()
    assert drafts(store) == []


def test_a_full_disk_leaves_the_previous_content_whole(tmp_path: Path, state: StateStore) -> None:
    store = ContentStore(tmp_path / "full.db", state)
    store.replace_content(make_catalog(1))
    many = [dict(ARTICLES[0], id=f"copy-{number}") for number in range(200)]

    with disk_full_after(store.path.stat().st_size + 8192), pytest.raises(CacheError):
        store.replace_content(make_catalog(2, many))

    assert store.content_version() == 1
    assert article_ids(store) == {article["id"] for article in ARTICLES}
    assert drafts(store) == []
    store.close()


def test_the_mark_survives_content_db_being_deleted(tmp_path: Path) -> None:
    state = StateStore(tmp_path / "usage.db")
    store = ContentStore(tmp_path / "content.db", state)
    store.replace_content(make_catalog(9))
    store.close()
    state.close()
    for leftover in tmp_path.glob("content.db*"):
        leftover.unlink()

    state = StateStore(tmp_path / "usage.db")
    store = ContentStore(tmp_path / "content.db", state)

    assert store.content_version() is None
    with pytest.raises(VersionRollbackError):
        store.replace_content(make_catalog(8))
    store.replace_content(make_catalog(9))
    assert store.content_version() == 9
    store.close()
    state.close()


def test_the_stored_version_counts_even_when_usage_db_was_lost(tmp_path: Path) -> None:
    state = StateStore(tmp_path / "usage.db")
    first = ContentStore(tmp_path / "content.db", state)
    first.replace_content(make_catalog(6))
    first.close()
    state.close()
    (tmp_path / "usage.db").unlink()
    fresh = StateStore(tmp_path / "usage.db")
    store = ContentStore(tmp_path / "content.db", fresh)

    with pytest.raises(VersionRollbackError):
        store.replace_content(make_catalog(5))
    assert store.content_version() == 6
    store.close()
    fresh.close()
