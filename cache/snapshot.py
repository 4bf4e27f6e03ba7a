"""One content version held for as long as a reader needs it.

A ContentSnapshot keeps a read transaction open on its own connection: every read sees the
version that was committed when the snapshot was taken, even after the sync daemon applied a
newer one. The kiosk takes one when a traveller's session starts and closes it when the session
ends, so new content reaches the screen only at the attract screen.

What a snapshot returns never changes, so it remembers the small lists a session asks for again
and again (topics, cards, contacts) instead of querying for them each time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from cache.connection import storage_errors
from cache.errors import CacheError
from cache.reads import ContentReads
from cache.views import ArticleCard, ContactView, TopicView

if TYPE_CHECKING:
    from cache.handle import Handle

logger = logging.getLogger(__name__)

MAX_REMEMBERED = 256
"""Distinct list queries a snapshot keeps answers for (topics, cards, contacts per language)."""


class ContentSnapshot(ContentReads):
    """Reads at one pinned content version. Close it when done (or use it with `with`)."""

    def __init__(self, db: Handle, release: Callable[[Handle], None]) -> None:
        self._db: Handle | None = db
        self._release = release
        self._remembered: dict[tuple[Any, ...], Any] = {}
        self._chains: dict[str, list[str]] = {}

    @property
    def closed(self) -> bool:
        return self._db is None

    def close(self) -> None:
        """End the read transaction; the sync daemon's log can then be shrunk again."""
        db, self._db = self._db, None
        self._remembered.clear()
        if db is not None:
            try:
                self._release(db)
            except Exception:  # closing must never fail the caller (an idle reset, a shutdown)
                logger.exception("closing a content snapshot failed")

    def __enter__(self) -> ContentSnapshot:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def topics(self, lang: str) -> list[TopicView]:
        return self._remember(ContentReads.topics, lang)

    def articles(self, topic_id: str, lang: str) -> list[ArticleCard]:
        return self._remember(ContentReads.articles, topic_id, lang)

    def featured(self, lang: str, limit: int = 8) -> list[ArticleCard]:
        return self._remember(ContentReads.featured, lang, limit)

    def contacts(self, lang: str) -> list[ContactView]:
        return self._remember(ContentReads.contacts, lang)

    def _remember(self, read: Callable[..., list[Any]], *args: Any) -> list[Any]:
        """`read(self, *args)`, queried once per snapshot; a new list each time."""
        key = (read.__name__, *args)
        found = self._remembered.get(key)
        if found is None:
            found = read(self, *args)
            if len(self._remembered) >= MAX_REMEMBERED:
                self._remembered.clear()
            self._remembered[key] = found
        return list(found)

    def _chain(self, db: Handle, lang: str) -> list[str]:
        chain = self._chains.get(lang)
        if chain is None:
            chain = self._chains[lang] = super()._chain(db, lang)
        return list(chain)

    @contextmanager
    def _reading(self) -> Iterator[Handle]:
        if self._db is None:
            raise CacheError("the content snapshot is closed")
        with storage_errors("cannot read content"):
            yield self._db
