"""One backup archive of a hub's data folder and its database.

SQLite databases (the embedded default) are copied with SQLite's online backup, so a running
hub keeps serving and the copy is consistent; a PostgreSQL database (HUB_DATABASE_URL) goes in
as one pg_dump snapshot (hub.backup.postgres); the signed repository is copied under the repository lock, so no publish
lands halfway. Left out, and named in the manifest: keys/ (signing keys, kept offline or in
their own safe place), the staff session secret (restored hubs make a new one: staff log in
again), lock files and SQLite's journal files.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import shutil
import sqlite3
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from hub.backup import postgres
from hub.lock import LOCK_FILE, repository_lock
from hub.staff.context import SECRET_FILE
from hub.store import backend

logger = logging.getLogger(__name__)

FORMAT = 1
MANIFEST = "manifest.json"
EXCLUDED = ("keys/", SECRET_FILE, LOCK_FILE)
"""What a backup never holds (also said in its manifest)."""
JOURNALS = ("-wal", "-shm", "-journal")
CHUNK = 1 << 20


class BackupError(Exception):
    """A backup that cannot be written or restored; the message says why and what to do."""


@dataclass(frozen=True)
class BackupSummary:
    archive: Path
    files: int
    size: int


def create_backup(data_dir: Path, archive: Path) -> BackupSummary:
    """Write `archive` (a .tar.gz) from the hub data folder `data_dir`, atomically."""
    if not data_dir.is_dir():
        raise BackupError(f"{data_dir} is not a hub data folder")
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hub-backup-", dir=archive.parent) as work:
        staging = Path(work) / "data"
        with repository_lock(data_dir):
            _copy_folder(data_dir, staging)
        database = backend.route(data_dir / "hub.db")
        if backend.is_postgresql(database):
            _translated(postgres.dump, str(database), staging / postgres.DUMP)
        manifest = _manifest(staging)
        partial = Path(work) / "backup.tar.gz"
        with tarfile.open(partial, "w:gz") as tar:
            for relative in sorted(manifest["files"]):
                tar.add(staging / relative, arcname=relative, recursive=False)
            body = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
        partial.replace(archive)
    size = sum(f["size"] for f in manifest["files"].values())
    logger.info("backup of %s written to %s (%d files)", data_dir, archive, len(manifest["files"]))
    return BackupSummary(archive, len(manifest["files"]), size)


def restore_backup(archive: Path, data_dir: Path) -> BackupSummary:
    """Unpack `archive` into `data_dir`, which must be missing or empty; every file is checked
    against the manifest before the folder appears under its name."""
    if data_dir.exists() and any(data_dir.iterdir()):
        raise BackupError(f"{data_dir} is not empty: restore into an empty folder")
    if not archive.is_file():
        raise BackupError(f"{archive} does not exist")
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hub-restore-", dir=data_dir.parent) as work:
        staging = Path(work) / "data"
        try:
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(staging, filter="data")
        except (tarfile.TarError, OSError, EOFError) as error:
            raise BackupError(f"{archive} is not a readable hub backup: {error}") from error
        manifest = _read_manifest(staging)
        _check(staging, manifest)
        (staging / MANIFEST).unlink()
        _restore_database(staging, data_dir)
        if data_dir.exists():
            data_dir.rmdir()
        staging.replace(data_dir)
    size = sum(f["size"] for f in manifest["files"].values())
    logger.info("backup %s restored into %s", archive, data_dir)
    return BackupSummary(archive, len(manifest["files"]), size)


def _restore_database(staging: Path, data_dir: Path) -> None:
    """Load the backup's PostgreSQL dump into the hub's database; a backup and a hub on
    different databases are refused before anything is written."""
    dump = staging / postgres.DUMP
    database = backend.route(data_dir / "hub.db")
    if dump.exists() != backend.is_postgresql(database):
        held = "PostgreSQL" if dump.exists() else "SQLite"
        raise BackupError(
            f"the backup holds a {held} database and this hub uses the other kind: set (or"
            f" unset) {backend.DATABASE_URL_ENV} to match the hub the backup came from"
        )
    if dump.exists():
        _translated(postgres.restore, str(database), dump)
        dump.unlink()


def _translated(step: Callable[[str, Path], None], url: str, path: Path) -> None:
    try:
        step(url, path)
    except postgres.DatabaseBackupError as error:
        raise BackupError(str(error)) from error


def _copy_folder(source: Path, target: Path) -> None:
    for path in _kept(source):
        relative = path.relative_to(source)
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        if _is_database(path):
            _copy_database(path, destination)
        else:
            shutil.copy2(path, destination)


def _kept(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if not path.is_file() or path.is_symlink():
            continue
        if any(relative == x or relative.startswith(x) for x in EXCLUDED):
            continue
        if relative.endswith(JOURNALS):
            continue
        yield path


def _is_database(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(16) == b"SQLite format 3\x00"


def _copy_database(path: Path, destination: Path) -> None:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    copy = sqlite3.connect(destination)
    try:
        source.backup(copy)
    except sqlite3.Error as error:
        raise BackupError(f"cannot read the database {path.name}: {error}") from error
    finally:
        copy.close()
        source.close()


def _manifest(staging: Path) -> dict[str, object]:
    files = {
        path.relative_to(staging).as_posix(): {"sha256": _sha256(path), "size": path.stat().st_size}
        for path in sorted(staging.rglob("*"))
        if path.is_file()
    }
    return {
        "format": FORMAT,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "excluded": list(EXCLUDED),
        "files": files,
    }


def _read_manifest(staging: Path) -> dict[str, dict[str, dict[str, object]]]:
    try:
        manifest = json.loads((staging / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"the backup has no readable {MANIFEST}: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"the backup's format is not {FORMAT}: made by another hub version")
    return manifest


def _check(staging: Path, manifest: dict[str, dict[str, dict[str, object]]]) -> None:
    listed = manifest.get("files")
    if not isinstance(listed, dict):
        raise BackupError("the backup's manifest lists no files")
    present = {p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file()}
    present.discard(MANIFEST)
    if present != set(listed):
        extra, missing = sorted(present - set(listed)), sorted(set(listed) - present)
        raise BackupError(
            f"the backup does not match its manifest: extra {extra}, missing {missing}"
        )
    for relative, expected in listed.items():
        if _sha256(staging / relative) != expected.get("sha256"):
            raise BackupError(f"{relative} in the backup is damaged (its hash does not match)")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
