"""The tables of content.db. The file can always be rebuilt from a catalog.

One row per catalog item; per-language text of articles gets a row per (article, language) with
folded copies of title, summary and body for the trigram full-text index over them.
Small per-language maps (topic titles, contact names) stay JSON: there are at most 64 of each.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cache.migrate import MigrationSet

if TYPE_CHECKING:
    from sqlite_utils import Database

migrations = MigrationSet("content")

SEARCH_COLUMNS = ("title_folded", "summary_folded", "body_folded")

ASSET_IDS_SQL = "SELECT sha256 FROM assets UNION SELECT image FROM articles WHERE image IS NOT NULL"
"""Every sha256 the content refers to: its assets and its articles' pictures."""


@migrations()
def create_content_tables(db: Database) -> None:
    db.table("catalog_meta").create(
        {
            "id": int,
            "channel": str,
            "content_version": int,
            "generated_at": str,
            "gate": str,
            "languages": str,
        },
        pk="id",
    )
    db.table("topics").create(
        {"id": str, "position": int, "icon": str, "sort_order": int, "titles": str}, pk="id"
    )
    db.table("articles").create(
        {
            "id": str,
            "position": int,
            "topic": str,
            "priority": int,
            "featured": int,
            "image": str,
        },
        pk="id",
    )
    db.table("articles").create_index(["topic", "priority", "position"])
    db.table("articles").create_index(["featured", "priority", "position"])
    db.table("translations").create(
        {
            "article_id": str,
            "lang": str,
            "title": str,
            "title_breaks": str,
            "summary": str,
            "summary_breaks": str,
            "document": str,
            "title_folded": str,
            "summary_folded": str,
            "body_folded": str,
        },
        pk=("article_id", "lang"),
    )
    db.table("translations").enable_fts(SEARCH_COLUMNS, tokenize="trigram")
    db.table("contacts").create(
        {
            "id": str,
            "position": int,
            "kind": str,
            "number": str,
            "names": str,
            "addresses": str,
            "notes": str,
        },
        pk="id",
    )
    db.table("assets").create({"sha256": str, "media_type": str, "size": int}, pk="sha256")


@migrations()
def create_search_aids(db: Database) -> None:
    """Synonyms (folded term -> folded variant) and the pinyin keyboard's candidate words."""
    db.table("search_terms").create({"term": str, "variant": str}, pk=("term", "variant"))
    db.table("pinyin_words").create({"pinyin": str, "word": str, "weight": int}, pk="word")
    db.table("pinyin_words").create_index(["pinyin", "weight"])
