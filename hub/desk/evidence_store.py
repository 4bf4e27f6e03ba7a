"""Articles opened from an unanswered search, kept with their term, language and gate and the
moment they were first published (table desk_evidence)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from hub.desk.store import now_text
from hub.store import backend
from hub.store.schema import migrations


@dataclass(frozen=True)
class EvidenceDraft:
    article: str
    term: str
    lang: str
    gate: str
    """'' when the search was counted over every gate."""
    created_by: str
    created_at: str
    published_at: str | None


class EvidenceDrafts:
    def __init__(self, path: Path | str) -> None:
        self._db = backend.connect(path, "hub", legacy=migrations)

    def close(self) -> None:
        self._db.close()

    def note(self, article: str, term: str, lang: str, gate: str, username: str) -> None:
        """Remember that `article` answers the search `term` (in `lang`, at `gate`)."""
        with self._db.write() as conn:
            conn.execute(
                "INSERT INTO desk_evidence (article, term, lang, gate, created_by, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [article, term[:100], lang, gate, username, now_text()],
            )

    def published(self, articles: Iterable[str], at: str | None = None) -> None:
        """Mark the first publication of those of `articles` that answer a search."""
        with self._db.write() as conn:
            conn.executemany(
                "UPDATE desk_evidence SET published_at = ?"
                " WHERE article = ? AND published_at IS NULL",
                [(at or now_text(), article) for article in articles],
            )

    def all(self) -> list[EvidenceDraft]:
        rows = self._db.reader().execute(
            "SELECT article, term, lang, gate, created_by, created_at, published_at"
            " FROM desk_evidence ORDER BY coalesce(published_at, created_at) DESC, article"
        )
        return [EvidenceDraft(*row) for row in rows]
