"""Travellers find articles in their own script, with or without accents, whatever they type."""

from __future__ import annotations

import pytest

from cache import ContentStore

FINDS = [
    # (query, traveller's language, article expected first)
    ("thủ tục", "vi", "e-visa"),
    ("thu tuc", "vi", "e-visa"),
    ("THU TUC", "vi", "e-visa"),
    ("duong bo", "vi", "road-to-town"),
    ("ĐƯỜNG", "vi", "road-to-town"),
    ("khai bao hai quan", "vi", "cash-declaration"),
    ("e-visa", "en", "e-visa"),
    ("Buses", "en", "road-to-town"),
    ("customs", "en", "cash-declaration"),
    ("签证", "zh", "e-visa"),
    ("电子签证", "zh", "e-visa"),
    ("公交车", "zh", "road-to-town"),
    ("口岸", "zh", "road-to-town"),
    ("ວີຊາ", "lo", "e-visa"),
    ("ລົດເມ", "lo", "road-to-town"),
    ("ຕະຫຼາດ", "lo", "lao-market"),
    ("ទិដ្ឋាការ", "km", "e-visa"),
    ("ឡានក្រុង", "km", "road-to-town"),
    ("ផ្សារ", "km", "lao-market"),
]


@pytest.mark.parametrize(("query", "lang", "expected"), FINDS)
def test_query_finds_the_article_in_the_travellers_script(
    store: ContentStore, query: str, lang: str, expected: str
) -> None:
    hits = store.search(query, lang)

    assert hits, f"{query!r} found nothing"
    assert hits[0].id == expected


def test_a_word_that_is_nowhere_finds_nothing(store: ContentStore) -> None:
    assert store.search("hovercraft", "en") == []
    assert store.search("飞机", "zh") == []


def test_every_word_must_match(store: ContentStore) -> None:
    assert [card.id for card in store.search("visa thirty", "en")] == []


def test_text_in_another_language_is_found_and_shown_in_the_travellers(
    store: ContentStore,
) -> None:
    hits = store.search("签证", "en")

    assert [(card.id, card.lang, card.fell_back) for card in hits] == [("e-visa", "en", False)]
    assert hits[0].title == "How to apply for an e-visa"


def test_title_hits_rank_above_body_hits(store: ContentStore) -> None:
    # "visa" is in the English title of e-visa and only in the body of money-exchange (vi).
    hits = store.search("visa", "en")

    assert [card.id for card in hits] == ["e-visa", "money-exchange"]


def test_hits_in_the_travellers_language_come_first(store: ContentStore) -> None:
    # For a Vietnamese traveller the Vietnamese body hit beats the English title hit.
    hits = store.search("visa", "vi")

    assert [card.id for card in hits] == ["money-exchange", "e-visa"]


def test_limit_caps_the_results(store: ContentStore) -> None:
    assert len(store.search("cửa khẩu", "vi", limit=1)) == 1
    assert len(store.search("cửa khẩu", "vi")) == 3


HOSTILE = [
    '"',
    '"visa',
    "visa*",
    "*",
    "AND",
    "visa AND",
    "OR OR NOT",
    "NEAR(visa online, 2)",
    "NEAR",
    "(visa",
    "visa)",
    "()",
    "-",
    "- visa",
    "title:visa",
    "{title_folded}: visa",
    "^visa",
    "visa + online",
    "'; DROP TABLE articles; --",
    "%",
    "_",
    "\\",
    "\x00",
    "visa\x00online",
    "😀",
    "🇻🇳 visa",
    "\u200b",
    " ",
    "",
    "x" * 10_000,
    "visa " * 2_000,
    "\ud800",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_no_query_raises(store: ContentStore, query: str) -> None:
    hits = store.search(query, "en")

    assert isinstance(hits, list)


def test_fts_operators_are_searched_as_plain_words(store: ContentStore) -> None:
    assert [card.id for card in store.search("visa NOT", "en")] == []
    assert [card.id for card in store.search("visa*", "en")][:1] == ["e-visa"]
    assert [card.id for card in store.search('"visa"', "en")][:1] == ["e-visa"]


def test_search_before_any_content_finds_nothing(tmp_path, state) -> None:
    empty = ContentStore(tmp_path / "empty.db", state)

    assert empty.search("visa", "en") == []
