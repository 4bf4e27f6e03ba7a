"""The content staff pages and the QR page show: published catalogs, or the authoring folder.

Published catalogs are the copies the publisher keeps (`<data>/catalogs/<channel>.json`); the
QR page shows what kiosks show, so it reads those first and compiles the authoring folder only
for a channel never published. Parsed catalogs are cached until their file changes.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from catalog import Catalog, CatalogError, load
from catalog.model import Article
from hub.sourcefile import ContentError

logger = logging.getLogger(__name__)

VERSIONS_FILE = "content_versions.json"


@dataclass(frozen=True)
class ArticleText:
    channel: str
    article: Article


class ContentIndex:
    def __init__(self, content_dir: Path, data_dir: Path) -> None:
        self.content_dir = Path(content_dir)
        self.data_dir = Path(data_dir)
        self._cache: dict[str, tuple[float, Catalog | None]] = {}
        self._lock = threading.Lock()

    def published_versions(self) -> dict[str, int]:
        """{channel: latest published content_version}."""
        path = self.data_dir / VERSIONS_FILE
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError):
            return {}
        return {
            str(channel): int(entry["version"])
            for channel, entry in data.items()
            if isinstance(entry, dict) and isinstance(entry.get("version"), int)
        }

    def latest(self) -> dict[str, tuple[int, datetime | None]]:
        """{channel: (latest published content_version, when it was published)}."""
        result: dict[str, tuple[int, datetime | None]] = {}
        for channel, version in self.published_versions().items():
            copy = self.data_dir / "catalogs" / f"{channel}.json"
            stamp = _mtime(copy)
            result[channel] = (version, datetime.fromtimestamp(stamp, UTC) if stamp else None)
        return result

    def catalog(self, channel: str) -> Catalog | None:
        """The channel's published catalog, else one compiled from the authoring folder."""
        published = self.data_dir / "catalogs" / f"{channel}.json"
        if published.is_file():
            stamp = _mtime(published)
            return self._cached(channel, stamp, lambda: load(published.read_bytes()))
        if (self.content_dir / "gates.yaml").is_file():
            return self._cached(channel, self._newest_source(), lambda: self._compile(channel))
        return None

    def article(self, channel: str, article_id: str) -> Article | None:
        found = self.catalog(channel)
        if found is None:
            return None
        return next((a for a in found.articles if a.id == article_id), None)

    def channels(self) -> list[str]:
        from hub.compiler import list_channels

        try:
            return list_channels(self.content_dir)
        except ContentError:
            return sorted(p.stem for p in (self.data_dir / "catalogs").glob("*.json"))

    def articles(self, channels: Iterable[str] | None = None) -> dict[str, Article]:
        """Every article of the given channels (all when None), by id (the first channel's copy)."""
        result: dict[str, Article] = {}
        wanted = None if channels is None else set(channels)
        for channel in self.channels():
            if wanted is not None and channel not in wanted:
                continue
            found = self.catalog(channel)
            for article in found.articles if found else []:
                result.setdefault(article.id, article)
        return result

    def _compile(self, channel: str) -> Catalog | None:
        from hub.compiler import compile_channel

        return compile_channel(self.content_dir, channel).catalog

    def _cached(
        self, key: str, stamp: float, build: Callable[[], Catalog | None]
    ) -> Catalog | None:
        with self._lock:
            hit = self._cache.get(key)
            if hit and hit[0] == stamp:
                return hit[1]
        try:
            value = build()
        except (CatalogError, ContentError, OSError) as error:
            logger.warning("channel %s cannot be read: %s", key, str(error).splitlines()[0])
            return None
        with self._lock:
            self._cache[key] = (stamp, value)
        return value

    def _newest_source(self) -> float:
        """The newest change in the authoring folder (a compiled channel is rebuilt after it)."""
        return max((_mtime(p) for p in self.content_dir.rglob("*")), default=0.0)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
