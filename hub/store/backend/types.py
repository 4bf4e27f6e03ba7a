"""Column types the hub's migrations use: the same meaning on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlalchemy as sa

INT = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
"""A 64-bit integer (SQLite's INTEGER is 64-bit already; INTEGER keeps `id` a rowid alias)."""
REAL = sa.Float(precision=53)
TEXT = sa.Text()
BLOB = sa.LargeBinary()


def column(
    name: str, kind: sa.types.TypeEngine, *args: object, null: bool = False, **extra: object
) -> sa.Column:
    """A column, NOT NULL unless `null` (`args`: a foreign key)."""
    return sa.Column(name, kind, *args, nullable=null, **extra)  # type: ignore[arg-type]


def key(name: str = "id") -> sa.Column:
    """An integer primary key the database numbers (SQLite's rowid, PostgreSQL's bigserial)."""
    return sa.Column(name, INT, primary_key=True, autoincrement=True)
