"""The kiosk's view of the content cache: which version is on screen, whether a newer one has
been applied by the sync process, and the version a traveller's session reads.

A session reads one content version from its first touch to its end: `begin_session` pins the
cache's current version (a ContentSnapshot) and screens read through `reader`. The sync process
may apply new content meanwhile; the kiosk takes it (`accept`) only at the attract screen.
"""

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
        """The live cache (a cache.ContentStore): what sync applied last."""
        self.media_dir = media_dir
        self.meta: Any = None
        self.shown_version: int | None = None
        self._pinned: Any = None

    @property
    def reader(self) -> Any:
        """Where screens read content: the session's pinned version, else the live cache."""
        return self._pinned if self._pinned is not None else self.store

    @property
    def pinned(self) -> bool:
        return self._pinned is not None

    def accept(self) -> None:
        """Show what the cache holds now (only ever at the attract screen, between sessions)."""
        self.end_session()
        self.meta = self.store.catalog_meta()
        self.shown_version = self.meta.content_version if self.meta is not None else None

    def begin_session(self) -> bool:
        """Pin the content version for a traveller's session.

        Returns True when the pinned version is newer than the one shown (sync applied it after
        the kiosk last looked): it is taken now, at the session's first touch, and the caller
        redraws what shows the catalog's settings (gate name, languages).
        """
        if self._pinned is not None:
            return False
        try:
            self._pinned = self.store.snapshot()
            meta = self._pinned.catalog_meta()
        except Exception:
            logger.exception("cannot pin the content version; this session reads it live")
            self.end_session()
            return False
        if meta is None or meta.content_version == self.shown_version:
            return False
        logger.info("content version %s taken at the start of a session", meta.content_version)
        self.meta, self.shown_version = meta, meta.content_version
        return True

    def end_session(self) -> None:
        pinned, self._pinned = self._pinned, None
        if pinned is not None:
            pinned.close()

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
