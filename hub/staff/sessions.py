"""Login sessions and the login rate limit.

A session is a random 256-bit token in an HttpOnly cookie; staff.db keeps only its SHA-256.
It ends on logout, after `idle_minutes` without a request, or `max_hours` after login.

Failed logins are recorded per username and per client address. After `max_failures` failures
for a username (or `max_failures_per_client` from one address) within `window_minutes`, logins
for it are refused, even with the right password, until the window has passed.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from hub.staff.db import StaffDb

_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class SessionPolicy:
    idle_minutes: float = 60
    max_hours: float = 12
    max_failures: int = 5
    max_failures_per_client: int = 20
    window_minutes: float = 15


@dataclass(frozen=True)
class LiveSession:
    token_hash: str
    user_id: int


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(_FORMAT)


def _now() -> datetime:
    return datetime.now(UTC)


class Sessions:
    def __init__(self, db: StaffDb, policy: SessionPolicy | None = None) -> None:
        self._db = db
        self.policy = policy or SessionPolicy()

    def start(self, user_id: int) -> str:
        """A new session for a user; returns the token for the cookie (never stored)."""
        token = secrets.token_urlsafe(32)
        now = _now()
        with self._db.write() as conn:
            conn.execute("DELETE FROM login_sessions WHERE expires_at < ?", [_text(now)])
            conn.execute(
                "INSERT INTO login_sessions (token_hash, user_id, created_at, last_seen_at,"
                " expires_at) VALUES (?, ?, ?, ?, ?)",
                [
                    token_hash(token),
                    user_id,
                    _text(now),
                    _text(now),
                    _text(now + timedelta(hours=self.policy.max_hours)),
                ],
            )
        return token

    def resume(self, token: str) -> LiveSession | None:
        """The live session behind a cookie value, refreshed; None when unknown or expired."""
        if not token or len(token) > 100:
            return None
        hashed = token_hash(token)
        now = _now()
        idle_limit = _text(now - timedelta(minutes=self.policy.idle_minutes))
        row = (
            self._db.conn()
            .execute(
                "SELECT s.user_id, s.last_seen_at FROM login_sessions s JOIN users u"
                " ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?"
                " AND s.last_seen_at > ? AND u.active = 1",
                [hashed, _text(now), idle_limit],
            )
            .fetchone()
        )
        if row is None:
            return None
        if row[1] < _text(now - timedelta(minutes=1)):
            with self._db.write() as conn:
                conn.execute(
                    "UPDATE login_sessions SET last_seen_at = ? WHERE token_hash = ?",
                    [_text(now), hashed],
                )
        return LiveSession(hashed, row[0])

    def end(self, token: str) -> None:
        with self._db.write() as conn:
            conn.execute("DELETE FROM login_sessions WHERE token_hash = ?", [token_hash(token)])

    # -- login rate limit -------------------------------------------------------------------

    def locked_minutes(self, username: str, client: str) -> float:
        """Minutes until a login for this username from this client may be tried; 0 if now."""
        since = _now() - timedelta(minutes=self.policy.window_minutes)
        waits = [
            self._wait(f"user:{username.strip().lower()[:64]}", self.policy.max_failures, since),
            self._wait(f"client:{client}", self.policy.max_failures_per_client, since),
        ]
        return max(waits)

    def _wait(self, subject: str, limit: int, since: datetime) -> float:
        rows = (
            self._db.conn()
            .execute(
                "SELECT at FROM login_failures WHERE subject = ? AND at > ? ORDER BY at DESC"
                " LIMIT ?",
                [subject, _text(since), limit],
            )
            .fetchall()
        )
        if len(rows) < limit:
            return 0.0
        oldest = datetime.strptime(rows[-1][0], _FORMAT).replace(tzinfo=UTC)
        free_at = oldest + timedelta(minutes=self.policy.window_minutes)
        return max((free_at - _now()).total_seconds() / 60, 0.0)

    def record_failure(self, username: str, client: str) -> None:
        now = _now()
        with self._db.write() as conn:
            conn.execute(
                "DELETE FROM login_failures WHERE at < ?",
                [_text(now - timedelta(minutes=self.policy.window_minutes))],
            )
            conn.executemany(
                "INSERT INTO login_failures (subject, at) VALUES (?, ?)",
                [
                    (f"user:{username.strip().lower()[:64]}", _text(now)),
                    (f"client:{client}", _text(now)),
                ],
            )

    def clear_failures(self, username: str) -> None:
        with self._db.write() as conn:
            conn.execute(
                "DELETE FROM login_failures WHERE subject = ?",
                [f"user:{username.strip().lower()[:64]}"],
            )
