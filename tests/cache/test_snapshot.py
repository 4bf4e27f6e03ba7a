"""A snapshot keeps reading the content version it was taken at, whatever is applied meanwhile:
the kiosk holds one for a traveller's whole session."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from cache import CacheError, ContentStore, StateStore
from tests.cache.sample import make_catalog, translation

NEWER_ARTICLES = [
    {
        "id": "new-gate-hours",
        "topic": "entry-visa",
        "featured": True,
        "translations": {"en": translation("New opening hours", "Open 7:00 to 19:00.")},
    }
]


def everything(reader: object, lang: str = "en") -> dict[str, object]:
    """What a session can read, as plain values to compare."""
    topics = reader.topics(lang)  # type: ignore[attr-defined]
    return {
        "version": reader.content_version(),  # type: ignore[attr-defined]
        "meta": reader.catalog_meta().content_version,  # type: ignore[attr-defined]
        "topics": [t.id for t in topics],
        "cards": {t.id: [c.id for c in reader.articles(t.id, lang)] for t in topics},  # type: ignore[attr-defined]
        "featured": [c.id for c in reader.featured(lang)],  # type: ignore[attr-defined]
        "search": [c.id for c in reader.search("visa", lang)],  # type: ignore[attr-defined]
        "article": reader.article("e-visa", lang) is not None,  # type: ignore[attr-defined]
        "contacts": [c.id for c in reader.contacts(lang)],  # type: ignore[attr-defined]
    }


def test_a_snapshot_reads_the_version_it_was_taken_at(store: ContentStore) -> None:
    before = everything(store)
    with store.snapshot() as pinned:
        store.replace_content(make_catalog(2, NEWER_ARTICLES))

        assert everything(pinned) == before
        assert store.content_version() == 2
        assert store.article("e-visa", "en") is None


def test_after_closing_a_new_snapshot_reads_the_new_version(store: ContentStore) -> None:
    pinned = store.snapshot()
    store.replace_content(make_catalog(2, NEWER_ARTICLES))
    pinned.close()

    with pytest.raises(CacheError):
        pinned.topics("en")
    with store.snapshot() as fresh:
        assert fresh.content_version() == 2
        assert [c.id for c in fresh.featured("en")] == ["new-gate-hours"]


def test_answers_repeat_and_callers_cannot_change_them(store: ContentStore) -> None:
    with store.snapshot() as pinned:
        first = pinned.topics("en")
        first.clear()
        assert pinned.topics("en") == store.topics("en") != []
        assert pinned.articles("entry-visa", "km") == store.articles("entry-visa", "km")


def apply_newer(directory: Path) -> None:
    state = StateStore(directory / "usage.db")
    store = ContentStore(directory / "content.db", state)
    store.replace_content(make_catalog(2, NEWER_ARTICLES))
    store.close()
    state.close()


def test_content_applied_by_another_process_waits_for_the_snapshot(
    tmp_path: Path, store: ContentStore
) -> None:
    before = everything(store, "km")
    with store.snapshot() as pinned:
        writer = multiprocessing.get_context("fork").Process(target=apply_newer, args=(tmp_path,))
        writer.start()
        writer.join(timeout=60)
        assert writer.exitcode == 0

        assert store.content_version() == 2
        assert everything(pinned, "km") == before


def test_closing_the_store_closes_its_snapshots(store: ContentStore) -> None:
    pinned = store.snapshot()
    store.close()
    with pytest.raises(CacheError):
        pinned.content_version()
    pinned.close()  # closing twice is harmless
