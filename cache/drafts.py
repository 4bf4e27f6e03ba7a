"""Draft files beside content.db: where a new content database is written before it replaces the
old one, durably and atomically.

A draft is locked (flock) by the process writing it, so a process cleaning up after a power cut
deletes only drafts nobody is writing. Making a draft the content is fsync, os.replace, fsync of
the folder: after a power cut the path holds the old file or the new one, whole.
"""

from __future__ import annotations

import fcntl
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from atomicfile import fsync_dir

logger = logging.getLogger(__name__)

DRAFT_INFIX = ".draft-"


@contextmanager
def draft(target: Path) -> Iterator[Path]:
    """A new, empty, locked file beside `target`; deleted on the way out unless installed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for number in range(1000):
        path = target.with_name(f"{target.name}{DRAFT_INFIX}{os.getpid()}-{number}")
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue
        fcntl.flock(fd, fcntl.LOCK_EX)
        if os.fstat(fd).st_nlink:
            break
        os.close(fd)  # a clean-up took it between create and lock: take another name
    else:
        raise FileExistsError(f"no free draft name beside {target}")
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)
        os.close(fd)


def install(draft_path: Path, target: Path) -> None:
    """Make the finished draft the file at `target`: durable first, then one atomic rename."""
    fd = os.open(draft_path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    draft_path.replace(target)
    fsync_dir(target.parent)


def remove_abandoned(target: Path) -> int:
    """Delete drafts beside `target` that no live process holds (a power cut or SIGKILL left)."""
    removed = 0
    for path in target.parent.glob(f"{target.name}{DRAFT_INFIX}*"):
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            continue  # being written right now
        else:
            path.unlink(missing_ok=True)
            removed += 1
        finally:
            os.close(fd)
    if removed:
        logger.info("removed %d abandoned drafts of %s", removed, target.name)
    return removed
