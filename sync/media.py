"""The device's media folder: assets named by sha256, installed atomically, pruned after a swap."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import IO

from sync.config import fsync_dir

logger = logging.getLogger(__name__)

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
STAGING = ".staging"


class MediaStore:
    def __init__(self, media_dir: Path) -> None:
        self.media_dir = media_dir
        self.staging_dir = media_dir / STAGING

    def prepare(self) -> None:
        """Create the folders and drop downloads a power cut left half-written."""
        self.staging_dir.mkdir(parents=True, exist_ok=True)
        for leftover in self.staging_dir.iterdir():
            leftover.unlink(missing_ok=True)

    def present(self) -> set[str]:
        if not self.media_dir.exists():
            return set()
        return {entry.name for entry in os.scandir(self.media_dir) if _SHA256.match(entry.name)}

    def install(self, handle: IO[bytes], staged: Path, sha256: str) -> None:
        """Make a verified staged download visible under its hash: fsync, os.replace, fsync dir."""
        if not _SHA256.match(sha256):
            raise ValueError(f"not a sha256: {sha256!r}")
        handle.flush()
        os.fsync(handle.fileno())
        os.chmod(staged, 0o644)  # noqa: PTH101
        staged.replace(self.media_dir / sha256)
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
