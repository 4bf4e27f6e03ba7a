"""Turning a catalog into rows of content.db. The caller holds the write transaction."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlite_utils import Database

from cache.fold import fold
from cache.schema import SEARCH_COLUMNS
from catalog.model import Article, Catalog

CONTENT_TABLES = ("catalog_meta", "topics", "articles", "translations", "contacts", "assets")
BATCH_SIZE = 500


def write_catalog(db: Database, catalog: Catalog) -> None:
    """Replace everything in content.db with `catalog`. Must run inside one transaction."""
    assert db.conn.in_transaction, "write_catalog needs the caller's transaction"
    for table in CONTENT_TABLES:
        db.table(table).delete_where()
    db.table("catalog_meta").insert(
        {
            "id": 1,
            "channel": catalog.channel,
            "content_version": catalog.content_version,
            "generated_at": catalog.generated_at.isoformat(),
            "gate": catalog.gate.model_dump_json(),
            "languages": _json([offer.model_dump(mode="json") for offer in catalog.languages]),
        }
    )
    db.table("topics").insert_all(
        {
            "id": topic.id,
            "position": position,
            "icon": topic.icon,
            "sort_order": topic.order,
            "titles": _json(topic.title),
        }
        for position, topic in enumerate(catalog.topics)
    )
    db.table("articles").insert_all(
        (
            {
                "id": article.id,
                "position": position,
                "topic": article.topic,
                "priority": article.priority,
                "featured": int(article.featured),
                "image": article.image,
            }
            for position, article in enumerate(catalog.articles)
        ),
        batch_size=BATCH_SIZE,
    )
    db.table("translations").insert_all(_translation_rows(catalog.articles), batch_size=BATCH_SIZE)
    db.table("contacts").insert_all(
        {
            "id": contact.id,
            "position": position,
            "kind": contact.kind,
            "number": contact.number,
            "names": _json(contact.name),
            "addresses": _json(contact.address),
            "notes": _json(contact.note),
        }
        for position, contact in enumerate(catalog.contacts)
    )
    db.table("assets").insert_all(asset.model_dump() for asset in catalog.assets)
    db.execute("INSERT INTO translations_fts (translations_fts) VALUES ('rebuild')")


def _translation_rows(articles: list[Article]) -> Iterator[dict[str, Any]]:
    title_column, summary_column, body_column = SEARCH_COLUMNS
    for article in articles:
        for lang, translation in article.translations.items():
            yield {
                "article_id": article.id,
                "lang": lang,
                "title": translation.title,
                "title_breaks": _json(translation.title_breaks),
                "summary": translation.summary,
                "summary_breaks": _json(translation.summary_breaks),
                "document": translation.model_dump_json(),
                title_column: fold(translation.title),
                summary_column: fold(translation.summary),
                body_column: fold(translation.body_text),
            }


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
