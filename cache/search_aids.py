"""What a catalog adds to search besides its text: synonyms, topic words and pinyin.

Written with the catalog (cache.write), so the kiosk only looks things up: the folded summary of
an article carries its topic's title (a topic weighs like a summary, more than the body), Chinese
text carries its pinyin,
each synonym group becomes term -> variant rows, and Chinese words become pinyin candidates.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from cache.fold import fold
from cache.pinyin import pinyin_text, vocabulary, word_pinyin
from catalog.model import Catalog

CHINESE = "zh"
MAX_CANDIDATE_WORDS = 50_000


def searchable(text: str, lang: str, extra: str = "") -> str:
    """The folded form of `text` that is indexed: plus `extra` words, plus pinyin for Chinese."""
    parts = [fold(text)]
    if extra:
        parts.append(fold(extra))
    if lang == CHINESE and text:
        parts.append(pinyin_text(text))
    return " ".join(part for part in parts if part)


def topic_titles(catalog: Catalog) -> dict[str, dict[str, str]]:
    """topic id -> language -> title."""
    return {topic.id: dict(topic.title) for topic in catalog.topics}


def write_search_aids(conn: sqlite3.Connection, catalog: Catalog) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO search_terms (term, variant) VALUES (?, ?)", _synonym_rows(catalog)
    )
    counts = vocabulary(_chinese_texts(catalog))
    for group in catalog.synonyms.get(CHINESE, []):
        for term in group:
            counts[(word_pinyin(term), term)] += 1
    words = sorted(counts.items(), key=lambda item: -item[1])[:MAX_CANDIDATE_WORDS]
    conn.executemany(
        "INSERT OR REPLACE INTO pinyin_words (pinyin, word, weight) VALUES (?, ?, ?)",
        ((pinyin, word, weight) for (pinyin, word), weight in words if pinyin),
    )


def _synonym_rows(catalog: Catalog) -> Iterator[tuple[str, str]]:
    for groups in catalog.synonyms.values():
        for group in groups:
            folded = [fold(term) for term in group]
            for term in folded:
                for variant in folded:
                    if variant != term:
                        yield term, variant


def _chinese_texts(catalog: Catalog) -> Iterator[str]:
    for topic in catalog.topics:
        yield topic.title.get(CHINESE, "")
    for contact in catalog.contacts:
        yield contact.name.get(CHINESE, "")
    for article in catalog.articles:
        translation = article.translations.get(CHINESE)
        if translation is not None:
            yield translation.title
