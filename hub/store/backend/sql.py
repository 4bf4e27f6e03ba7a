"""The hub's SQL, written once for SQLite's parameter style (`?` and `:name`), rewritten for
psycopg's (`%s` and `%(name)s`).

Only parameter markers and literal `%` signs change: string literals, quoted names and `::`
casts pass through untouched. Everything else in the hub's SQL is written to mean the same on
both databases (standard upserts with ON CONFLICT, RETURNING, CASE instead of scalar max/min).
"""

from __future__ import annotations

import functools
import re

_TOKENS = re.compile(
    r"""
    (?P<literal>'(?:[^']|'')*')        # a string literal, kept as it is
    | (?P<quoted>"(?:[^"]|"")*")       # a quoted name, kept as it is
    | (?P<cast>::)                     # a PostgreSQL cast
    | (?P<named>:(?P<name>[A-Za-z_]\w*))
    | (?P<positional>\?)
    | (?P<percent>%)
    """,
    re.VERBOSE,
)


@functools.lru_cache(maxsize=1024)
def to_psycopg(sql: str) -> str:
    """The same statement with psycopg's parameter markers."""

    def swap(match: re.Match[str]) -> str:
        if match["positional"]:
            return "%s"
        if match["named"]:
            return f"%({match['name']})s"
        if match["percent"]:
            return "%%"
        return match[0]

    return _TOKENS.sub(swap, sql)


def in_clause(column: str, count: int) -> str:
    """`column IN (?, ...)` for `count` values; a false condition for none (PostgreSQL has no
    empty IN list)."""
    return f"{column} IN ({', '.join('?' * count)})" if count else "1 = 0"
