"""Content database files: built whole from a catalog, checked, never changed once in place.

content.db is written once, into a new file, and then only read: the hub builds it when it
publishes (so a kiosk's first sync is a download, not an hour of CPU on a small box), and a
device builds one itself from a catalog when the hub offers none it can use. A finished file is
made the content by `os.replace` (cache.files); readers open it immutable (cache.readers).

`SCHEMA` names the layout (the content migrations, in order). A file with another layout is
not used: the device asks for the catalog instead and builds its own.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from cache import schema
from cache.errors import CacheError
from cache.handle import Handle
from cache.write import write_catalog
from catalog.model import Catalog

logger = logging.getLogger(__name__)

PAGE_SIZE = 8192
"""Bytes per database page. Translation rows are about 1 kB, so 4 kB pages were a fifth empty."""

SCHEMA = "content-db/" + "+".join(schema.migrations.names)
"""The layout of a content database, as the hub announces it and the device expects it."""


class ContentDatabaseError(CacheError):
    """A content database file is damaged, has another layout, or holds the wrong content."""


@dataclass(frozen=True)
class DatabaseInfo:
    channel: str
    content_version: int
    asset_ids: frozenset[str]


def build_database(path: Path, catalog: Catalog | None) -> None:
    """Write a content database for `catalog` (or an empty one) into the new file `path`.

    No journal and no syncs: the file is a draft until the caller syncs it and moves it into
    place, and a power cut before then leaves only a draft to delete.
    """
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        db = Handle(conn)
        if conn.execute("PRAGMA page_count").fetchone()[0]:
            raise ContentDatabaseError(f"{path} is not a new file")
        conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN")
        schema.migrations.apply(db.database)
        if catalog is not None:
            write_catalog(db, catalog)
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()


def compact(source: Path, target: Path) -> None:
    """Copy `source` into the new file `target` with no free pages (the hub ships the copy)."""
    conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        conn.execute("VACUUM INTO ?", [str(target)])
    finally:
        conn.close()


def connect_immutable(path: Path) -> sqlite3.Connection:
    """A read-only connection to a file nobody changes in place: no locks, no journal reads."""
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def inspect_database(path: Path) -> DatabaseInfo:
    """What the content database at `path` holds, once SQLite finds it sound and of our layout."""
    try:
        conn = connect_immutable(path)
    except sqlite3.Error as error:
        raise ContentDatabaseError(f"cannot open the content database: {error}") from error
    try:
        return _inspect(conn)
    except sqlite3.Error as error:
        raise ContentDatabaseError(f"the content database is unreadable: {error}") from error
    finally:
        conn.close()


def _inspect(conn: sqlite3.Connection) -> DatabaseInfo:
    problems = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
    if problems != ["ok"]:
        raise ContentDatabaseError(f"the content database is damaged: {'; '.join(problems[:3])}")
    pending = schema.migrations.pending(conn)
    unknown = set(schema.migrations.applied(conn)) - set(schema.migrations.names)
    if pending or unknown:
        raise ContentDatabaseError(
            f"the content database has another layout (missing {sorted(pending)}, "
            f"unknown {sorted(unknown)})"
        )
    row = conn.execute("SELECT channel, content_version FROM catalog_meta WHERE id = 1").fetchone()
    if row is None:
        raise ContentDatabaseError("the content database holds no catalog")
    assets = conn.execute(schema.ASSET_IDS_SQL).fetchall()
    return DatabaseInfo(str(row[0]), int(row[1]), frozenset(str(a[0]) for a in assets))
