"""Read-only connections to content.db that follow the file when new content replaces it.

content.db never changes in place (cache.database): new content is a new file moved over the
old one. A connection keeps reading the file it opened, so a reader that pins one (a traveller's
session) sees one version throughout, and the old file's space returns when it closes. Each
thread's own connection is reopened as soon as the path names another file.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from cache.database import connect_immutable
from cache.handle import Handle
from cache.pool import HandlePool

logger = logging.getLogger(__name__)

FileId = tuple[int, int, int, int]


def file_id(path: Path) -> FileId | None:
    """(device, inode, modification time, size) of the file at `path`; None when there is none."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_dev, stat.st_ino, stat.st_mtime_ns, stat.st_size


class FileReaders(HandlePool):
    """Hands each thread a read-only Handle on the file now at `path`."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def db(self) -> Handle:
        """This thread's connection, reopened when the file at `path` was replaced."""
        current = file_id(self.path)  # before connecting: a replace in between reopens next time
        db: Handle | None = getattr(self._local, "db", None)
        if db is not None and self._local.file == current:
            return db
        if db is not None:
            self.release(db)
        db = self.connect()
        self._local.db, self._local.file = db, current
        return db

    def _open_handle(self) -> Handle:
        if not self.path.exists():
            raise sqlite3.OperationalError(f"{self.path.name} does not exist")
        return Handle(connect_immutable(self.path))
