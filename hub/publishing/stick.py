"""An update on a USB stick: a copy of the signed repository as one channel's kiosks need it.

`python -m hub export-update --channel C --out DIR [--from-version N]` writes `DIR/tuf/metadata`
(every root version, the current timestamp, snapshot and targets roles) and `DIR/tuf/targets`
(the channel's catalog, database, asset list, patches and images), laid out exactly as the hub
serves them, so a kiosk reads the stick through the same TUF client and checks as the network.
With `--from-version N` only the patch from version N goes instead of the whole database
(a kiosk holding another version then refuses the stick and keeps its content).
`DIR/stick.json` says, unsigned, which channel and version the stick carries, so a kiosk of
another channel can say so before anything else; everything that matters is signed.
"""

from __future__ import annotations

import json
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from catalog.targets import (
    asset_target,
    catalog_target,
    database_target,
    manifest_target,
    patch_prefix,
    patch_target,
)
from hub.lock import repository_lock
from hub.publishing.repository import Repository, RepositoryError

logger = logging.getLogger(__name__)

STICK_FILE = "stick.json"


class ExportError(RepositoryError):
    """The update cannot be written (unknown channel, no such patch, no room)."""


@dataclass(frozen=True)
class ExportReport:
    channel: str
    content_version: int
    files: int
    bytes: int


def export_update(
    repository: Repository, data_dir: Path, channel: str, out: Path, from_version: int | None = None
) -> ExportReport:
    """Copy the channel's signed state into `out` (see the module's docstring)."""
    with repository_lock(data_dir):
        targets = repository.content_targets().signed.targets
        database = targets.get(database_target(channel))
        if catalog_target(channel) not in targets or database is None:
            raise ExportError(f"the hub publishes no channel {channel!r}")
        version = int(database.custom["content_version"])
        wanted = [catalog_target(channel), manifest_target(channel)]
        if from_version is None:
            wanted.append(database_target(channel))
            wanted += [path for path in targets if path.startswith(patch_prefix(channel))]
        elif patch_target(channel, from_version) in targets:
            wanted.append(patch_target(channel, from_version))
        else:
            raise ExportError(f"{channel}: no patch from version {from_version}; export it whole")
        manifest = _stored(repository, manifest_target(channel), targets)
        wanted += [asset_target(sha) for sha in json.loads(manifest.read_bytes())]
        staging = out / "tuf.partial"
        shutil.rmtree(staging, ignore_errors=True)
        copied = _copy_metadata(repository, staging / "metadata")
        for path in wanted:
            source = _stored(repository, path, targets)
            copied += _copy(
                source, staging / "targets" / source.relative_to(repository.targets_dir)
            )
        shutil.rmtree(out / "tuf", ignore_errors=True)
        staging.replace(out / "tuf")
        described = {"channel": channel, "content_version": version, "from_version": from_version}
        (out / STICK_FILE).write_text(json.dumps(described))
    logger.info("%s: content version %d exported to %s (%d bytes)", channel, version, out, copied)
    return ExportReport(channel, version, len(wanted), copied)


def _copy_metadata(repository: Repository, folder: Path) -> int:
    snapshot = repository.timestamp().signed.snapshot_meta.version
    names = ["timestamp.json", f"{snapshot}.snapshot.json"]
    names += [p.name for p in repository.metadata_dir.glob("*.root.json")]
    for role, meta in repository.snapshot().signed.meta.items():
        names.append(f"{meta.version}.{role}")
    return sum(_copy(repository.metadata_dir / name, folder / name) for name in names)


def _stored(repository: Repository, target: str, targets: dict) -> Path:
    folder, _, name = target.rpartition("/")
    return repository.targets_dir / folder / f"{targets[target].hashes['sha256']}.{name}"


def _copy(source: Path, target: Path) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        shutil.copyfile(source, target)
    except FileNotFoundError as error:
        raise ExportError(f"the repository lacks {source.name}: {error}") from error
    return target.stat().st_size
