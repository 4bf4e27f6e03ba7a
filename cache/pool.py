"""Keeping track of the SQLite connections a store hands out: one per thread, plus ones of their
own (to pin a read), all closed together when the store closes."""

from __future__ import annotations

import sqlite3
import threading

from cache.handle import Handle


class HandlePool:
    """Registers every Handle it opens; subclasses say how to open one (`_open_handle`)."""

    def __init__(self) -> None:
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[Handle] = []

    def _open_handle(self) -> Handle:
        raise NotImplementedError

    def connect(self) -> Handle:
        """A connection of its own (not this thread's), e.g. to hold one version for a while.
        Give it back with `release`; `close` closes it too."""
        db = self._open_handle()
        with self._lock:
            self._open.append(db)
        return db

    def release(self, db: Handle) -> None:
        """Roll back and close a connection from `connect`."""
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
        """Close every connection. Threads that use the store again get a new one."""
        with self._lock:
            opened, self._open = self._open, []
        for db in opened:
            db.close()
        self._local = threading.local()
