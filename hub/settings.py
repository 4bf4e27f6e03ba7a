"""The hub's settings: where its data lives and how it serves."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class HubSettings:
    data_dir: Path
    """Holds repository/ (the signed TUF files), keys/ (online keys), catalogs and counters,
    and hub.db (devices, enrolment codes, usage aggregates, heartbeats and their roll-up)."""
    resign_timestamp_every_minutes: float = 60
    """How often the service checks the timestamp's expiry and re-signs it (0: never)."""
    heartbeat_retention_days: float = 30
    """Raw heartbeats older than this are pruned every hour (0: keep them all). Reports read the
    hourly roll-up and each kiosk's newest heartbeat, which stay."""
    heartbeat_rollup_retention_days: float = 400
    """The hourly roll-up of heartbeats (operating hours, uptime) is pruned past this many days,
    in the same hourly run (0: keep it all). 400 days keeps a year-over-year view."""
    usage_retention_days: float = 0
    """Hourly usage of days older than this is pruned every hour (0: keep it all). Reports read
    the daily roll-ups for whole days, which stay."""
    poll_feeds_every_minutes: float = 60
    """How often the content desk reads every registered official feed into its moderation
    queue (0: only when an admin presses "Check now"). A feed that fails is retried next time."""
    prune_every_minutes: float = 60
    """How often heartbeats and hourly usage are pruned past their retentions."""
    trusted_root_path: Path | None = None
    """The TUF root handed to enrolling devices; default: the repository's newest N.root.json."""

    @property
    def repository_dir(self) -> Path:
        return self.data_dir / "repository"

    @property
    def keys_dir(self) -> Path:
        return self.data_dir / "keys"

    @property
    def database_path(self) -> Path:
        return self.data_dir / "hub.db"
