"""What the hub store hands out and takes in: plain frozen records, no SQL."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
HOUR_FORMAT = "%Y-%m-%dT%H:00:00Z"

DimValue = str | int | bool


def utc_now() -> datetime:
    return datetime.now(UTC)


def time_text(moment: datetime) -> str:
    """A moment as stored: UTC, second precision, 'Z'."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: give times in UTC")
    return moment.astimezone(UTC).strftime(TIME_FORMAT)


def hour_text(moment: datetime) -> str:
    """The hour bucket a moment falls in, as stored: '2025-03-01T13:00:00Z'."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: give times in UTC")
    return moment.astimezone(UTC).strftime(HOUR_FORMAT)


def parse_time(text: str | None) -> datetime | None:
    if text is None:
        return None
    return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=UTC)


@dataclass(frozen=True)
class Device:
    id: str
    gate: str
    status: str
    """'pending' (code issued, not yet enrolled), 'active' or 'revoked'."""
    created_at: datetime
    enrolled_at: datetime | None = None
    revoked_at: datetime | None = None


@dataclass(frozen=True)
class UsageRow:
    """One hourly aggregate as a device sends it: absolute values as of `revision`."""

    hour: str
    kind: str
    dims: Mapping[str, DimValue]
    count: int
    seconds: float = 0.0
    hist: tuple[int, ...] = ()
    revision: int = 1


@dataclass(frozen=True)
class UsageRecord:
    """One stored aggregate, with the device's gate."""

    device_id: str
    gate: str
    hour: str
    kind: str
    dims: Mapping[str, DimValue]
    count: int
    seconds: float
    hist: tuple[int, ...]


@dataclass(frozen=True)
class UsageTotal:
    """Sums over a group of aggregates. `group` maps each group_by name to its value."""

    group: Mapping[str, Any]
    count: int
    seconds: float
    hist: tuple[int, ...]
    devices: int


@dataclass(frozen=True)
class QueryDemand:
    """A cleaned search query that found nothing, and how many kiosks saw it."""

    query: str
    lang: str | None
    kiosks: int
    searches: int


@dataclass(frozen=True)
class Heartbeat:
    """What a device reports every few minutes, as the hub stores it."""

    device_id: str
    device_time: datetime
    uptime_s: float
    disk_free_bytes: int
    content_version: int | None = None
    last_sync_at: datetime | None = None
    last_sync_ok: bool | None = None
    last_sync_error: str | None = None
    last_upload_at: datetime | None = None
    last_upload_ok: bool | None = None
    errors: Mapping[str, int] = field(default_factory=dict)
    pending_rows: int | None = None
    received_at: datetime | None = None
    """Hub time of arrival; set by the store."""

    @property
    def clock_skew_s(self) -> float | None:
        """Device clock minus hub clock at arrival (positive: the device is ahead)."""
        if self.received_at is None:
            return None
        return (self.device_time - self.received_at).total_seconds()


@dataclass(frozen=True)
class HeartbeatHour:
    """One device's heartbeats of one hour, rolled up: kept after the raw heartbeats are pruned."""

    device_id: str
    hour: str
    beats: int
    last_at: datetime
    content_version: int | None
    """As the hour's newest heartbeat reported it."""
    disk_free_bytes: int
    """The lowest reported in the hour."""
    clock_skew_s: int
    """The largest clock difference (either way) in the hour, in whole seconds."""
    failed_syncs: int
    """Heartbeats of the hour that reported a failed content sync."""
    errors: int
    """The highest error count (all kinds summed) a heartbeat of the hour reported."""
