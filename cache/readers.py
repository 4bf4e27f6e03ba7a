"""Read-only connections to content.db that follow the file when new content replaces it.

content.db never changes in place (cache.database): new content is a new file moved over the
old one. A connection keeps reading the file it opened, so a reader that pins one (a traveller's
session) sees one version throughout, and the old file's space returns when it closes. Each
thread's own connection is reopened as soon as the path names another file.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

from cache.database import connect_immutable
from cache.handle import Handle

logger = logging.getLogger(__name__)

FileId = tuple[int, int, int, int]


def file_id(path: Path) -> FileId | None:
    """(device, inode, modification time, size) of the file at `path`; None when there is none."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_dev, stat.st_ino, stat.st_mtime_ns, stat.st_size


class FileReaders:
    """Hands each thread a read-only Handle on the file now at `path`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[Handle] = []

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

    def connect(self) -> Handle:
        """A connection of its own (e.g. to pin one version); give it back with `release`."""
        if not self.path.exists():
            raise sqlite3.OperationalError(f"{self.path.name} does not exist")
        db = Handle(connect_immutable(self.path))
        with self._lock:
            self._open.append(db)
        return db

    def release(self, db: Handle) -> None:
        with self._lock:
            if db in self._open:
                self._open.remove(db)
        try:
            db.rollback()
        except sqlite3.ProgrammingError:
            pass  # closed already, by `close`
        finally:
            db.close()

    def close(self) -> None:
        """Close every connection. Threads that read again get a new one."""
        with self._lock:
            opened, self._open = self._open, []
        for db in opened:
            db.close()
        self._local = threading.local()
