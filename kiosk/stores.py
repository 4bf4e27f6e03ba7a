"""Opening the device's SQLite files through the cache package."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from catalog import Catalog, load
from kiosk.config import KioskConfig

logger = logging.getLogger(__name__)


def embedded_loader(path: Path | None) -> Any:
    """A callable returning the embedded catalog, or None when there is none."""
    if path is None:
        return None

    def load_embedded() -> Catalog:
        return load(path.read_bytes())

    return load_embedded


def open_stores(config: KioskConfig) -> tuple[Any, Any]:
    """(ContentStore, StateStore). A missing or corrupt content.db is rebuilt from the embedded
    catalog, so the kiosk starts whatever state the last power cut left."""
    from cache import StateStore, open_content

    config.data_dir.mkdir(parents=True, exist_ok=True)
    state = StateStore(config.state_path)
    content = open_content(config.content_path, state, embedded_loader(config.embedded_catalog))
    return content, state
