"""Turning a catalog into rows of a new content database. The caller holds the transaction.

A 10,000-article catalog is 50,000 translation rows and a full-text index over them, so rows go
in through prepared statements (`executemany`), and the search index is built once, in bulk,
after the rows are in.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from cache.fold import fold
from cache.handle import Handle
from cache.search_aids import searchable, topic_titles, write_search_aids
from catalog.load import paused_gc
from catalog.model import Article, Catalog, Translation

BULK_CACHE_KIB = 32 * 1024
"""SQLite page cache while a catalog is written (the default is 2 MiB); restored afterwards."""

_INSERT_TRANSLATION = (
    "INSERT INTO translations (article_id, lang, title, title_breaks, summary, summary_breaks, "
    "document, title_folded, summary_folded, body_folded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_to_json = Translation.__pydantic_serializer__.to_json


def write_catalog(db: Handle, catalog: Catalog) -> None:
    """Write `catalog` into the empty content tables. Must run inside one transaction."""
    conn = db.conn
    assert conn.in_transaction, "write_catalog needs the caller's transaction"
    with paused_gc(), _bulk_cache(conn):
        _write_rows(conn, catalog)
        conn.execute("INSERT INTO translations_fts (translations_fts) VALUES ('rebuild')")


def _write_rows(conn: sqlite3.Connection, catalog: Catalog) -> None:
    conn.execute(
        "INSERT INTO catalog_meta (id, channel, content_version, generated_at, gate, languages) "
        "VALUES (1, ?, ?, ?, ?, ?)",
        (
            catalog.channel,
            catalog.content_version,
            catalog.generated_at.isoformat(),
            catalog.gate.model_dump_json(),
            _json([offer.model_dump(mode="json") for offer in catalog.languages]),
        ),
    )
    conn.executemany(
        "INSERT INTO topics (id, position, icon, sort_order, titles) VALUES (?, ?, ?, ?, ?)",
        (
            (topic.id, position, topic.icon, topic.order, _json(topic.title))
            for position, topic in enumerate(catalog.topics)
        ),
    )
    conn.executemany(
        "INSERT INTO articles (id, position, topic, priority, featured, image) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            (a.id, position, a.topic, a.priority, int(a.featured), a.image)
            for position, a in enumerate(catalog.articles)
        ),
    )
    conn.executemany(
        _INSERT_TRANSLATION, _translation_rows(catalog.articles, topic_titles(catalog))
    )
    conn.executemany(
        "INSERT INTO contacts (id, position, kind, number, names, addresses, notes) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (c.id, position, c.kind, c.number, _json(c.name), _json(c.address), _json(c.note))
            for position, c in enumerate(catalog.contacts)
        ),
    )
    conn.executemany(
        "INSERT INTO assets (sha256, media_type, size) VALUES (?, ?, ?)",
        ((asset.sha256, asset.media_type, asset.size) for asset in catalog.assets),
    )
    write_search_aids(conn, catalog)


def _translation_rows(
    articles: list[Article], topics: dict[str, dict[str, str]]
) -> Iterator[tuple[object, ...]]:
    for article in articles:
        topic = topics.get(article.topic, {})
        for lang, translation in article.translations.items():
            yield (
                article.id,
                lang,
                translation.title,
                _offsets(translation.title_breaks),
                translation.summary,
                _offsets(translation.summary_breaks),
                _to_json(translation).decode(),
                searchable(translation.title, lang),
                searchable(translation.summary, lang, topic.get(lang, "")),
                fold(translation.body_text),
            )


@contextmanager
def _bulk_cache(conn: sqlite3.Connection) -> Iterator[None]:
    """A larger page cache for one bulk write: fewer pages spilled and re-read mid-transaction."""
    saved = int(conn.execute("PRAGMA cache_size").fetchone()[0])
    conn.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {saved}")


def _offsets(breaks: list[int]) -> str:
    """The same text as json.dumps(breaks) with compact separators, for a list of ints."""
    return "[" + ",".join(map(str, breaks)) + "]" if breaks else "[]"


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
