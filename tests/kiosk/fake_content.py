"""An in-memory stand-in for cache.ContentStore, for tests that need no SQLite.

It hands out the cache's own records (cache.views) and follows the cache's own language fallback
(cache.fallback); only the storage is different.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from cache.fallback import fallback_chain, pick
from cache.views import ArticleCard, ArticleView, CatalogMeta, ContactView, TopicView
from catalog.model import Article, Catalog


class FakeContent:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.extra_views: dict[str, ArticleView] = {}

    def snapshot(self) -> FakeContent:
        """The content as it is now, kept when `catalog` is swapped (as ContentStore's)."""
        pinned = FakeContent(self.catalog)
        pinned.extra_views = dict(self.extra_views)
        return pinned

    def close(self) -> None:
        return None

    def content_version(self) -> int:
        return self.catalog.content_version

    def catalog_meta(self) -> CatalogMeta:
        c = self.catalog
        return CatalogMeta(c.channel, c.content_version, c.generated_at, c.gate, list(c.languages))

    def _pick(self, texts: Mapping[str, Any], lang: str) -> tuple[str, Any] | None:
        """(language, value) first along the cache's fallback chain for `lang`, or None."""
        offers = json.dumps([offer.model_dump(mode="json") for offer in self.catalog.languages])
        return pick(texts, fallback_chain(offers, lang))

    def topics(self, lang: str) -> list[TopicView]:
        out = []
        for t in sorted(self.catalog.topics, key=lambda t: t.order):
            picked = self._pick(t.title, lang)
            if picked:
                shown, title = picked
                out.append(TopicView(t.id, t.icon, t.order, title, shown, shown != lang))
        return out

    def _card(self, a: Article, lang: str) -> ArticleCard | None:
        picked = self._pick(a.translations, lang)
        if picked is None:
            return None
        shown, tr = picked
        return ArticleCard(
            id=a.id,
            topic=a.topic,
            priority=a.priority,
            featured=a.featured,
            image=a.image,
            title=tr.title,
            title_breaks=list(tr.title_breaks),
            summary=tr.summary,
            summary_breaks=list(tr.summary_breaks),
            lang=shown,
            requested_lang=lang,
            fell_back=shown != lang,
        )

    def _cards(self, articles: list[Article], lang: str) -> list[ArticleCard]:
        cards = [self._card(a, lang) for a in sorted(articles, key=lambda a: (a.priority, a.id))]
        return [c for c in cards if c is not None]

    def articles(self, topic_id: str, lang: str) -> list[ArticleCard]:
        return self._cards([a for a in self.catalog.articles if a.topic == topic_id], lang)

    def featured(self, lang: str, limit: int = 8) -> list[ArticleCard]:
        return self._cards([a for a in self.catalog.articles if a.featured], lang)[:limit]

    def search(self, query: str, lang: str, limit: int = 20) -> list[ArticleCard]:
        words = query.casefold().split()
        found = []
        for card in self._cards(list(self.catalog.articles), lang):
            text = f"{card.title} {card.summary}".casefold()
            if all(w in text for w in words):
                found.append(card)
        return found[:limit]

    def search_contacts(self, query: str, lang: str) -> list[ContactView]:
        return []

    def pinyin_candidates(self, pinyin: str) -> list[tuple[str, str]]:
        return []

    def article(self, article_id: str, lang: str) -> ArticleView | None:
        if article_id in self.extra_views:
            return self.extra_views[article_id]
        a = next((a for a in self.catalog.articles if a.id == article_id), None)
        picked = self._pick(a.translations, lang) if a else None
        if a is None or picked is None:
            return None
        shown, tr = picked
        return ArticleView(a.id, a.topic, a.image, shown, lang, shown != lang, tr)

    def contacts(self, lang: str) -> list[ContactView]:
        out = []
        for c in self.catalog.contacts:
            shown, name = self._pick(c.name, lang) or (lang, c.number)
            address = self._pick(c.address, lang)
            note = self._pick(c.note, lang)
            out.append(
                ContactView(
                    c.id,
                    c.kind,
                    c.number,
                    name,
                    address[1] if address else None,
                    note[1] if note else None,
                    shown,
                )
            )
        return out

    def asset_ids(self) -> set[str]:
        return {a.sha256 for a in self.catalog.assets}
