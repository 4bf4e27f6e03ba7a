"""The search reads of the content cache: articles, emergency contacts and pinyin candidates.

Each word typed is looked up in the catalog's synonyms (search_terms), so 警察 also finds 公安
and 的士 also finds 出租车; the whole query is looked up too, for synonyms of several words.
"""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from cache import cards
from cache.fold import fold, query_tokens
from cache.search import search_sql
from cache.views import ArticleCard, ContactView

if TYPE_CHECKING:
    from cache.handle import Handle

MAX_CANDIDATES = 12
MAX_PINYIN = 40


class SearchReads:
    """Mixed into ContentReads, which provides `_reading()`, `_chain()` and `contacts()`."""

    def _reading(self) -> AbstractContextManager[Handle]:
        raise NotImplementedError

    def _chain(self, db: Handle, lang: str) -> list[str]:
        raise NotImplementedError

    def contacts(self, lang: str) -> list[ContactView]:
        raise NotImplementedError

    def search(self, query: str, lang: str, limit: int = 20) -> list[ArticleCard]:
        """Articles matching every word of `query`, in any language. Never raises on any text."""
        tokens = query_tokens(query) if isinstance(query, str) else []
        if not tokens or limit <= 0:
            return []
        with self._reading() as db:
            groups = _with_synonyms(db, tokens)
            sql, params = search_sql(groups, self._chain(db, lang), limit)
            rows = db.execute(sql, params).fetchall()
        return [cards.to_card(row, lang) for row in rows]

    def search_contacts(self, query: str, lang: str) -> list[ContactView]:
        """Emergency and help contacts whose name, note, kind or number has every word typed."""
        tokens = query_tokens(query) if isinstance(query, str) else []
        if not tokens:
            return []
        with self._reading() as db:
            groups = _with_synonyms(db, tokens)
            rows = db.execute("SELECT id, kind, number, names, notes FROM contacts").fetchall()
        found = {
            contact_id
            for contact_id, kind, number, names, notes in rows
            if _contains_all(_contact_text(kind, number, names, notes), groups)
        }
        return [contact for contact in self.contacts(lang) if contact.id in found]

    def pinyin_candidates(self, pinyin: str, limit: int = MAX_CANDIDATES) -> list[tuple[str, str]]:
        """(word, its pinyin) for what was typed in pinyin: words it starts, best known first;
        else the longest words it begins with (the rest is then typed on)."""
        typed = "".join(char for char in fold(pinyin[:MAX_PINYIN]) if "a" <= char <= "z")
        if not typed:
            return []
        with self._reading() as db:
            rows = db.execute(
                "SELECT word, pinyin FROM pinyin_words WHERE pinyin >= :typed AND pinyin < :end "
                "ORDER BY pinyin != :typed, weight DESC, length(word) LIMIT :limit",
                {"typed": typed, "end": typed + "{", "limit": limit},
            ).fetchall()
            if not rows:
                prefixes = [typed[:length] for length in range(len(typed) - 1, 0, -1)]
                marks = ", ".join("?" * len(prefixes))
                rows = db.execute(
                    f"SELECT word, pinyin FROM pinyin_words WHERE pinyin IN ({marks}) "  # noqa: S608
                    "ORDER BY length(pinyin) DESC, weight DESC LIMIT ?",
                    (*prefixes, limit),
                ).fetchall()
        return [(word, spelled) for word, spelled in rows]


def _with_synonyms(db: Handle, tokens: list[str]) -> list[list[str]]:
    """One group per token: the token and its variants. A synonym of the whole query (several
    words) makes it one group."""
    whole = " ".join(tokens)
    terms = list(dict.fromkeys([*tokens, whole]))
    marks = ", ".join("?" * len(terms))
    variants: dict[str, list[str]] = {}
    for term, variant in db.execute(
        f"SELECT term, variant FROM search_terms WHERE term IN ({marks})",  # noqa: S608
        terms,
    ).fetchall():
        variants.setdefault(term, []).append(variant)
    if len(tokens) > 1 and whole in variants:
        return [[whole, *variants[whole]]]
    return [[token, *variants.get(token, [])] for token in tokens]


def _contact_text(kind: str, number: str, names: str, notes: str) -> str:
    texts = [kind, number, *json.loads(names).values(), *json.loads(notes).values()]
    return fold(" ".join(texts))


def _contains_all(text: str, groups: list[list[str]]) -> bool:
    return all(any(token in text for token in group) for group in groups)
