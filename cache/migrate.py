"""Named sets of schema migrations, applied with sqlite-utils' `Migrations`, checked without it.

A MigrationSet registers its steps as `Migrations` does (`@migrations()` on a function) and
applies them with sqlite-utils, which records each applied step in `_sqlite_migrations`. Seeing
that nothing is pending reads that table with plain SQL, so opening an up-to-date database (the
kiosk, at every start) does not import sqlite-utils.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

MIGRATIONS_TABLE = "_sqlite_migrations"
"""Where sqlite-utils' Migrations records applied steps (migration_set, name, applied_at)."""

Step = Callable[["Database"], None]


class MigrationSet:
    def __init__(self, name: str) -> None:
        self.name = name
        self._steps: list[tuple[str, Step]] = []

    def __call__(self, *, name: str | None = None) -> Callable[[Step], Step]:
        """Register the decorated function as the next step (named after it by default)."""

        def register(step: Step) -> Step:
            step_name = name or step.__name__
            if any(existing == step_name for existing, _step in self._steps):
                raise ValueError(f"migration {step_name!r} is already in set {self.name!r}")
            self._steps.append((step_name, step))
            return step

        return register

    @property
    def names(self) -> list[str]:
        return [name for name, _step in self._steps]

    def pending(self, conn: sqlite3.Connection) -> list[str]:
        """Names of the steps not applied to the database yet (plain SQL, read only)."""
        applied = set(self.applied(conn))
        return [name for name in self.names if name not in applied]

    def applied(self, conn: sqlite3.Connection) -> list[str]:
        """Names of this set's steps recorded in the database, known to this code or not."""
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
        ).fetchone()
        if not exists:
            return []
        rows = conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?",  # noqa: S608
            [self.name],
        ).fetchall()
        return [str(row[0]) for row in rows]

    def apply(self, db: Database) -> None:
        """Apply the pending steps with sqlite-utils (each in its own savepoint)."""
        from sqlite_utils.migrations import Migrations

        migrations = Migrations(self.name)
        for name, step in self._steps:
            migrations(name=name)(step)
        migrations.apply(db)
