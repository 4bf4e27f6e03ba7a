"""The content cache in content.db: what the kiosk shows, replaced whole by the sync daemon.

content.db is never changed in place. New content is a whole new file: one the hub built and
signed (`install`), or one built here from a catalog (`replace_content`). It replaces the old
file in one atomic rename, so readers see one complete version or the other, and a power cut at
any moment leaves one of them. Readers open the file immutable; each read method (cache.reads)
sees the file that was in place when it began, and `snapshot()` holds one file for as long as a
reader needs it (a traveller's session), whatever the sync daemon installs meanwhile.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from cache import drafts
from cache.connection import storage_errors
from cache.database import DatabaseInfo, build_database, inspect_database
from cache.errors import VersionRollbackError
from cache.readers import FileReaders
from cache.reads import ContentReads, stored_content
from cache.snapshot import ContentSnapshot
from cache.state import StateStore
from catalog.model import Catalog

if TYPE_CHECKING:
    from cache.handle import Handle

logger = logging.getLogger(__name__)

__all__ = ["ContentStore", "stored_content"]


class ContentStore(ContentReads):
    """Read and replace the cached catalog. Safe to use from several threads and processes."""

    def __init__(self, path: Path | str, state: StateStore) -> None:
        self._readers = FileReaders(Path(path))
        self._state = state
        if _empty(self.path):
            with storage_errors(f"cannot create {self.path}"), drafts.draft(self.path) as draft:
                build_database(draft, None)
                if _empty(self.path):  # another process may have been quicker
                    drafts.install(draft, self.path)
        self.content_version()  # a file that is no SQLite database fails here, as CacheError

    @property
    def path(self) -> Path:
        return self._readers.path

    def close(self) -> None:
        self._readers.close()

    def replace_content(
        self, catalog: Catalog, before_commit: Callable[[], object] | None = None
    ) -> None:
        """Make `catalog` the content, all or nothing; refuse versions older than ever applied.

        `before_commit` runs once the new file is written, before it replaces the old one (the
        sync daemon waits there for the catalog's images); if it raises, nothing changes.
        File-system errors from it come out as CacheError, like the cache's own; others
        unchanged.
        """
        self._check_version(catalog.content_version)
        self._write(catalog, before_commit)
        self._state.raise_high_water_mark(catalog.content_version)

    def install(
        self,
        database: Path,
        *,
        check: Callable[[DatabaseInfo], object] | None = None,
        before_commit: Callable[[], object] | None = None,
    ) -> DatabaseInfo:
        """Make the finished content database at `database` (a draft from `draft()`) the content.

        It must be sound, of this software's layout, pass `check` and not be older than any
        version applied; otherwise ContentDatabaseError, VersionRollbackError or what `check`
        raised, and nothing changes.
        """
        info = inspect_database(database)
        if check is not None:
            check(info)
        self._check_version(info.content_version)
        with storage_errors(f"cannot store content version {info.content_version}"):
            if before_commit is not None:
                before_commit()
            drafts.install(database, self.path)
        self._state.raise_high_water_mark(info.content_version)
        logger.info("content version %s installed", info.content_version)
        return info

    @contextmanager
    def draft(self) -> Iterator[Path]:
        """A new file beside content.db for `install` to take; deleted if it is not installed."""
        with storage_errors("cannot make a draft of content.db"), drafts.draft(self.path) as path:
            yield path

    def remove_abandoned_drafts(self) -> int:
        """Delete drafts a power cut or a killed process left beside content.db."""
        with storage_errors("cannot clean up beside content.db"):
            return drafts.remove_abandoned(self.path)

    def _check_version(self, version: int) -> None:
        mark = max(self._state.high_water_mark(), self.content_version() or 0)
        if version < mark:
            raise VersionRollbackError(version, mark)

    def _write(self, catalog: Catalog, before_commit: Callable[[], object] | None = None) -> None:
        """Replace the content without the version check (open_content uses it for the embedded
        catalog, which ships with the software and is trusted whatever its version)."""
        what = f"cannot store content version {catalog.content_version}"
        with storage_errors(what), drafts.draft(self.path) as draft:
            build_database(draft, catalog)
            if before_commit is not None:
                before_commit()
            drafts.install(draft, self.path)
        logger.info(
            "content version %s stored: %d articles", catalog.content_version, len(catalog.articles)
        )

    def snapshot(self) -> ContentSnapshot:
        """Reads pinned to the content version in place now, until the snapshot is closed.

        It keeps the file it opened: new content installed meanwhile is not seen, and the old
        file's disk space is freed when the snapshot closes (the kiosk: at the end of a
        traveller's session).
        """
        with storage_errors("cannot pin the content version"):
            db = self._readers.connect()
        return ContentSnapshot(db, self._readers.release)

    def integrity_ok(self) -> bool:
        """True when SQLite finds nothing wrong with content.db."""
        try:
            rows = self._db().execute("PRAGMA integrity_check").fetchall()
        except Exception:  # a damaged file can fail in many ways; all of them mean "not ok"
            logger.exception("integrity check of %s failed", self.path)
            return False
        return rows == [("ok",)]

    @contextmanager
    def _reading(self) -> Iterator[Handle]:
        """The file in place now; storage failures come out as CacheError."""
        with storage_errors("cannot read content"):
            yield self._db()

    def _db(self) -> Handle:
        return self._readers.db()


def _empty(path: Path) -> bool:
    try:
        return path.stat().st_size == 0
    except FileNotFoundError:
        return True
