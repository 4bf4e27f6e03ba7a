"""A traveller sees their language when it exists, and is told when they see another."""

from __future__ import annotations

import pytest

from cache import CacheError, ContentStore
from tests.storage import rewrite_database


def test_article_in_the_requested_language_does_not_say_it_fell_back(store: ContentStore) -> None:
    view = store.article("e-visa", "km")

    assert view is not None
    assert (view.lang, view.requested_lang, view.fell_back) == ("km", "km", False)
    assert view.translation.title == "របៀបស្នើសុំទិដ្ឋាការអេឡិចត្រូនិក"
    assert view.translation.source.name == "Cổng thông tin tỉnh Quảng Ninh"


def test_missing_translation_falls_back_along_the_gates_chain_and_says_so(
    store: ContentStore,
) -> None:
    # km falls back to en, then vi; money-exchange has vi and en.
    view = store.article("money-exchange", "km")

    assert view is not None
    assert (view.lang, view.requested_lang, view.fell_back) == ("en", "km", True)
    assert view.translation.title == "Changing money"


def test_chain_order_comes_from_the_catalog(store: ContentStore) -> None:
    # vi falls back to en: the English text wins even though zh is offered first.
    view = store.article("cash-declaration", "zh")

    assert view is not None
    assert view.lang == "en"


def test_after_the_fallback_list_the_other_offered_languages_follow_in_catalog_order(
    store: ContentStore,
) -> None:
    # lao-market has only lo and km; vi's chain is vi, en, then zh, lo, km in catalog order.
    view = store.article("lao-market", "vi")

    assert view is not None
    assert (view.lang, view.fell_back) == ("lo", True)


def test_cards_fall_back_per_article(store: ContentStore) -> None:
    cards = store.articles("money", "zh")

    assert [(card.id, card.lang, card.fell_back) for card in cards] == [
        ("money-exchange", "en", True),
        ("lao-market", "lo", True),
    ]
    assert all(card.requested_lang == "zh" for card in cards)


def test_topic_titles_fall_back_and_say_so(store: ContentStore) -> None:
    topics = {topic.id: topic for topic in store.topics("lo")}

    assert (topics["entry-visa"].title, topics["entry-visa"].fell_back) == (
        "ການເຂົ້າເມືອງ ແລະ ວີຊາ",
        False,
    )
    assert (topics["customs"].title, topics["customs"].lang, topics["customs"].fell_back) == (
        "Hải quan",
        "vi",
        True,
    )


def test_topics_come_in_their_order(store: ContentStore) -> None:
    assert [topic.id for topic in store.topics("en")] == [
        "entry-visa",
        "customs",
        "money",
        "transport",
    ]


def test_articles_of_a_topic_come_by_priority(store: ContentStore) -> None:
    assert [card.id for card in store.articles("money", "en")] == ["money-exchange", "lao-market"]
    assert store.articles("no-such-topic", "en") == []


def test_featured_lists_only_featured_articles_up_to_the_limit(store: ContentStore) -> None:
    assert [card.id for card in store.featured("en")] == ["e-visa", "road-to-town"]
    assert [card.id for card in store.featured("en", limit=1)] == ["e-visa"]


def test_contacts_fall_back_field_by_field(store: ContentStore) -> None:
    police, border = store.contacts("km")

    assert (police.name, police.lang, police.note, police.number) == (
        "ប៉ូលីស",
        "km",
        "Say where you are.",
        "113",
    )
    assert (border.name, border.lang, border.note) == ("Border guard post", "en", None)


def test_a_language_the_gate_does_not_offer_still_gets_text(store: ContentStore) -> None:
    view = store.article("e-visa", "fr")

    assert view is not None
    assert view.fell_back


def test_an_unknown_article_is_none(store: ContentStore) -> None:
    assert store.article("no-such-article", "en") is None


def test_catalog_meta_describes_the_gate(store: ContentStore) -> None:
    meta = store.catalog_meta()

    assert meta is not None
    assert (meta.channel, meta.content_version, meta.gate.id) == ("mong-cai", 1, "mong-cai")
    assert [offer.code for offer in meta.languages] == ["zh", "vi", "en", "lo", "km"]


def test_asset_ids_are_the_referenced_images(store: ContentStore) -> None:
    assert store.asset_ids() == {"ab" * 32}


def test_a_negative_featured_limit_lists_nothing(store: ContentStore) -> None:
    assert store.featured("en", limit=-1) == []


def test_stored_text_that_no_longer_fits_the_model_is_a_cache_error(store: ContentStore) -> None:
    rewrite_database(store.path, "UPDATE translations SET document = '{\"title\": 1}'")

    with pytest.raises(CacheError):
        store.article("e-visa", "en")
