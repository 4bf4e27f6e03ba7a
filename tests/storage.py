"""Storage faults for tests: a disk that fills up, a content.db changed behind the store's back."""

from __future__ import annotations

import resource
import shutil
import signal
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def disk_full_after(size: int) -> Iterator[None]:
    """Every write past `size` bytes of any file fails, as a full disk does (EFBIG, not a kill)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def rewrite_database(path: Path, sql: str) -> None:
    """Run `sql` on a copy of the database at `path` and put the copy in its place."""
    copy = path.with_name(path.name + ".rewrite")
    shutil.copyfile(path, copy)
    conn = sqlite3.connect(copy)
    try:
        conn.executescript(sql)
        conn.commit()
    finally:
        conn.close()
    copy.replace(path)
