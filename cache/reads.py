"""Reading the content cache: topics, article cards, articles, contacts and search, each in the
best language of the traveller's fallback chain.

`ContentReads` runs every read through `_reading()`, which yields a connection inside a read
transaction. The live store (ContentStore) opens one per call; a snapshot (ContentSnapshot)
holds one open, so all its reads see the version that was committed when it was taken.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from cache import cards
from cache.errors import CacheError
from cache.fallback import fallback_chain, pick
from cache.schema import ASSET_IDS_SQL
from cache.search_reads import SearchReads
from cache.views import ArticleCard, ArticleView, CatalogMeta, ContactView, TopicView
from catalog.model import Gate, LanguageOffer, Translation

if TYPE_CHECKING:
    from cache.handle import Handle

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


class ContentReads(SearchReads):
    """The named read methods of the content cache. Subclasses provide `_reading()`."""

    def _reading(self) -> AbstractContextManager[Handle]:
        raise NotImplementedError

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
            rows = db.execute(ASSET_IDS_SQL).fetchall()
        return {row[0] for row in rows}

    def _cards(self, lang: str, picked_sql: str, extra: dict[str, Any]) -> list[ArticleCard]:
        with self._reading() as db:
            sql, params = cards.cards_sql(self._chain(db, lang), picked_sql)
            rows = db.execute(sql, {**params, **extra}).fetchall()
        return [cards.to_card(row, lang) for row in rows]

    def _chain(self, db: Handle, lang: str) -> list[str]:
        row = db.execute("SELECT languages FROM catalog_meta WHERE id = 1").fetchone()
        return fallback_chain(row[0] if row else "", lang)

    def _one(self, sql: str) -> tuple[Any, ...] | None:
        with self._reading() as db:
            return db.execute(sql).fetchone()
