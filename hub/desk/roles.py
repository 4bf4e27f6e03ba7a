"""Who may do what on the desk.

Desk roles sit beside a staff account's own role (admin or analyst): author (writes and edits
articles in their source language), translator for one language, reviewer (approves or rejects,
never their own last edit), publisher. Admins may do everything. An account with a province
edits only articles shown on that province's gates alone, never national ("all gates") ones.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from catalog import LANGUAGES
from hub.staff.accounts import AccountError, User
from hub.staff.db import StaffDb

logger = logging.getLogger(__name__)

DESK_ROLES = ("author", "translator", "reviewer", "publisher")


@dataclass(frozen=True)
class DeskPowers:
    """The desk roles one account holds."""

    user: User
    roles: frozenset[tuple[str, str]]
    """(role, language); the language is '' except for translators."""
    gates: frozenset[str] | None
    """Gates whose articles this account may edit; None: every article."""

    def has(self, role: str) -> bool:
        return self.user.is_admin or any(held == role for held, _ in self.roles)

    def translates(self, lang: str) -> bool:
        return self.user.is_admin or ("translator", lang) in self.roles

    @property
    def languages(self) -> list[str]:
        if self.user.is_admin:
            return list(LANGUAGES)
        return [lang for role, lang in sorted(self.roles) if role == "translator"]

    def may_edit(self, article_gates: object, lang: str, source_lang: str) -> bool:
        if not self.covers(article_gates):
            return False
        if lang == source_lang and self.has("author"):
            return True
        return self.translates(lang)

    def covers(self, article_gates: object) -> bool:
        """Whether the article is within this account's province (national staff: all)."""
        if self.gates is None:
            return True
        if not isinstance(article_gates, list) or not article_gates:
            return False
        return all(gate in self.gates for gate in article_gates)


class DeskRoles:
    def __init__(self, db: StaffDb) -> None:
        self._db = db

    def grant(self, user_id: int, role: str, lang: str = "") -> None:
        if role not in DESK_ROLES:
            raise AccountError(f"desk role must be one of: {', '.join(DESK_ROLES)}")
        if (role == "translator") != bool(lang) or (lang and lang not in LANGUAGES):
            raise AccountError(f"a translator needs one language of {', '.join(LANGUAGES)}")
        with self._db.write() as conn:
            conn.execute(
                "INSERT INTO desk_roles VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [user_id, role, lang],
            )
        logger.info(
            "desk role %s%s granted to user %d", role, f" ({lang})" if lang else "", user_id
        )

    def revoke(self, user_id: int, role: str, lang: str = "") -> None:
        with self._db.write() as conn:
            conn.execute(
                "DELETE FROM desk_roles WHERE user_id = ? AND role = ? AND lang = ?",
                [user_id, role, lang],
            )

    def of(self, user_id: int) -> frozenset[tuple[str, str]]:
        rows = self._db.conn().execute(
            "SELECT role, lang FROM desk_roles WHERE user_id = ?", [user_id]
        )
        return frozenset((role, lang) for role, lang in rows)
