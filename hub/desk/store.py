"""The desk's storage in the hub store (hub.db): named methods, no SQL at call sites.

Every save of a translation is a new numbered revision; a save names the revision it was made
from and is refused when another save came first (optimistic locking, never a silent overwrite).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from hub.desk.records import AuditEntry, Revision, Translation
from hub.store import backend
from hub.store.backend.protocol import SqlConnection
from hub.store.records import time_text, utc_now
from hub.store.schema import migrations

logger = logging.getLogger(__name__)

_TRANSLATION = """
    SELECT t.article, t.lang, t.revision, t.status, r.text, t.edited_by, t.edited_at,
        t.source_revision, t.approved_revision, t.approved_by
    FROM desk_translations t JOIN desk_revisions r
        ON r.article = t.article AND r.lang = t.lang AND r.revision = t.revision
"""


class RevisionConflictError(Exception):
    """Someone else saved this translation since the form was opened."""

    def __init__(self, current: Translation) -> None:
        self.current = current
        super().__init__(f"{current.article}/{current.lang} is at revision {current.revision}")


def now_text() -> str:
    return time_text(utc_now())


class DeskStore:
    def __init__(self, path: Path | str) -> None:
        self._db = backend.connect(path, "hub", legacy=migrations)

    def close(self) -> None:
        self._db.close()

    def _conn(self) -> SqlConnection:
        return self._db.reader()

    # -- files and articles -------------------------------------------------------------------

    def replace_all(
        self,
        files: dict[str, bytes],
        articles: dict[str, str],
        translations: Iterable[tuple[str, str, str]],
        username: str,
    ) -> None:
        """Replace the desk's whole content (an import): files by path, article id -> source
        language, and (article, lang, text) translations, each approved as it stands."""
        at = now_text()
        with self._db.write() as conn:
            for table in ("desk_revisions", "desk_translations", "desk_articles", "desk_files"):
                conn.execute(f"DELETE FROM {table}")  # noqa: S608 (constant names)
            conn.executemany("INSERT INTO desk_files VALUES (?, ?)", files.items())
            conn.executemany("INSERT INTO desk_articles VALUES (?, ?)", articles.items())
            for article, lang, text in translations:
                conn.execute(
                    "INSERT INTO desk_revisions VALUES (?, ?, 1, ?, ?, ?, 'import')",
                    [article, lang, text, username, at],
                )
                conn.execute(
                    "INSERT INTO desk_translations VALUES (?, ?, 1, 'approved', ?, ?, 1, 1, ?)",
                    [article, lang, username, at, username],
                )
            audit_row(conn, username, "import", None, None, f"{len(articles)} articles")

    def files(self) -> dict[str, bytes]:
        rows = self._conn().execute("SELECT path, data FROM desk_files ORDER BY path")
        return {path: bytes(data) for path, data in rows}

    def file(self, path: str) -> bytes | None:
        row = self._conn().execute("SELECT data FROM desk_files WHERE path = ?", [path]).fetchone()
        return bytes(row[0]) if row else None

    def put_file(self, path: str, data: bytes, username: str, action: str) -> None:
        with self._db.write() as conn:
            conn.execute(
                "INSERT INTO desk_files VALUES (?, ?)"
                " ON CONFLICT (path) DO UPDATE SET data = excluded.data",
                [path, data],
            )
            audit_row(conn, username, action, None, None, path)

    def articles(self) -> dict[str, str]:
        """Article id -> its source language."""
        rows = self._conn().execute("SELECT id, source_lang FROM desk_articles ORDER BY id")
        return dict(rows.fetchall())

    def add_article(self, article: str, source_lang: str, meta: bytes, username: str) -> None:
        with self._db.write() as conn:
            conn.execute("INSERT INTO desk_articles VALUES (?, ?)", [article, source_lang])
            conn.execute(
                "INSERT INTO desk_files VALUES (?, ?)", [f"articles/{article}/article.yaml", meta]
            )
            audit_row(conn, username, "create", article, source_lang, "")

    def published_articles(self) -> set[str]:
        """Articles with at least one approved translation: what a publish puts on the kiosks."""
        rows = self._conn().execute(
            "SELECT DISTINCT article FROM desk_translations WHERE approved_revision IS NOT NULL"
        )
        return {article for (article,) in rows}

    # -- translations -------------------------------------------------------------------------

    def translations(self, article: str | None = None) -> list[Translation]:
        where, args = ("WHERE t.article = ?", [article]) if article else ("", [])
        rows = self._conn().execute(f"{_TRANSLATION} {where} ORDER BY t.article, t.lang", args)
        return [Translation(*row) for row in rows]

    def translation(self, article: str, lang: str) -> Translation | None:
        row = (
            self._conn()
            .execute(f"{_TRANSLATION} WHERE t.article = ? AND t.lang = ?", [article, lang])
            .fetchone()
        )
        return Translation(*row) if row else None

    def save(
        self,
        article: str,
        lang: str,
        text: str,
        username: str,
        based_on: int,
        source_revision: int | None,
        note: str = "",
    ) -> int:
        """A new revision (a draft) of one translation; `based_on` is the revision the editor
        started from (0 for a new translation). Returns the new revision number."""
        at = now_text()
        with self._db.write() as conn:
            row = conn.execute(
                "SELECT revision FROM desk_translations WHERE article = ? AND lang = ?",
                [article, lang],
            ).fetchone()
            current = row[0] if row else 0
            if current != based_on:
                found = self.translation(article, lang)
                assert found is not None
                raise RevisionConflictError(found)
            revision = current + 1
            conn.execute(
                "INSERT INTO desk_revisions VALUES (?, ?, ?, ?, ?, ?, ?)",
                [article, lang, revision, text, username, at, note],
            )
            conn.execute(
                "INSERT INTO desk_translations (article, lang, revision, status, edited_by,"
                " edited_at, source_revision) VALUES (?, ?, ?, 'draft', ?, ?, ?)"
                " ON CONFLICT (article, lang) DO UPDATE SET revision = excluded.revision,"
                " status = 'draft', edited_by = excluded.edited_by,"
                " edited_at = excluded.edited_at, source_revision = excluded.source_revision",
                [article, lang, revision, username, at, source_revision],
            )
            audit_row(
                conn, username, "restore" if note else "edit", article, lang, note or f"r{revision}"
            )
        return revision

    def set_status(
        self, article: str, lang: str, status: str, username: str, action: str, detail: str = ""
    ) -> None:
        with self._db.write() as conn:
            if status == "approved":
                conn.execute(
                    "UPDATE desk_translations SET status = 'approved',"
                    " approved_revision = revision, approved_by = ? WHERE article = ? AND lang = ?",
                    [username, article, lang],
                )
            else:
                conn.execute(
                    "UPDATE desk_translations SET status = ? WHERE article = ? AND lang = ?",
                    [status, article, lang],
                )
            audit_row(conn, username, action, article, lang, detail)

    def mark_stale(self, article: str, source_lang: str) -> None:
        """Every other language of the article needs its translator again."""
        with self._db.write() as conn:
            conn.execute(
                "UPDATE desk_translations SET status = 'stale' WHERE article = ? AND lang != ?",
                [article, source_lang],
            )

    def revisions(self, article: str, lang: str) -> list[Revision]:
        rows = self._conn().execute(
            "SELECT * FROM desk_revisions WHERE article = ? AND lang = ? ORDER BY revision DESC",
            [article, lang],
        )
        return [Revision(*row) for row in rows]

    def revision(self, article: str, lang: str, revision: int) -> Revision | None:
        row = (
            self._conn()
            .execute(
                "SELECT * FROM desk_revisions WHERE article = ? AND lang = ? AND revision = ?",
                [article, lang, revision],
            )
            .fetchone()
        )
        return Revision(*row) if row else None

    # -- audit log ----------------------------------------------------------------------------

    def record(self, username: str, action: str, detail: str = "") -> None:
        with self._db.write() as conn:
            audit_row(conn, username, action, None, None, detail)

    def audit_log(self, limit: int = 1000) -> list[AuditEntry]:
        rows = self._conn().execute("SELECT * FROM desk_audit ORDER BY id DESC LIMIT ?", [limit])
        return [AuditEntry(*row) for row in rows]


def audit_row(
    conn: SqlConnection,
    username: str,
    action: str,
    article: str | None,
    lang: str | None,
    detail: str,
) -> None:
    conn.execute(
        "INSERT INTO desk_audit (at, username, action, article, lang, detail)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [now_text(), username, action, article, lang, detail[:2000]],
    )
