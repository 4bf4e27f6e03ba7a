"""Fleet status: every kiosk's last heartbeat and what needs a technician."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from hub.store.records import Device, Heartbeat


@dataclass(frozen=True)
class FleetRules:
    online_minutes: float = 15.0
    """A kiosk is online when its last heartbeat is at most this old."""
    offline_alert_hours: float = 6.0
    stale_alert_hours: float = 24.0
    """Content older than the latest publish for this long raises an alert."""
    error_alert_count: int = 3
    low_disk_bytes: int = 500 * 1024 * 1024
    max_clock_skew_s: float = 300.0


@dataclass(frozen=True)
class KioskStatus:
    device: Device
    heartbeat: Heartbeat | None
    online: bool
    content_version: int | None
    latest_version: int | None
    published_at: datetime | None
    """When the latest version was published."""
    last_error: str | None
    error_count: int

    @property
    def behind(self) -> bool:
        return (
            self.latest_version is not None
            and self.content_version is not None
            and self.content_version < self.latest_version
        )

    @property
    def last_seen(self) -> datetime | None:
        return self.heartbeat.received_at if self.heartbeat else None


@dataclass(frozen=True)
class Alert:
    device_id: str
    gate: str
    kind: str
    """offline, never_seen, stale_content, errors, sync_failing, low_disk, clock_skew."""
    detail: str
    since: datetime | None = None


def kiosk_statuses(
    devices: Sequence[Device],
    heartbeats: Mapping[str, Heartbeat],
    latest_versions: Mapping[str, tuple[int, datetime | None]],
    now: datetime,
    rules: FleetRules | None = None,
) -> list[KioskStatus]:
    rules = rules or FleetRules()
    result = []
    for device in devices:
        if device.status == "pending":
            continue
        beat = heartbeats.get(device.id)
        seen = beat.received_at if beat else None
        online = (
            device.status == "active"
            and seen is not None
            and now - seen <= timedelta(minutes=rules.online_minutes)
        )
        error = None
        if beat is not None and beat.last_sync_ok is False:
            error = beat.last_sync_error or "sync failed"
        result.append(
            KioskStatus(
                device=device,
                heartbeat=beat,
                online=online,
                content_version=beat.content_version if beat else None,
                latest_version=latest_versions.get(device.gate, (None, None))[0],
                published_at=latest_versions.get(device.gate, (None, None))[1],
                last_error=error,
                error_count=sum(beat.errors.values()) if beat else 0,
            )
        )
    return result


def alerts(
    statuses: Sequence[KioskStatus], now: datetime, rules: FleetRules | None = None
) -> list[Alert]:
    rules = rules or FleetRules()
    found: list[Alert] = []
    for status in statuses:
        device, beat = status.device, status.heartbeat
        if device.status != "active":
            continue

        def add(kind: str, detail: str, since: datetime | None = None) -> None:
            found.append(Alert(device.id, device.gate, kind, detail, since))  # noqa: B023

        if beat is None or beat.received_at is None:
            add("never_seen", "", device.enrolled_at)
            continue
        silent = now - beat.received_at
        if silent > timedelta(hours=rules.offline_alert_hours):
            add("offline", f"{silent / timedelta(hours=1):.0f} h", beat.received_at)
        if status.behind and (
            beat.last_sync_ok is False
            or _older_than(status.published_at, now, rules.stale_alert_hours)
        ):
            add("stale_content", f"{status.content_version} < {status.latest_version}")
        if status.error_count >= rules.error_alert_count:
            add("errors", str(status.error_count))
        if status.last_error:
            add("sync_failing", status.last_error[:200], beat.last_sync_at)
        if beat.disk_free_bytes < rules.low_disk_bytes:
            add("low_disk", f"{beat.disk_free_bytes // 1024**2} MB")
        skew = beat.clock_skew_s
        if skew is not None and abs(skew) > rules.max_clock_skew_s:
            add("clock_skew", f"{skew:.0f} s")
    order = [
        "offline",
        "never_seen",
        "sync_failing",
        "errors",
        "stale_content",
        "low_disk",
        "clock_skew",
    ]
    return sorted(found, key=lambda a: (order.index(a.kind), a.gate, a.device_id))


def _older_than(moment: datetime | None, now: datetime, hours: float) -> bool:
    return moment is None or now - moment > timedelta(hours=hours)
