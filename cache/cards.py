"""Article cards: which articles, in which order, each in the best language of the chain.

Every card query is one statement: a `chain(lang, pos)` table of the fallback chain, a `picked(id,
rank)` table supplied by the caller (a topic, the featured list, search hits), and for each picked
article the translation whose language comes first in the chain.
"""

from __future__ import annotations

import json
from typing import Any

from cache.views import ArticleCard

CARD_COLUMNS = (
    "a.id, a.topic, a.priority, a.featured, a.image, "
    "t.lang, t.title, t.title_breaks, t.summary, t.summary_breaks"
)

TOPIC_PICK = (
    "SELECT id, row_number() OVER (ORDER BY priority, position) AS rank "
    "FROM articles WHERE topic = :topic"
)
SHOWN_LANG = (
    "(SELECT t2.lang FROM translations t2 JOIN chain c ON c.lang = t2.lang "
    "WHERE t2.article_id = a.id ORDER BY c.pos LIMIT 1)"
)
"""The language of article `a` that comes first along the chain."""
ARTICLE_SELECT = (
    "SELECT a.id, a.topic, a.image, t.lang, t.document FROM articles a "
    "JOIN translations t ON t.article_id = a.id AND t.lang = "
    "(SELECT t2.lang FROM translations t2 JOIN chain c ON c.lang = t2.lang "
    "WHERE t2.article_id = a.id ORDER BY c.pos LIMIT 1) "
    "WHERE a.id = :id"
)
FEATURED_PICK = (
    "SELECT id, row_number() OVER (ORDER BY priority, position) AS rank "
    "FROM articles WHERE featured = 1 ORDER BY priority, position LIMIT :limit"
)


def chain_cte(chain: list[str]) -> tuple[str, dict[str, Any]]:
    """`chain(lang, pos)` as a common table expression, with its parameters."""
    values = ", ".join(f"(:lang{pos}, {pos})" for pos in range(len(chain)))
    params = {f"lang{pos}": lang for pos, lang in enumerate(chain)}
    return f"chain(lang, pos) AS (VALUES {values})", params


def cards_sql(chain: list[str], picked_sql: str, *more_ctes: str) -> tuple[str, dict[str, Any]]:
    """The whole card query for the articles `picked_sql` selects, in its rank order."""
    chain_sql, params = chain_cte(chain)
    ctes = ",\n".join([chain_sql, *more_ctes, f"picked(id, rank) AS ({picked_sql})"])
    sql = (
        f"WITH {ctes}\n"
        f"SELECT {CARD_COLUMNS} FROM picked p\n"
        "JOIN articles a ON a.id = p.id\n"
        f"JOIN translations t ON t.article_id = a.id AND t.lang = {SHOWN_LANG}\n"
        "ORDER BY p.rank"
    )
    return sql, params


def article_sql(chain: list[str]) -> tuple[str, dict[str, Any]]:
    """One article (`:id`) with its translation in the best language of the chain."""
    chain_sql, params = chain_cte(chain)
    return f"WITH {chain_sql}\n{ARTICLE_SELECT}", params


def to_card(row: tuple[Any, ...], requested_lang: str) -> ArticleCard:
    (
        article_id,
        topic,
        priority,
        featured,
        image,
        lang,
        title,
        title_breaks,
        summary,
        summary_breaks,
    ) = row
    return ArticleCard(
        id=article_id,
        topic=topic,
        priority=priority,
        featured=bool(featured),
        image=image,
        title=title,
        title_breaks=json.loads(title_breaks),
        summary=summary,
        summary_breaks=json.loads(summary_breaks),
        lang=lang,
        requested_lang=requested_lang,
        fell_back=lang != requested_lang,
    )
