"""Opening python-tuf's Updater the way this device needs it: a new one per refresh, bootstrapped
from the trusted root in the device config (never from the cache), judged against a chosen time."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tuf.api.metadata import TargetFile
from tuf.ngclient import Updater, UpdaterConfig

from sync.config import DeviceConfig
from sync.fetcher import HubFetcher

UPDATER_CONFIG = UpdaterConfig(
    max_root_rotations=32,
    timestamp_max_length=16_384,
    snapshot_max_length=2_000_000,
    targets_max_length=32_000_000,
)


def open_updater(config: DeviceConfig, fetcher: HubFetcher, reference_time: datetime) -> Updater:
    config.tuf_dir.mkdir(parents=True, exist_ok=True)
    for leftover in config.tuf_dir.glob("tmp*"):  # half-written by python-tuf before a power cut
        leftover.unlink(missing_ok=True)
    updater = Updater(
        metadata_dir=str(config.tuf_dir),
        metadata_base_url=config.metadata_url,
        target_base_url=config.targets_url,
        fetcher=fetcher,
        config=UPDATER_CONFIG,
        bootstrap=config.root_bytes,
    )
    # python-tuf judges expiry against "now" taken when the Updater is made; a suspect device
    # clock is replaced by the latest time known to have passed (see sync.clock).
    updater._trusted_set.reference_time = reference_time
    return updater


def target_url(updater: Updater, base_url: str, info: TargetFile) -> str:
    """Where a target lives: hash-prefixed file names when the repository uses consistent snapshots."""
    path = info.path
    if updater._trusted_set.root.consistent_snapshot:
        folder, sep, name = path.rpartition("/")
        path = f"{folder}{sep}{next(iter(info.hashes.values()))}.{name}"
    return base_url + path


def metadata_expiry(updater: Updater) -> datetime | None:
    """When the trusted timestamp, snapshot or targets (whichever first) expires."""
    trusted = updater._trusted_set
    times = [
        trusted[role].expires for role in ("timestamp", "snapshot", "targets") if role in trusted
    ]
    return min(times) if times else None


def cached_metadata_expiry(tuf_dir: Path) -> datetime | None:
    """Expiry of the metadata cached by the last refresh (already verified when it was stored)."""
    from tuf.api.metadata import Metadata

    times = []
    for role in ("timestamp", "snapshot", "targets"):
        try:
            times.append(Metadata.from_file(str(tuf_dir / f"{role}.json")).signed.expires)
        except Exception:  # noqa: S112 - a missing or damaged cache file has no expiry to report
            continue
    return min(times) if times else None
