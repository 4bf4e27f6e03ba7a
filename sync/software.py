"""Staging a new kiosk software bundle for root to install (see device.update).

After each successful content refresh the daemon asks its TUF repository for the software
target. When its signed version is not the one running, not already waiting to be switched to and
not refused (a release that was rolled back), it downloads it through TUF (size-capped,
hash-checked, staged and renamed) into <data_dir>/updates/, with the exact metadata it trusted,
and writes the `ready` marker last. The daemon runs as the `kiosk` user: root verifies
everything again with its own trusted metadata before installing, and trusts none of it as is.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from datetime import datetime
from pathlib import Path

from tuf.api.metadata import Metadata, TargetFile
from tuf.ngclient import Updater

from atomicfile import fsync_dir, write_atomic
from device.update.layout import Layout
from device.update.state import UpdateSettings, load_settings, refused_versions
from device.update.target import SOFTWARE_TARGET, signed_version
from device.version import version as running_version
from sync.config import MAX_ROOT_BYTES, DeviceConfig
from sync.fetcher import Deadline, HubFetcher
from sync.tuf_session import open_updater, target_url

logger = logging.getLogger(__name__)

READY = "ready"


class SoftwareStagingError(Exception):
    """The offered software cannot be staged (too large)."""


def staged_dir(config: DeviceConfig) -> Path:
    return config.data_dir / "updates"


def stage_software(
    config: DeviceConfig,
    reference_time: datetime,
    *,
    layout: Layout | None = None,
    running: str | None = None,
    fetcher_type: type[HubFetcher] = HubFetcher,
) -> str:
    """Stage the published software if it is new here; what happened, in one line."""
    layout = layout or Layout()
    running = running or running_version()
    settings = load_settings(config.config_path)
    folder = staged_dir(config)
    fetcher = fetcher_type(
        Deadline(config.budget_seconds), config.socket_timeout_seconds, folder / ".download"
    )
    try:
        updater = open_updater(config, fetcher, reference_time)
        updater.refresh()
        info = updater.get_targetinfo(SOFTWARE_TARGET)
        if info is None:
            return "no software published"
        version = signed_version(info)
        skip = _skip_reason(version, info, running, layout, folder)
        if skip:
            return skip
        _stage(config, updater, fetcher, info, version, settings)
    finally:
        fetcher.close()
    logger.info("software %s staged for installation", version)
    return f"software {version} staged for installation"


def _skip_reason(
    version: str, info: TargetFile, running: str, layout: Layout, folder: Path
) -> str | None:
    if version == running:
        return f"software {version} is running"
    if version == layout.version_of(layout.pending):
        return f"software {version} is installed; it starts between sessions"
    if version in refused_versions(layout.refused_file):
        return f"software {version} is refused: it was rolled back on this kiosk"
    try:
        ready = json.loads((folder / READY).read_text())
    except (OSError, ValueError):
        return None
    if isinstance(ready, dict) and ready.get("sha256") == info.hashes.get("sha256"):
        return f"software {version} is staged; waiting for its installation"
    return None


def _stage(
    config: DeviceConfig,
    updater: Updater,
    fetcher: HubFetcher,
    info: TargetFile,
    version: str,
    settings: UpdateSettings,
) -> None:
    if info.length > settings.max_bundle_bytes:
        raise SoftwareStagingError(
            f"software {version}: {info.length} bytes; at most {settings.max_bundle_bytes}"
        )
    folder = staged_dir(config)
    (folder / READY).unlink(missing_ok=True)  # the marker goes first and comes back last
    for old in ("metadata", "targets"):
        shutil.rmtree(folder / old, ignore_errors=True)
    sha256 = info.hashes["sha256"]
    directory, _, name = info.path.rpartition("/")
    target = folder / "targets" / directory / f"{sha256}.{name}"  # as the hub serves it
    target.parent.mkdir(parents=True, exist_ok=True)
    with fetcher.staged(target_url(updater, config.targets_url, info), info.length) as download:
        download.check(info)
        os.fsync(download.handle.fileno())
        download.path.replace(target)
    _copy_metadata(config, fetcher, folder / "metadata")
    fsync_dir(target.parent)
    ready = {"version": version, "sha256": sha256, "length": info.length}
    write_atomic(folder / READY, json.dumps(ready).encode(), mode=0o644)


def _copy_metadata(config: DeviceConfig, fetcher: HubFetcher, out: Path) -> None:
    """The metadata the daemon trusts, named as the hub serves it (consistent snapshots), and
    every root version since the first, so root's trust state can follow key rotations."""
    out.mkdir(parents=True, exist_ok=True)
    trusted = config.tuf_dir
    shutil.copyfile(trusted / "timestamp.json", out / "timestamp.json")
    for role in ("snapshot", "targets", "root"):
        data = (trusted / f"{role}.json").read_bytes()
        number = Metadata.from_bytes(data).signed.version
        write_atomic(out / f"{number}.{role}.json", data, mode=0o644)
        if role == "root":
            for older in range(2, number):
                url = f"{config.metadata_url}{older}.root.json"
                older_data = fetcher.download_bytes(url, MAX_ROOT_BYTES)
                write_atomic(out / f"{older}.root.json", older_data, mode=0o644)
