"""The kiosk's view of the content cache: which version is on screen, and whether a newer one
has been applied by the sync process (the app swaps it in only at the attract screen)."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from kiosk.i18n import UI_LANGUAGES

logger = logging.getLogger(__name__)

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class ContentWatch:
    def __init__(self, store: Any, media_dir: Path | None = None) -> None:
        self.store = store
        self.media_dir = media_dir
        self.meta: Any = None
        self.shown_version: int | None = None

    def accept(self) -> None:
        """Show what the store holds now."""
        self.meta = self.store.catalog_meta()
        self.shown_version = self.meta.content_version

    def changed(self) -> bool:
        try:
            return self.store.content_version() != self.shown_version
        except Exception:
            logger.exception("cannot read the content version")
            return False

    def language_codes(self) -> list[str]:
        if self.meta is None:
            return ["en"]
        codes = [offer.code for offer in self.meta.languages if offer.code in UI_LANGUAGES]
        return codes or ["en"]

    def default_language(self) -> str:
        return self.language_codes()[0]

    def fallback_chain(self, lang: str) -> list[str]:
        if self.meta is None:
            return []
        offer = next((o for o in self.meta.languages if o.code == lang), None)
        return list(offer.fallback) if offer else []

    def media_path(self, sha256: str | None) -> str:
        """The picture's file when it is on this device, else ""."""
        if not sha256 or self.media_dir is None or not _SHA256.match(sha256):
            return ""
        path = self.media_dir / sha256
        return str(path) if path.is_file() else ""
