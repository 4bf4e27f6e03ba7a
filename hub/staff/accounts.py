"""Staff accounts: who may log in, with which role and, for province analysts, which province.

Passwords are kept only as Argon2id hashes (argon2-cffi's defaults). Roles:

- admin: users, devices, keys and publishing, and every report;
- analyst: every report; with a province set, only that province's gates.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from hub.staff.db import StaffDb

logger = logging.getLogger(__name__)

ROLES = ("admin", "analyst")
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 256

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not a password of anybody")


class AccountError(ValueError):
    """A username, password, role or province that cannot be used."""


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: str
    province: str | None
    """Province slug for a province analyst; None for admins and national analysts."""
    active: bool
    created_at: str
    last_login_at: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def now_text() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_new_password(password: str) -> None:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise AccountError(
            f"a password has {MIN_PASSWORD} to {MAX_PASSWORD} characters; this one has {len(password)}"
        )


class Accounts:
    def __init__(self, db: StaffDb) -> None:
        self._db = db

    def add(self, username: str, password: str, role: str, province: str | None = None) -> User:
        username = username.strip().lower()
        if not USERNAME.match(username):
            raise AccountError("a username is 2-40 lower-case letters, digits, '.', '_' or '-'")
        if role not in ROLES:
            raise AccountError(f"role must be one of: {', '.join(ROLES)}")
        if role == "admin" and province:
            raise AccountError("an admin sees every province; give a province only to analysts")
        check_new_password(password)
        with self._db.write() as conn:
            if conn.execute("SELECT 1 FROM users WHERE username = ?", [username]).fetchone():
                raise AccountError(f"user {username!r} exists already")
            conn.execute(
                "INSERT INTO users (username, password_hash, role, province, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [username, _hasher.hash(password), role, province or None, now_text()],
            )
        logger.info(
            "account %s created (%s%s)", username, role, f", {province}" if province else ""
        )
        user = self.by_name(username)
        assert user is not None
        return user

    def verify(self, username: str, password: str) -> User | None:
        """The active user whose password this is, or None. Costs one hash either way."""
        row = (
            self._db.conn()
            .execute(
                "SELECT id, password_hash FROM users WHERE username = ? AND active = 1",
                [username.strip().lower()[:64]],
            )
            .fetchone()
        )
        stored = row[1] if row else _DUMMY_HASH
        try:
            _hasher.verify(stored, password[:MAX_PASSWORD])
        except (VerificationError, InvalidHashError):
            return None
        if row is None:
            return None
        with self._db.write() as conn:
            conn.execute("UPDATE users SET last_login_at = ? WHERE id = ?", [now_text(), row[0]])
            if _hasher.check_needs_rehash(stored):
                conn.execute(
                    "UPDATE users SET password_hash = ? WHERE id = ?",
                    [_hasher.hash(password), row[0]],
                )
        return self.get(row[0])

    def set_password(self, user_id: int, password: str) -> None:
        check_new_password(password)
        with self._db.write() as conn:
            conn.execute(
                "UPDATE users SET password_hash = ? WHERE id = ?", [_hasher.hash(password), user_id]
            )
            conn.execute("DELETE FROM login_sessions WHERE user_id = ?", [user_id])

    def set_active(self, user_id: int, active: bool) -> None:
        with self._db.write() as conn:
            conn.execute("UPDATE users SET active = ? WHERE id = ?", [int(active), user_id])
            if not active:
                conn.execute("DELETE FROM login_sessions WHERE user_id = ?", [user_id])

    def get(self, user_id: int) -> User | None:
        return self._one("id = ?", user_id)

    def by_name(self, username: str) -> User | None:
        return self._one("username = ?", username.strip().lower())

    def all(self) -> list[User]:
        rows = self._db.conn().execute(f"{_SELECT} ORDER BY username").fetchall()
        return [_user(row) for row in rows]

    def count_admins(self) -> int:
        query = "SELECT count(*) FROM users WHERE role = 'admin' AND active = 1"
        return int(self._db.conn().execute(query).fetchone()[0])

    def _one(self, condition: str, value: object) -> User | None:
        row = self._db.conn().execute(f"{_SELECT} WHERE {condition}", [value]).fetchone()
        return _user(row) if row else None


_SELECT = "SELECT id, username, role, province, active, created_at, last_login_at FROM users"


def _user(row: tuple) -> User:
    return User(row[0], row[1], row[2], row[3], bool(row[4]), row[5], row[6])
