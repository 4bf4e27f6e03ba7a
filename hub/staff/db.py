"""staff.db: the staff side's own SQLite file (WAL), or its tables in the hub's PostgreSQL database.

It holds staff accounts and their login sessions, failed-login records, the figures staff enter
(monthly crossings, kiosk costs) and QR take-away opens. Device and usage facts live in the
hub store (hub.db), never here.
"""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from hub.store import backend
from hub.store.backend.protocol import SqlConnection

migrations = Migrations("hub-staff")


class StaffDbError(RuntimeError):
    """staff.db cannot be opened or migrated."""


@migrations()
def create_staff_tables(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE COLLATE NOCASE,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin', 'analyst')),
            province TEXT,
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            last_login_at TEXT
        );
        CREATE TABLE login_sessions (
            token_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        CREATE INDEX login_sessions_user ON login_sessions(user_id);
        CREATE TABLE login_failures (
            id INTEGER PRIMARY KEY,
            subject TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX login_failures_subject ON login_failures(subject, at);
        CREATE TABLE gate_crossings (
            gate TEXT NOT NULL,
            month TEXT NOT NULL,
            crossings INTEGER NOT NULL CHECK (crossings >= 0),
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            PRIMARY KEY (gate, month)
        );
        CREATE TABLE gate_costs (
            gate TEXT PRIMARY KEY,
            yearly_cost_per_kiosk INTEGER NOT NULL CHECK (yearly_cost_per_kiosk >= 0),
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL
        );
        CREATE TABLE qr_opens (
            device_id TEXT NOT NULL,
            hour TEXT NOT NULL,
            article TEXT NOT NULL,
            lang TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (device_id, hour, article, lang)
        );
        CREATE INDEX qr_opens_hour ON qr_opens(hour);
        """
    )


class StaffDb:
    """The staff tables: `conn()` for reads, `write()` for one write transaction."""

    def __init__(self, path: Path | str) -> None:
        # NORMAL: safe in WAL mode; an OS crash may lose the last commit (accounts, figures)
        self._db = backend.connect(
            path, "staff", legacy=migrations, synchronous="NORMAL", error=StaffDbError
        )
        self.write = self._db.write
        self.close = self._db.close

    def conn(self) -> SqlConnection:
        return self._db.reader()


@migrations()
def desk_roles(db: Database) -> None:
    """Content-desk roles held by a staff account (hub.desk.roles); a translator's per language."""
    db.executescript(
        """
        CREATE TABLE desk_roles (
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('author', 'translator', 'reviewer', 'publisher')),
            lang TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (user_id, role, lang)
        );
        """
    )
