"""One writer at a time on the signed repository: publishing, key rotation and pruning take the
same lock file in the hub's data folder (beside repository/, so it is never served)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from hub.publishing.repository import RepositoryError

LOCK_FILE = "repository.lock"
WAIT_SECONDS = 600.0


@contextmanager
def repository_lock(data_dir: Path, wait_seconds: float | None = None) -> Iterator[None]:
    """Hold the repository for one writer; waits (WAIT_SECONDS by default) for another."""
    data_dir.mkdir(parents=True, exist_ok=True)
    wait = WAIT_SECONDS if wait_seconds is None else wait_seconds
    lock = FileLock(data_dir / LOCK_FILE, timeout=wait, thread_local=False)
    try:
        lock.acquire()
    except Timeout as error:
        raise RepositoryError(
            f"another publish, key rotation or prune holds {lock.lock_file}; try again later"
        ) from error
    try:
        yield
    finally:
        lock.release()
