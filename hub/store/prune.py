"""Removing what no kiosk can still ask for: old versioned metadata and unreferenced target files.

Always kept:
- every root version (kiosks walk them one by one to follow key rotations), root.json and
  timestamp.json;
- the snapshot the current timestamp names, and the `keep` snapshots before it;
- every metadata version those snapshots name (targets), and every target file those name.

Everything else under metadata/ named `<version>.<role>.json` (older than the newest kept
version of its role) and under targets/ named `<sha256>.<name>` is removed. A kiosk midway
through a refresh that started on one of the kept snapshots still finds all it needs. The
repository lock keeps a publish and a prune from running at once.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from tuf.api.metadata import Metadata, Snapshot, Targets

from hub.lock import repository_lock
from hub.publishing.repository import Repository, RepositoryError

logger = logging.getLogger(__name__)

_VERSIONED = re.compile(r"^(?P<version>[0-9]+)\.(?P<role>.+)\.json$")
_HASHED = re.compile(r"^[0-9a-f]{64}\.")


@dataclass
class PruneReport:
    kept_snapshots: list[int]
    removed: list[Path] = field(default_factory=list)
    bytes_freed: int = 0


def prune(repository: Repository, keep: int, *, dry_run: bool = False) -> PruneReport:
    """Remove old metadata and target files, keeping the current state and `keep` before it."""
    if keep < 0:
        raise ValueError("keep must be 0 or more")
    with repository_lock(repository.repo_dir.parent):
        kept_metadata, kept_targets, snapshots = _kept(repository, keep)
        report = PruneReport(snapshots)
        newest = _newest_versions(kept_metadata)
        for path in sorted(repository.metadata_dir.iterdir()):
            match = _VERSIONED.match(path.name)
            if match is None or match["role"] == "root" or path.name in kept_metadata:
                continue
            if int(match["version"]) < newest.get(match["role"], 0):
                _remove(path, report, dry_run)
        for folder, _, names in os.walk(repository.targets_dir):
            for name in sorted(names):
                path = Path(folder) / name
                relative = path.relative_to(repository.targets_dir).as_posix()
                if _HASHED.match(name) and relative not in kept_targets:
                    _remove(path, report, dry_run)
        if not dry_run:
            _remove_empty_folders(repository.targets_dir)
    logger.info(
        "%s %d files (%d bytes); kept snapshots %s",
        "would remove" if dry_run else "removed",
        len(report.removed),
        report.bytes_freed,
        snapshots,
    )
    return report


def _kept(repository: Repository, keep: int) -> tuple[set[str], set[str], list[int]]:
    """Metadata file names and target paths the kept snapshots reach, and those snapshots."""
    current = repository.timestamp().signed.snapshot_meta.version
    metadata: set[str] = set()
    targets: set[str] = set()
    snapshots = []
    for version in range(current, max(0, current - keep - 1), -1):
        name = f"{version}.snapshot.json"
        try:
            snapshot: Metadata[Snapshot] = Metadata.from_file(str(repository.metadata_dir / name))
        except FileNotFoundError:
            if version == current:
                raise RepositoryError(f"the current snapshot {name} is missing") from None
            continue  # pruned before
        snapshots.append(version)
        metadata.add(name)
        for role_file, meta in snapshot.signed.meta.items():
            role_name = f"{meta.version}.{role_file}"
            metadata.add(role_name)
            try:
                role: Metadata[Targets] = Metadata.from_file(
                    str(repository.metadata_dir / role_name)
                )
            except FileNotFoundError:
                if version == current:
                    raise RepositoryError(f"the current {role_name} is missing") from None
                continue
            targets.update(_target_files(role.signed))
    return metadata, targets, snapshots


def _target_files(targets: Targets) -> set[str]:
    """Where each target of a targets role is stored: `<dir>/<hash>.<name>` for every hash."""
    files: set[str] = set()
    for path, info in targets.targets.items():
        folder, sep, name = path.rpartition("/")
        files.update(f"{folder}{sep}{digest}.{name}" for digest in info.hashes.values())
    return files


def _newest_versions(names: set[str]) -> dict[str, int]:
    newest: dict[str, int] = {}
    for name in names:
        match = _VERSIONED.match(name)
        if match is not None:
            role, version = match["role"], int(match["version"])
            newest[role] = max(newest.get(role, 0), version)
    return newest


def _remove(path: Path, report: PruneReport, dry_run: bool) -> None:
    report.bytes_freed += path.stat().st_size
    report.removed.append(path)
    if not dry_run:
        path.unlink()


def _remove_empty_folders(top: Path) -> None:
    for folder, _, _ in os.walk(top, topdown=False):
        path = Path(folder)
        if path != top and not any(path.iterdir()):
            path.rmdir()
