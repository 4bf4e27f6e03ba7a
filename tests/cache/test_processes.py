"""The kiosk reads while the sync process writes; killing the writer at any moment leaves one
complete catalog, never a mix of two."""

from __future__ import annotations

import multiprocessing
import random
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.synchronize import Event
from pathlib import Path

import pytest

from cache import ArticleCard, ContentStore, StateStore, open_content
from catalog import Catalog
from tests.cache.sample import make_catalog, translation

ITERATIONS = 25
MAX_READS = 500


def article_count(version: int) -> int:
    return 300 + (version % 7) * 40


def big_catalog(version: int) -> Catalog:
    text = f"Marker{version}word appears in every article of version {version}. " * 12
    articles = [
        {
            "id": f"article-{number}",
            "topic": "entry-visa",
            "priority": number % 1000,
            "translations": {
                lang: translation(f"Article {number} ({lang}) #{version}", text)
                for lang in ("vi", "en", "zh", "lo", "km")
            },
        }
        for number in range(article_count(version))
    ]
    return make_catalog(version, articles)


def write_forever(directory: Path, started: Event) -> None:
    """The sync side: apply ever newer big catalogs until killed."""
    state = StateStore(directory / "usage.db")
    store = ContentStore(directory / "content.db", state)
    version = state.high_water_mark() + 1
    started.set()
    while True:
        store.replace_content(big_catalog(version))
        version += 1


def assert_one_whole_version(directory: Path) -> None:
    state = StateStore(directory / "usage.db")
    store = open_content(directory / "content.db", state)
    try:
        assert store.integrity_ok()
        version = store.content_version()
        assert version is not None
        cards = store.articles("entry-visa", "en")
        assert len(cards) == article_count(version)
        assert {card.title.rsplit("#", 1)[1] for card in cards} == {str(version)}
        assert len(store.search(f"marker{version}word", "km", limit=30)) == 30
        assert store.search(f"marker{version - 1}word", "km") == []
        assert state.high_water_mark() == version
        store.remove_abandoned_drafts()
        assert list(directory.glob("content.db.draft-*")) == []
    finally:
        store.close()
        state.close()


@pytest.mark.slow
def test_sigkill_during_replace_leaves_exactly_one_complete_version(tmp_path: Path) -> None:
    state = StateStore(tmp_path / "usage.db")
    ContentStore(tmp_path / "content.db", state).replace_content(big_catalog(1))
    state.close()
    seed = random.randrange(1_000_000)
    chance = random.Random(seed)
    context = multiprocessing.get_context("fork")
    for iteration in range(ITERATIONS):
        started = context.Event()
        writer = context.Process(target=write_forever, args=(tmp_path, started), daemon=True)
        writer.start()
        assert started.wait(10), "writer did not start"
        time.sleep(chance.uniform(0.0, 0.35))
        writer.kill()
        writer.join()
        try:
            assert_one_whole_version(tmp_path)
        except AssertionError as error:
            raise AssertionError(f"iteration {iteration}, seed {seed}: {error}") from error


def assert_whole(cards: list[ArticleCard]) -> None:
    versions = {card.title.rsplit("#", 1)[1] for card in cards}
    assert len(versions) == 1, f"mixed versions {versions}"
    assert len(cards) == article_count(int(versions.pop()))


@pytest.mark.slow
def test_readers_in_several_threads_see_whole_versions_while_another_process_writes(
    tmp_path: Path,
) -> None:
    state = StateStore(tmp_path / "usage.db")
    store = ContentStore(tmp_path / "content.db", state)
    store.replace_content(big_catalog(1))
    context = multiprocessing.get_context("fork")
    started = context.Event()
    writer = context.Process(target=write_forever, args=(tmp_path, started), daemon=True)
    writer.start()
    assert started.wait(10), "writer did not start"

    def read_while_versions_change(_: int) -> set[int | None]:
        seen: set[int | None] = set()
        for _ in range(MAX_READS):
            assert_whole(store.articles("entry-visa", "en"))
            assert store.search("article", "vi")
            seen.add(store.content_version())
            if len(seen) >= 3:
                break
        return seen

    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            seen = set().union(*pool.map(read_while_versions_change, range(2)))
    finally:
        writer.kill()
        writer.join()
    store.close()
    state.close()
    assert seen
