"""The pinyin keyboard's candidates come from the content's own words and its synonyms."""

from __future__ import annotations

from pathlib import Path

import pytest

from cache import ContentStore, StateStore
from hub.compiler import compile_channel
from kiosk.pinyin_input import choose, pending_pinyin

CONTENT = Path(__file__).parents[2] / "assets" / "content"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> ContentStore:
    folder = tmp_path_factory.mktemp("mong-cai")
    content = ContentStore(folder / "content.db", StateStore(folder / "usage.db"))
    content.replace_content(compile_channel(CONTENT, "mong-cai").catalog)
    return content


def words(store: ContentStore, typed: str) -> list[str]:
    return [word for word, _pinyin in store.pinyin_candidates(typed)]


def test_whole_pinyin_offers_the_word_first(store: ContentStore) -> None:
    assert words(store, "chuzuche")[0] == "出租车"
    assert store.pinyin_candidates("qianzheng")[0] == ("签证", "qianzheng")


def test_a_synonym_is_offered_though_the_content_never_uses_it(store: ContentStore) -> None:
    assert "计程车" in words(store, "jichengche")


def test_the_start_of_a_word_offers_words_it_begins(store: ContentStore) -> None:
    assert "签证" in words(store, "qianz")


def test_more_pinyin_than_one_word_offers_the_longest_word_it_begins_with(
    store: ContentStore,
) -> None:
    assert words(store, "qianzhengxyz")[0] == "签证"


@pytest.mark.parametrize("typed", ["", "123", "签证", "%_'\"", "x" * 500])
def test_no_pinyin_offers_nothing_and_never_raises(store: ContentStore, typed: str) -> None:
    assert isinstance(store.pinyin_candidates(typed), list)


def test_choosing_a_word_replaces_the_letters_it_spells() -> None:
    assert choose("签证banli", "办理", "banli") == "签证办理"
    assert choose("chuzucheche", "出租车", "chuzuche") == "出租车che"
    assert pending_pinyin("签证Ban") == "ban"
    assert pending_pinyin("签证") == ""
