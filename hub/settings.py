"""The hub's settings: where its data lives and how it serves."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class HubSettings:
    data_dir: Path
    """Holds repository/ (the signed TUF files), keys/ (online keys) and hub.db."""

    @property
    def repository_dir(self) -> Path:
        return self.data_dir / "repository"

    @property
    def keys_dir(self) -> Path:
        return self.data_dir / "keys"
