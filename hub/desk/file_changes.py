"""The two-person rule for settings files and article pictures: a save proposes the file, and
it takes effect (for the desk's checks and the next publish) only when a reviewer other than
its editor approves it. Until then editors work on the newest proposal (the working copy).
Table desk_file_changes; every step is written to the audit log."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from hub.desk.store import DeskStore, audit_row, now_text
from hub.store import backend
from hub.store.schema import migrations

logger = logging.getLogger(__name__)


class ChangeStateError(ValueError):
    """The change is not waiting for review, or this account may not decide it."""


@dataclass(frozen=True)
class FileChange:
    id: int
    path: str
    data: bytes
    summary: str
    edited_by: str
    edited_at: str
    status: str
    decided_by: str | None
    decided_at: str | None
    reason: str


class FileChanges:
    def __init__(self, path: Path | str) -> None:
        self._db = backend.connect(path, "hub", legacy=migrations)

    def close(self) -> None:
        self._db.close()

    def propose(self, path: str, data: bytes, username: str, summary: str) -> int:
        with self._db.write() as conn:
            cursor = conn.execute(
                "INSERT INTO desk_file_changes (path, data, summary, edited_by, edited_at, status)"
                " VALUES (?, ?, ?, ?, ?, 'review') RETURNING id",
                [path, data, summary[:200], username, now_text()],
            )
            change_id = int(cursor.fetchone()[0])
            audit_row(conn, username, "propose", None, None, f"{path}: {summary}")
            return change_id

    def pending(self) -> list[FileChange]:
        rows = self._db.reader().execute(
            "SELECT * FROM desk_file_changes WHERE status = 'review' ORDER BY id"
        )
        return [_change(row) for row in rows]

    def change(self, change_id: int) -> FileChange | None:
        row = (
            self._db.reader()
            .execute("SELECT * FROM desk_file_changes WHERE id = ?", [change_id])
            .fetchone()
        )
        return _change(row) if row else None

    def working(self, store: DeskStore, path: str) -> bytes | None:
        """The newest proposal of `path` waiting for review, else the file as approved."""
        row = (
            self._db.reader()
            .execute(
                "SELECT data FROM desk_file_changes WHERE path = ? AND status = 'review'"
                " ORDER BY id DESC LIMIT 1",
                [path],
            )
            .fetchone()
        )
        return bytes(row[0]) if row else store.file(path)

    def approve(self, change_id: int, username: str) -> FileChange:
        """Make the change the file's approved content; earlier proposals of the same file
        are superseded (the change was made on top of them)."""
        change = self._open(change_id, username)
        at = now_text()
        with self._db.write() as conn:
            conn.execute(
                "INSERT INTO desk_files VALUES (?, ?)"
                " ON CONFLICT (path) DO UPDATE SET data = excluded.data",
                [change.path, change.data],
            )
            conn.execute(
                "UPDATE desk_file_changes SET status = 'approved', decided_by = ?, decided_at = ?"
                " WHERE id = ?",
                [username, at, change_id],
            )
            conn.execute(
                "UPDATE desk_file_changes SET status = 'superseded', decided_at = ?"
                " WHERE path = ? AND status = 'review' AND id < ?",
                [at, change.path, change_id],
            )
            audit_row(conn, username, "approve", None, None, f"{change.path}: {change.summary}")
        return change

    def reject(self, change_id: int, username: str, reason: str) -> FileChange:
        change = self._open(change_id, username, own_allowed=True)
        if not reason.strip():
            raise ChangeStateError("say why, so the editor can fix it")
        with self._db.write() as conn:
            conn.execute(
                "UPDATE desk_file_changes SET status = 'rejected', decided_by = ?,"
                " decided_at = ?, reason = ? WHERE id = ?",
                [username, now_text(), reason.strip()[:1000], change_id],
            )
            audit_row(conn, username, "reject", None, None, f"{change.path}: {reason[:500]}")
        return change

    def _open(self, change_id: int, username: str, own_allowed: bool = False) -> FileChange:
        change = self.change(change_id)
        if change is None or change.status != "review":
            raise ChangeStateError("this change is not waiting for review")
        if change.edited_by == username and not own_allowed:
            raise ChangeStateError("the editor of a change cannot approve it")
        return change


def _change(row: tuple) -> FileChange:
    values = list(row)
    values[2] = bytes(values[2])
    return FileChange(*values)
