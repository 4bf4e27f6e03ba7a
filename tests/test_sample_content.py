"""The sample content shipped in assets/content is complete enough to run a real gate."""

from pathlib import Path

import pytest

from hub.compiler import compile_channel, list_channels

CONTENT = Path(__file__).parents[1] / "assets" / "content"
GATES = ["mong-cai", "cau-treo", "moc-bai"]
NEIGHBOUR_LANGUAGE = {"mong-cai": "zh", "cau-treo": "lo", "moc-bai": "km"}


@pytest.fixture(scope="module", params=GATES)
def compiled(request):
    return compile_channel(CONTENT, request.param)


def test_sample_content_has_the_three_gates():
    assert sorted(list_channels(CONTENT)) == sorted(GATES)


def test_sample_has_at_least_8_topics_and_30_articles():
    articles = {a.id for gate in GATES for a in compile_channel(CONTENT, gate).catalog.articles}
    assert len(compile_channel(CONTENT, GATES[0]).catalog.topics) >= 8
    assert len(articles) >= 30


def test_each_gate_shows_national_articles_and_its_own_pages(compiled):
    own = [a.id for a in compiled.catalog.articles if a.id.startswith(compiled.catalog.channel)]
    assert len(own) >= 3
    assert len(compiled.catalog.articles) - len(own) >= 20


def test_every_article_is_in_all_five_languages(compiled):
    missing = {
        a: [lang for lang, ok in langs.items() if not ok]
        for a, langs in compiled.coverage.items()
        if not all(langs.values())
    }
    assert missing == {}


def test_every_topic_has_articles(compiled):
    used = {article.topic for article in compiled.catalog.articles}
    assert [topic.id for topic in compiled.catalog.topics if topic.id not in used] == []


def test_neighbours_language_comes_first_in_the_picker(compiled):
    catalog = compiled.catalog
    assert catalog.languages[0].code == NEIGHBOUR_LANGUAGE[catalog.channel]


def test_each_gate_has_its_own_pages_and_emergency_numbers(compiled):
    catalog = compiled.catalog
    assert any(article.id.startswith(catalog.channel) for article in catalog.articles)
    numbers = {contact.number for contact in catalog.contacts}
    assert {"113", "114", "115"} <= numbers
    assert any(
        contact.kind in ("hospital", "police-post", "border-office") for contact in catalog.contacts
    )


def test_every_translation_names_an_official_source_and_date(compiled):
    for article in compiled.catalog.articles:
        for translation in article.translations.values():
            assert translation.source.url.startswith("https://")
            assert translation.as_of.year >= 2025
