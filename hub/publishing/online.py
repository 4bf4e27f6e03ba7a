"""One click: publish one channel's approved catalog with the keys the hub holds.

The content desk calls `publish_channel_online` with a validated catalog. The channel's files
are signed by the delegated role (hub.publishing.delegation) together with every other channel
as last published, then a snapshot and the timestamp: root and the top-level targets key stay
offline. Without a delegation it publishes only where the top-level keys are on the hub (a
demo or test hub); elsewhere the hub holds no key kiosks would accept for content, and it refuses.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import catalog
from catalog import Catalog
from catalog.targets import asset_target
from hub.lock import repository_lock
from hub.publishing.keys import KeyStore
from hub.publishing.publish import (
    ChannelContent,
    PublishError,
    catalog_copy,
    publish_locked,
    repository_for,
)
from hub.publishing.repository import Repository

logger = logging.getLogger(__name__)

_CATALOG_PATH = re.compile(r"^channels/(?P<channel>[^/]+)/catalog\.json$")


@dataclass(frozen=True)
class PublishResult:
    """What one publish did: the channel's content version and whether anything was signed."""

    channel: str
    content_version: int
    changed: bool
    signed: bool
    actor: str


def publish_channel_online(
    data_dir: Path,
    document: Catalog,
    *,
    actor: str,
    asset_files: Mapping[str, Path] | None = None,
) -> PublishResult:
    """Sign `document` for its channel's kiosks with the hub's delegated key.

    `asset_files` maps an asset's sha256 to its file; assets already published need no file.
    Raises PublishError when the hub has neither a delegated key nor the targets key, or an
    asset has no file;
    hub.publishing.keys.SigningKeyError when a key the layout needs is not in the hub's folder.
    """
    keys = KeyStore(data_dir / "keys")
    with repository_lock(data_dir):
        repository = repository_for(data_dir, keys)
        if repository.delegation() is None and not keys.exists("targets"):
            raise PublishError(
                "this hub holds no delegated key: run `python -m hub keys delegate` "
                "with the offline keys first"
            )
        files = _published_assets(repository)
        files.update(asset_files or {})
        channels = [ChannelContent(document, files)]
        channels += [
            ChannelContent(_published_catalog(data_dir, name), files)
            for name in _published_channels(repository)
            if name != document.channel
        ]
        report = publish_locked(channels, data_dir, keys)
    result = PublishResult(
        channel=document.channel,
        content_version=report.content_versions[document.channel],
        changed=document.channel in report.changed_channels,
        signed=report.signed,
        actor=actor,
    )
    logger.info(
        "%s published %s content version %d (%s)",
        actor,
        result.channel,
        result.content_version,
        "new" if result.changed else "unchanged",
    )
    return result


def _published_channels(repository: Repository) -> list[str]:
    names = []
    for path in repository.content_targets().signed.targets:
        match = _CATALOG_PATH.match(path)
        if match:
            names.append(match["channel"])
    return sorted(names)


def _published_catalog(data_dir: Path, channel: str) -> Catalog:
    return catalog.load(catalog_copy(data_dir, channel).read_bytes())


def _published_assets(repository: Repository) -> dict[str, Path]:
    """sha256 -> the stored file, for every asset the repository serves now."""
    files = {}
    for path, info in repository.content_targets().signed.targets.items():
        digest = info.hashes.get("sha256", "")
        if path == asset_target(digest):
            files[digest] = repository.targets_dir / "assets" / f"{digest}.{digest}"
    return files
