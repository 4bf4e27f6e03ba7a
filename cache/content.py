"""The content cache in content.db: what the kiosk shows, replaced whole by the sync daemon.

Readers see one committed catalog at a time: `replace_content` swaps everything in one
transaction, and each read method runs against one snapshot, so a screen never mixes versions.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from cache import cards, schema
from cache.connection import (
    Connections,
    read_snapshot,
    shrink_log,
    storage_errors,
    write_transaction,
)
from cache.errors import CacheError, VersionRollbackError
from cache.fallback import fallback_chain, pick
from cache.fold import query_tokens
from cache.search import search_sql
from cache.state import StateStore
from cache.views import ArticleCard, ArticleView, CatalogMeta, ContactView, TopicView
from cache.write import write_catalog
from catalog.model import Catalog, Gate, LanguageOffer, Translation

logger = logging.getLogger(__name__)


@contextmanager
def stored_content(what: str) -> Iterator[None]:
    """Stored text that no longer fits the catalog model is a cache problem, not a crash."""
    try:
        yield
    except ValueError as error:  # pydantic's ValidationError and json's errors are ValueErrors
        raise CacheError(
            f"stored {what} is unreadable; apply the catalog again: {error}"
        ) from error


class ContentStore:
    """Read and replace the cached catalog. Safe to use from several threads and processes."""

    def __init__(self, path: Path | str, state: StateStore) -> None:
        self._connections = Connections(path, schema.migrations)
        self._state = state

    @property
    def path(self) -> Path:
        return self._connections.path

    def close(self) -> None:
        self._connections.close()

    def replace_content(
        self, catalog: Catalog, before_commit: Callable[[], object] | None = None
    ) -> None:
        """Make `catalog` the content, all or nothing; refuse versions older than ever applied.

        `before_commit` runs inside the transaction once the rows are written (the sync daemon
        waits there for the catalog's images); if it raises, nothing changes. File-system
        errors from it come out as CacheError, like the cache's own; others unchanged.
        """
        mark = max(self._state.high_water_mark(), self.content_version() or 0)
        if catalog.content_version < mark:
            raise VersionRollbackError(catalog.content_version, mark)
        self._write(catalog, before_commit)
        self._state.raise_high_water_mark(catalog.content_version)

    def _write(self, catalog: Catalog, before_commit: Callable[[], object] | None = None) -> None:
        """Replace the content without the version check (open_content uses it for the embedded
        catalog, which ships with the software and is trusted whatever its version)."""
        what = f"cannot store content version {catalog.content_version}"
        with storage_errors(what), write_transaction(self._db()) as db:
            write_catalog(db, catalog)
            if before_commit is not None:
                before_commit()
        shrink_log(self._db())
        logger.info(
            "content version %s stored: %d articles", catalog.content_version, len(catalog.articles)
        )

    def content_version(self) -> int | None:
        row = self._one("SELECT content_version FROM catalog_meta WHERE id = 1")
        return int(row[0]) if row else None

    def catalog_meta(self) -> CatalogMeta | None:
        row = self._one(
            "SELECT channel, content_version, generated_at, gate, languages "
            "FROM catalog_meta WHERE id = 1"
        )
        if row is None:
            return None
        channel, version, generated_at, gate, languages = row
        with stored_content("catalog meta"):
            return CatalogMeta(
                channel=channel,
                content_version=int(version),
                generated_at=datetime.fromisoformat(generated_at),
                gate=Gate.model_validate_json(gate),
                languages=[LanguageOffer.model_validate(offer) for offer in json.loads(languages)],
            )

    def topics(self, lang: str) -> list[TopicView]:
        with self._reading() as db:
            chain = self._chain(db, lang)
            rows = db.execute(
                "SELECT id, icon, sort_order, titles FROM topics ORDER BY sort_order, position"
            ).fetchall()
        topics = []
        for topic_id, icon, order, titles in rows:
            shown, title = pick(json.loads(titles), chain) or (lang, topic_id)
            topics.append(TopicView(topic_id, icon, order, title, shown, shown != lang))
        return topics

    def articles(self, topic_id: str, lang: str) -> list[ArticleCard]:
        return self._cards(lang, cards.TOPIC_PICK, {"topic": topic_id})

    def featured(self, lang: str, limit: int = 8) -> list[ArticleCard]:
        return self._cards(lang, cards.FEATURED_PICK, {"limit": max(0, limit)})

    def search(self, query: str, lang: str, limit: int = 20) -> list[ArticleCard]:
        """Articles matching every word of `query`, in any language. Never raises on any text."""
        tokens = query_tokens(query) if isinstance(query, str) else []
        if not tokens or limit <= 0:
            return []
        with self._reading() as db:
            chain = self._chain(db, lang)
            sql, params = search_sql(tokens, chain, limit)
            rows = db.execute(sql, params).fetchall()
        return [cards.to_card(row, lang) for row in rows]

    def article(self, article_id: str, lang: str) -> ArticleView | None:
        with self._reading() as db:
            chain = self._chain(db, lang)
            sql, params = cards.article_sql(chain)
            row = db.execute(sql, {**params, "id": article_id}).fetchone()
        if row is None:
            return None
        found_id, topic, image, shown, document = row
        with stored_content(f"article {article_id!r}"):
            translation = Translation.model_validate_json(document)
        return ArticleView(found_id, topic, image, shown, lang, shown != lang, translation)

    def contacts(self, lang: str) -> list[ContactView]:
        with self._reading() as db:
            chain = self._chain(db, lang)
            rows = db.execute(
                "SELECT id, kind, number, names, addresses, notes FROM contacts ORDER BY position"
            ).fetchall()
        contacts = []
        for contact_id, kind, number, names, addresses, notes in rows:
            shown, name = pick(json.loads(names), chain) or (lang, number)
            address = pick(json.loads(addresses), chain)
            note = pick(json.loads(notes), chain)
            contacts.append(
                ContactView(
                    contact_id,
                    kind,
                    number,
                    name,
                    address[1] if address else None,
                    note[1] if note else None,
                    shown,
                )
            )
        return contacts

    def asset_ids(self) -> set[str]:
        """Every sha256 the current catalog references: media files not in it can be pruned."""
        with self._reading() as db:
            rows = db.execute(
                "SELECT sha256 FROM assets UNION SELECT image FROM articles WHERE image IS NOT NULL"
            ).fetchall()
        return {row[0] for row in rows}

    def integrity_ok(self) -> bool:
        """True when SQLite finds nothing wrong with content.db."""
        try:
            rows = self._db().execute("PRAGMA integrity_check").fetchall()
        except Exception:  # a damaged file can fail in many ways; all of them mean "not ok"
            logger.exception("integrity check of %s failed", self.path)
            return False
        return rows == [("ok",)]

    def _cards(self, lang: str, picked_sql: str, extra: dict[str, Any]) -> list[ArticleCard]:
        with self._reading() as db:
            sql, params = cards.cards_sql(self._chain(db, lang), picked_sql)
            rows = db.execute(sql, {**params, **extra}).fetchall()
        return [cards.to_card(row, lang) for row in rows]

    def _chain(self, db: Database, lang: str) -> list[str]:
        row = db.execute("SELECT languages FROM catalog_meta WHERE id = 1").fetchone()
        return fallback_chain(row[0] if row else "", lang)

    def _one(self, sql: str) -> tuple[Any, ...] | None:
        with self._reading() as db:
            return db.execute(sql).fetchone()

    @contextmanager
    def _reading(self) -> Iterator[Database]:
        """One read snapshot; storage failures come out as CacheError."""
        with storage_errors("cannot read content"), read_snapshot(self._db()) as db:
            yield db

    def _db(self) -> Database:
        return self._connections.db()
