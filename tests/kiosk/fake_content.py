"""An in-memory stand-in for cache.ContentStore, for tests that need no SQLite."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from catalog.model import Catalog


@dataclass(frozen=True)
class Meta:
    channel: str
    content_version: int
    generated_at: datetime
    gate: Any
    languages: list[Any]


@dataclass(frozen=True)
class Topic:
    id: str
    icon: str
    order: int
    title: str
    lang: str
    fell_back: bool


@dataclass(frozen=True)
class Card:
    id: str
    topic: str
    priority: int
    featured: bool
    image: str | None
    title: str
    title_breaks: list[int]
    summary: str
    summary_breaks: list[int]
    lang: str
    requested_lang: str
    fell_back: bool


@dataclass(frozen=True)
class View:
    id: str
    topic: str
    image: str | None
    lang: str
    requested_lang: str
    fell_back: bool
    translation: Any


@dataclass(frozen=True)
class Contact:
    id: str
    kind: str
    number: str
    name: str
    address: str | None
    note: str | None
    lang: str


class FakeContent:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.extra_views: dict[str, View] = {}

    def content_version(self) -> int:
        return self.catalog.content_version

    def catalog_meta(self) -> Meta:
        c = self.catalog
        return Meta(c.channel, c.content_version, c.generated_at, c.gate, list(c.languages))

    def _chain(self, lang: str) -> list[str]:
        offer = self.catalog.language(lang)
        return [lang, *(offer.fallback if offer else ["en", "vi"])]

    def _pick(self, texts: dict[str, Any], lang: str) -> tuple[Any, str] | None:
        for code in self._chain(lang):
            if code in texts:
                return texts[code], code
        return None

    def topics(self, lang: str) -> list[Topic]:
        out = []
        for t in sorted(self.catalog.topics, key=lambda t: t.order):
            picked = self._pick(t.title, lang)
            if picked:
                out.append(Topic(t.id, t.icon, t.order, picked[0], picked[1], picked[1] != lang))
        return out

    def _card(self, a: Any, lang: str) -> Card | None:
        picked = self._pick(a.translations, lang)
        if picked is None:
            return None
        tr, code = picked
        return Card(
            a.id,
            a.topic,
            a.priority,
            a.featured,
            a.image,
            tr.title,
            list(tr.title_breaks),
            tr.summary,
            list(tr.summary_breaks),
            code,
            lang,
            code != lang,
        )

    def _cards(self, articles: list[Any], lang: str) -> list[Card]:
        cards = [self._card(a, lang) for a in sorted(articles, key=lambda a: (a.priority, a.id))]
        return [c for c in cards if c is not None]

    def articles(self, topic_id: str, lang: str) -> list[Card]:
        return self._cards([a for a in self.catalog.articles if a.topic == topic_id], lang)

    def featured(self, lang: str, limit: int = 8) -> list[Card]:
        return self._cards([a for a in self.catalog.articles if a.featured], lang)[:limit]

    def search(self, query: str, lang: str, limit: int = 20) -> list[Card]:
        words = query.casefold().split()
        found = []
        for card in self._cards(list(self.catalog.articles), lang):
            text = f"{card.title} {card.summary}".casefold()
            if all(w in text for w in words):
                found.append(card)
        return found[:limit]

    def article(self, article_id: str, lang: str) -> View | None:
        if article_id in self.extra_views:
            return self.extra_views[article_id]
        a = next((a for a in self.catalog.articles if a.id == article_id), None)
        if a is None:
            return None
        tr, code = self._pick(a.translations, lang)
        return View(a.id, a.topic, a.image, code, lang, code != lang, tr)

    def contacts(self, lang: str) -> list[Contact]:
        out = []
        for c in self.catalog.contacts:
            name, code = self._pick(c.name, lang)
            address = self._pick(c.address, lang)
            note = self._pick(c.note, lang)
            out.append(
                Contact(
                    c.id, c.kind, c.number, name, address and address[0], note and note[0], code
                )
            )
        return out

    def asset_ids(self) -> set[str]:
        return {a.sha256 for a in self.catalog.assets}
