"""Full-text search over every language's text, ranked for one traveller.

Stored text and the query are folded alike (see cache.fold); each word typed comes with its
synonyms (cache.search_reads). Words of three or more characters go to the FTS5 trigram index,
each quoted by us, so no query text is ever FTS syntax; shorter words (a two-character Chinese
word, say) are matched with LIKE on the folded columns.
Ranking: hits in the traveller's language (or its fallback chain) first, then by bm25 with
titles weighing more than summaries, and summaries more than bodies.
"""

from __future__ import annotations

from typing import Any

from cache.cards import cards_sql

TRIGRAM = 3
"""The trigram index finds words of at least this many characters."""
WEIGHTS = (10.0, 3.0, 1.0)
"""bm25 weights of the title, summary and body columns."""
MAX_LIMIT = 100


def search_sql(groups: list[list[str]], chain: list[str], limit: int) -> tuple[str, dict[str, Any]]:
    """The card query for articles matching every group (any one word of each), best first.

    A group is a word the traveller typed with its synonyms; groups of long words go to the
    trigram index, a group with any short word is matched with LIKE.
    """
    indexed = [group for group in groups if all(len(token) >= TRIGRAM for token in group)]
    short = [group for group in groups if any(len(token) < TRIGRAM for token in group)]
    params: dict[str, Any] = {"limit": max(0, min(limit, MAX_LIMIT))}
    conditions = []
    title_hits = []
    summary_hits = []
    for number, group in enumerate(short):
        names = []
        for index, token in enumerate(group):
            name = f"like{number}_{index}"
            params[name] = f"%{_escape_like(token)}%"
            names.append(name)
        conditions.append(
            "("
            + " OR ".join(
                f"t.{column} LIKE :{name} ESCAPE '\\'"
                for name in names
                for column in ("title_folded", "summary_folded", "body_folded")
            )
            + ")"
        )
        for column, found in (("title_folded", title_hits), ("summary_folded", summary_hits)):
            found.append(
                "(" + " OR ".join(f"t.{column} LIKE :{name} ESCAPE '\\'" for name in names) + ")"
            )
    if indexed:
        params["match"] = fts_query(indexed)
        weights = ", ".join(str(weight) for weight in WEIGHTS)
        hits = (
            f"SELECT t.article_id AS id, coalesce(c.pos, 99) AS lang_pos, "
            f"bm25(translations_fts, {weights}) AS score\n"
            "FROM translations_fts f JOIN translations t ON t.rowid = f.rowid\n"
            "LEFT JOIN chain c ON c.lang = t.lang\n"
            "WHERE translations_fts MATCH :match"
        )
    else:
        hits = (
            f"SELECT t.article_id AS id, coalesce(c.pos, 99) AS lang_pos, "
            f"CASE WHEN {' AND '.join(title_hits)} THEN 0 "
            f"WHEN {' AND '.join(summary_hits)} THEN 1 ELSE 2 END AS score\n"
            "FROM translations t LEFT JOIN chain c ON c.lang = t.lang\n"
            "WHERE 1"
        )
    hits += "".join(f"\nAND {condition}" for condition in conditions)
    best = (
        "best AS (SELECT id, lang_pos, score, "
        "row_number() OVER (PARTITION BY id ORDER BY lang_pos, score) AS n FROM hits)"
    )
    picked = (
        "SELECT b.id, row_number() OVER (ORDER BY b.lang_pos, b.score, a.priority, a.position) "
        "FROM best b JOIN articles a ON a.id = b.id WHERE b.n = 1 "
        "ORDER BY b.lang_pos, b.score, a.priority, a.position LIMIT :limit"
    )
    sql, chain_params = cards_sql(chain, picked, f"hits AS ({hits})", best)
    return sql, {**chain_params, **params}


def fts_query(groups: list[list[str]]) -> str:
    """An FTS5 query matching rows that contain a token of every group, each a quoted string."""
    return " AND ".join(
        "(" + " OR ".join('"' + token.replace('"', '""') + '"' for token in group) + ")"
        for group in groups
    )


def _escape_like(token: str) -> str:
    return token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
