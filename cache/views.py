"""What the cache hands out: small frozen records, resolved for one traveller's language.

`lang` is always the language the text is shown in; `fell_back` says it is not the language
the traveller asked for, so the UI can say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from catalog.model import Gate, LanguageOffer, Translation


@dataclass(frozen=True)
class SyncOutcome:
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    last_error: str | None
    """The detail of the latest failed attempt; None once an attempt succeeds."""
    consecutive_failures: int


@dataclass(frozen=True)
class CatalogMeta:
    channel: str
    content_version: int
    generated_at: datetime
    gate: Gate
    languages: list[LanguageOffer]


@dataclass(frozen=True)
class TopicView:
    id: str
    icon: str
    order: int
    title: str
    lang: str
    fell_back: bool


@dataclass(frozen=True)
class ArticleCard:
    id: str
    topic: str
    priority: int
    featured: bool
    image: str | None
    """sha256 of the article's picture, or None."""
    title: str
    title_breaks: list[int]
    summary: str
    summary_breaks: list[int]
    lang: str
    requested_lang: str
    fell_back: bool


@dataclass(frozen=True)
class ArticleView:
    id: str
    topic: str
    image: str | None
    lang: str
    requested_lang: str
    fell_back: bool
    translation: Translation


@dataclass(frozen=True)
class ContactView:
    id: str
    kind: str
    number: str
    name: str
    address: str | None
    note: str | None
    lang: str
    """The language `name` is shown in (address and note follow the same chain)."""
