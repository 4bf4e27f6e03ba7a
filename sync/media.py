"""The device's media folder: assets named by sha256, installed atomically, pruned after a swap.

Download threads install into it at the same time; a lock keeps the queue of files waiting for
their durable sync consistent.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from pathlib import Path
from typing import IO

from atomicfile import fsync_dir

logger = logging.getLogger(__name__)

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
STAGING = ".staging"
FLUSH_FILES = 64
FLUSH_BYTES = 64 * 1024 * 1024


class MediaStore:
    def __init__(self, media_dir: Path) -> None:
        self.media_dir = media_dir
        self.staging_dir = media_dir / STAGING
        self._pending: list[Path] = []
        self._pending_bytes = 0
        self._lock = threading.Lock()

    def prepare(self) -> None:
        """Create the folders and drop downloads a power cut left half-written."""
        self.staging_dir.mkdir(parents=True, exist_ok=True)
        for leftover in self.staging_dir.iterdir():
            leftover.unlink(missing_ok=True)
        self._pending.clear()
        self._pending_bytes = 0

    def present(self) -> set[str]:
        if not self.media_dir.exists():
            return set()
        return {entry.name for entry in os.scandir(self.media_dir) if _SHA256.match(entry.name)}

    def install(self, handle: IO[bytes], staged: Path, sha256: str) -> None:
        """Queue a verified staged download; it becomes visible under its hash at the next flush."""
        if not _SHA256.match(sha256):
            raise ValueError(f"not a sha256: {sha256!r}")
        handle.flush()
        pending = self.staging_dir / f"{sha256}.pending"
        size = os.fstat(handle.fileno()).st_size
        with self._lock:
            staged.replace(pending)  # survives the download's clean-up; still invisible
            self._pending.append(pending)
            self._pending_bytes += size
            full = len(self._pending) >= FLUSH_FILES or self._pending_bytes >= FLUSH_BYTES
            batch = self._take() if full else []
        self._make_visible(batch)  # outside the lock: other downloads go on during the sync

    def flush(self) -> None:
        """Make every queued download durable and visible."""
        with self._lock:
            batch = self._take()
        self._make_visible(batch)

    def _take(self) -> list[Path]:
        batch, self._pending, self._pending_bytes = self._pending, [], 0
        return batch

    def _make_visible(self, batch: list[Path]) -> None:
        """Make a batch durable with one sync, then move each file into place (os.replace).

        One sync per batch instead of one fsync per file: a power cut before it leaves only
        staged files, which prepare() deletes; after it, every visible file is complete.
        """
        if not batch:
            return
        os.sync()
        for pending in batch:
            os.chmod(pending, 0o644)  # noqa: PTH101
            pending.replace(self.media_dir / pending.name.removesuffix(".pending"))
        fsync_dir(self.media_dir)

    def prune(self, keep: set[str]) -> int:
        """Delete assets no longer referenced by the content in the cache."""
        removed = 0
        for name in self.present() - keep:
            (self.media_dir / name).unlink(missing_ok=True)
            removed += 1
        if removed:
            fsync_dir(self.media_dir)
            logger.info("pruned %d unreferenced assets", removed)
        return removed
