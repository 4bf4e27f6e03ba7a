"""The content cache in content.db: what the kiosk shows, replaced whole by the sync daemon.

Readers see one committed catalog at a time: `replace_content` swaps everything in one
transaction, and each read method (cache.reads) runs against one snapshot, so a screen never
mixes versions. `snapshot()` holds one version for as long as a reader needs it (a traveller's
session), whatever the sync daemon applies meanwhile.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from cache import schema
from cache.connection import (
    Connections,
    read_snapshot,
    shrink_log,
    storage_errors,
    write_transaction,
)
from cache.errors import VersionRollbackError
from cache.reads import ContentReads, stored_content
from cache.snapshot import ContentSnapshot
from cache.state import StateStore
from cache.write import write_catalog
from catalog.model import Catalog

if TYPE_CHECKING:
    from cache.handle import Handle

logger = logging.getLogger(__name__)

__all__ = ["ContentStore", "stored_content"]


class ContentStore(ContentReads):
    """Read and replace the cached catalog. Safe to use from several threads and processes."""

    def __init__(self, path: Path | str, state: StateStore) -> None:
        self._connections = Connections(path, schema.migrations)
        self._state = state

    @property
    def path(self) -> Path:
        return self._connections.path

    def close(self) -> None:
        self._connections.close()

    def replace_content(
        self, catalog: Catalog, before_commit: Callable[[], object] | None = None
    ) -> None:
        """Make `catalog` the content, all or nothing; refuse versions older than ever applied.

        `before_commit` runs inside the transaction once the rows are written (the sync daemon
        waits there for the catalog's images); if it raises, nothing changes. File-system
        errors from it come out as CacheError, like the cache's own; others unchanged.
        """
        mark = max(self._state.high_water_mark(), self.content_version() or 0)
        if catalog.content_version < mark:
            raise VersionRollbackError(catalog.content_version, mark)
        self._write(catalog, before_commit)
        self._state.raise_high_water_mark(catalog.content_version)

    def _write(self, catalog: Catalog, before_commit: Callable[[], object] | None = None) -> None:
        """Replace the content without the version check (open_content uses it for the embedded
        catalog, which ships with the software and is trusted whatever its version)."""
        what = f"cannot store content version {catalog.content_version}"
        with storage_errors(what), write_transaction(self._db()) as db:
            write_catalog(db, catalog)
            if before_commit is not None:
                before_commit()
        shrink_log(self._db())
        logger.info(
            "content version %s stored: %d articles", catalog.content_version, len(catalog.articles)
        )

    def snapshot(self) -> ContentSnapshot:
        """Reads pinned to the content version committed now, until the snapshot is closed.

        It holds a read transaction on its own connection: the sync daemon can still apply new
        content (WAL mode), but cannot shrink the write-ahead log past it, so close it as soon
        as the reader is done (the kiosk: at the end of a traveller's session).
        """
        db = self._connections.connect()
        try:
            with storage_errors("cannot pin the content version"):
                db.conn.execute("BEGIN")
                db.execute("SELECT content_version FROM catalog_meta WHERE id = 1").fetchone()
        except BaseException:
            self._connections.release(db)
            raise
        return ContentSnapshot(db, self._connections.release)

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
        """One read snapshot; storage failures come out as CacheError."""
        with storage_errors("cannot read content"), read_snapshot(self._db()) as db:
            yield db

    def _db(self) -> Handle:
        return self._connections.db()
