"""Opening content.db whatever state the last power cut or full disk left it in.

content.db is rebuildable: when it is missing, empty or damaged, the damaged file is moved aside
(one copy is kept, for a technician) and the content is rebuilt from the catalog embedded in the
software. A file of an older layout (from before a software update) is rebuilt the same way,
and the next sync brings the newest content again. The high-water mark in usage.db is
reconciled with whatever content survives.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

from cache import schema
from cache.content import ContentStore
from cache.errors import CacheError
from cache.state import StateStore
from catalog import Catalog, CatalogError

logger = logging.getLogger(__name__)

DAMAGED_SUFFIX = ".damaged"


def open_content(
    path: Path | str, state: StateStore, embedded: Callable[[], Catalog] | None = None
) -> ContentStore:
    """Open content.db, rebuilding it from `embedded()` when it is missing, empty or damaged."""
    path = Path(path)
    problem, outdated = _examine(path)
    if problem is not None:
        logger.error("%s is damaged (%s); moving it aside and rebuilding", path, problem)
        move_aside(path)
    elif outdated:
        logger.warning("%s has an older layout; rebuilding it", path)
        _remove(path)
    store = ContentStore(path, state)
    version = store.content_version()
    if version is not None:
        state.raise_high_water_mark(version)
    elif embedded is not None:
        _rebuild(store, state, embedded)
    return store


def damage(path: Path) -> str | None:
    """What is wrong with the database at `path`, or None when it is sound, empty or missing."""
    return _examine(path)[0]


def _examine(path: Path) -> tuple[str | None, bool]:
    """(what is damaged or None, whether it is of another layout), over one connection.

    Another layout: other migrations, or still in write-ahead-log mode (content.db used to
    change in place). A missing or empty file is neither.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None, False
    try:
        conn = sqlite3.connect(path, timeout=5)
    except sqlite3.Error as error:
        return str(error), False
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
        if rows != [("ok",)]:
            return "; ".join(str(row[0]) for row in rows[:5]), False
        wal = conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        known = schema.migrations.applied(conn)
    except sqlite3.Error as error:
        return str(error), False
    finally:
        conn.close()
    return None, wal or known != schema.migrations.names


def _remove(path: Path) -> None:
    try:
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    except OSError as error:
        raise CacheError(f"cannot remove outdated {path.name}: {error}") from error


def move_aside(path: Path) -> None:
    """Keep the damaged file (and its log) as `<name>.damaged` for a technician; drop the rest."""
    try:
        path.replace(path.with_name(path.name + DAMAGED_SUFFIX))
        for suffix in ("-wal", "-shm"):
            companion = path.with_name(path.name + suffix)
            if suffix == "-wal" and companion.exists():
                companion.replace(path.with_name(path.name + DAMAGED_SUFFIX + suffix))
            else:
                companion.unlink(missing_ok=True)
    except OSError as error:
        raise CacheError(f"cannot move damaged {path.name} aside: {error}") from error


def _rebuild(store: ContentStore, state: StateStore, embedded: Callable[[], Catalog]) -> None:
    try:
        catalog = embedded()
    except (CatalogError, OSError) as error:
        logger.error("embedded catalog unusable, content stays empty: %s", error)
        return
    store._write(catalog)
    state.raise_high_water_mark(catalog.content_version)
    logger.info("content rebuilt from the embedded catalog, version %s", catalog.content_version)
