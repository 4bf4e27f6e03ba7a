"""Publishing: every gate channel's catalog and its assets, signed into the TUF repository.

Target paths are `channels/<channel>/catalog.json`, the channel's packaged content database and
its asset list (`channels/<channel>/content.db.zst`, `channels/<channel>/assets.json`, see
hub.publishing.package), patches from the last few databases (`channels/<channel>/patches/`,
see hub.publishing.delta) and `assets/<sha256>`. Each channel's
`content_version` goes up by one on every publish that changes the channel's catalog; the
counter lives in the hub's data folder (content_versions.json) and never goes down.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import catalog
from catalog import Catalog
from catalog.targets import asset_target, catalog_target, database_target, manifest_target
from hub.lock import repository_lock
from hub.publishing.delta import channel_patches
from hub.publishing.keys import KeyStore
from hub.publishing.package import package_channel
from hub.publishing.repository import Repository, TargetSource, write_atomic

logger = logging.getLogger(__name__)

VERSIONS_FILE = "content_versions.json"
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


class PublishError(Exception):
    """Publishing stopped before the timestamp was signed; kiosks still see the previous state."""


@dataclass(frozen=True)
class ChannelContent:
    """One channel ready to publish: its catalog and the files behind its assets (sha256 -> path)."""

    catalog: Catalog
    asset_files: dict[str, Path] = field(default_factory=dict)


@dataclass(frozen=True)
class PublishReport:
    changed_channels: list[str]
    content_versions: dict[str, int]
    signed: bool


def repository_for(data_dir: Path, keys: KeyStore) -> Repository:
    return Repository(data_dir / "repository", keys)


def publish_content(content_dir: Path, data_dir: Path, keys: KeyStore) -> PublishReport:
    """Compile every channel in the authoring folder and publish them all."""
    from hub.compiler import compile_channel, list_channels

    versions = _load_versions(data_dir)
    channels = []
    for channel in list_channels(content_dir):
        next_version = versions.get(channel, {}).get("version", 0) + 1
        compiled = compile_channel(content_dir, channel, next_version)
        channels.append(ChannelContent(compiled.catalog, dict(compiled.asset_files)))
    return publish_channels(channels, data_dir, keys)


def publish_channels(
    channels: list[ChannelContent], data_dir: Path, keys: KeyStore, *, force: bool = False
) -> PublishReport:
    """Assign content versions, then sign the complete target set (content first, timestamp last)."""
    with repository_lock(data_dir):
        return publish_locked(channels, data_dir, keys, force)


def publish_locked(
    channels: list[ChannelContent], data_dir: Path, keys: KeyStore, force: bool = False
) -> PublishReport:
    """publish_channels for a caller that already holds the repository lock."""
    repository = repository_for(data_dir, keys)
    versions = _load_versions(data_dir)
    files: dict[str, TargetSource] = {}
    changed = []
    for content in channels:
        channel = content.catalog.channel
        record = versions.get(channel, {})
        fingerprint = _fingerprint(content.catalog)
        version = record.get("version", 0)
        if fingerprint != record.get("fingerprint"):
            version += 1
            changed.append(channel)
            versions[channel] = {"version": version, "fingerprint": fingerprint}
            document = catalog.dump(content.catalog.model_copy(update={"content_version": version}))
            write_atomic(catalog_copy(data_dir, channel), document)
        document = catalog_copy(data_dir, channel).read_bytes()
        files[catalog_target(channel)] = TargetSource(data=document)
        package = package_channel(data_dir, channel, document)
        files[database_target(channel)] = TargetSource(path=package.database, custom=package.custom)
        files[manifest_target(channel)] = TargetSource(data=package.manifest)
        files.update(channel_patches(data_dir, channel, package))
        for asset in content.catalog.assets:
            source = content.asset_files.get(asset.sha256)
            if source is None:
                raise PublishError(f"{channel}: no file for asset {asset.sha256}")
            files[asset_target(asset.sha256)] = TargetSource(path=source, sha256=asset.sha256)
    # the counter is saved before signing, so a number is never handed out twice
    write_atomic(data_dir / VERSIONS_FILE, json.dumps(versions, indent=1, sort_keys=True).encode())
    signed = repository.publish(files, force=force)
    for channel in changed:
        logger.info("%s: content version %d", channel, versions[channel]["version"])
    return PublishReport(
        changed_channels=changed,
        content_versions={
            c.catalog.channel: versions[c.catalog.channel]["version"] for c in channels
        },
        signed=signed,
    )


def _fingerprint(document: Catalog) -> str:
    """The catalog's hash, ignoring the fields a publish sets (content_version, generated_at)."""
    neutral = document.model_copy(update={"content_version": 1, "generated_at": _EPOCH})
    return hashlib.sha256(catalog.dump(neutral)).hexdigest()


def catalog_copy(data_dir: Path, channel: str) -> Path:
    """The last published catalog of `channel` (with its content version), kept by the hub."""
    return data_dir / "catalogs" / f"{channel}.json"


def _load_versions(data_dir: Path) -> dict[str, dict]:
    path = data_dir / VERSIONS_FILE
    if not path.exists():
        return {}
    return json.loads(path.read_text())
