"""One SQLite connection with the part of sqlite-utils' `Database` the stores use to read and to
make small writes; everything else (`table`, `executescript`, ...) goes to a real `Database`
over the same connection, built on first use.

Reading the cache is what the kiosk does while it draws its first screen, and importing
sqlite-utils (with click, pluggy and dateutil) costs about as much as the rest of that screen:
a Handle only imports it when the cache is written or migrated.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

_TRANSACTION_CONTROL = frozenset({"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"})
_FIRST_KEYWORD = re.compile(r"(?:[\s;\ufeff]+|--[^\n]*(?:\n|$)|/\*.*?(?:\*/|$))*(\w*)", re.DOTALL)


def first_keyword(sql: str) -> str:
    """The statement's first keyword, upper case, after whitespace and comments ("" if none)."""
    match = _FIRST_KEYWORD.match(sql)
    return match.group(1).upper() if match else ""


class Handle:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._database: Database | None = None

    @property
    def database(self) -> Database:
        """sqlite-utils' Database over this connection (imported on first use)."""
        if self._database is None:
            from sqlite_utils import Database

            self._database = Database(self.conn, execute_plugins=False, recursive_triggers=False)
        return self._database

    def execute(
        self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] | None = None
    ) -> sqlite3.Cursor:
        """As `Database.execute`: a write that opened a transaction of its own is committed,
        and one that failed is rolled back; inside the caller's transaction, neither."""
        was_in_transaction = self.conn.in_transaction
        try:
            if parameters is not None:
                cursor = self.conn.execute(sql, parameters)
            else:
                cursor = self.conn.execute(sql)
        except Exception:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        if (
            not was_in_transaction
            and self.conn.in_transaction
            and cursor.description is None
            and first_keyword(sql) not in _TRANSACTION_CONTROL
        ):
            self.conn.execute("COMMIT")
        return cursor

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.database, name)
