"""The heartbeat: every few minutes the device tells the hub it is alive and how it is doing.

It reports the content version, the last sync and upload outcomes, uptime, free disk, the
device clock (the hub compares it with its own) and recent error counts. Nothing about
travellers is in it.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import requests

from cache import CacheError, StateStore, UsageStore
from device.update.layout import Layout
from device.update.state import UpdateStateError, refused_versions
from sync.config import DeviceConfig
from sync.delta import FALLBACKS_KEY
from sync.http import CONNECT_TIMEOUT_S, api_url, describe_refusal, hub_session

logger = logging.getLogger(__name__)

ERROR_WINDOW_S = 3600.0
_STARTED = time.monotonic()


@dataclass(frozen=True)
class SyncStatus:
    """What the content sync last did, as the heartbeat reports it."""

    content_version: int | None = None
    last_sync_at: datetime | None = None
    last_sync_ok: bool | None = None
    last_sync_error: str | None = None
    consecutive_failures: int = 0
    patch_fallbacks: int = 0
    """Small updates in a row that fell back to the whole database (sync.delta)."""
    software_refused: int = 0
    """Software versions this kiosk refuses: rolled back, or unusable (device.update)."""


def sync_status(config: DeviceConfig) -> SyncStatus:
    """The content sync's state as it recorded it in usage.db (empty if unreadable)."""
    try:
        state = StateStore(config.usage_db)
    except CacheError as error:
        logger.warning("heartbeat without sync status: %s", error)
        return SyncStatus()
    try:
        last = state.last_sync()
        failed = last.last_attempt_at is not None and last.last_attempt_at != last.last_success_at
        return SyncStatus(
            content_version=state.high_water_mark() or None,
            last_sync_at=last.last_attempt_at,
            last_sync_ok=None if last.last_attempt_at is None else not failed,
            last_sync_error=last.last_error,
            consecutive_failures=last.consecutive_failures,
            patch_fallbacks=int(state.get(FALLBACKS_KEY) or 0),
            software_refused=software_refused(),
        )
    except CacheError as error:
        logger.warning("heartbeat without sync status: %s", error)
        return SyncStatus()
    finally:
        state.close()


@dataclass(frozen=True)
class HeartbeatOutcome:
    ok: bool
    error: str | None = None
    refused: bool = False
    """The hub refused this device (bad or revoked token): a technician must re-enrol it."""
    clock_skew_s: float | None = None
    """Device clock minus hub clock, from the hub's answer (positive: the device is ahead)."""


def send_heartbeat(
    config: DeviceConfig,
    *,
    status: SyncStatus | None = None,
    store: UsageStore | None = None,
    session: requests.Session | None = None,
    clock: Callable[[], float] = time.time,
) -> HeartbeatOutcome:
    """Post one heartbeat. Never raises; the outcome says what happened."""
    if not config.device_id or not config.token:
        return HeartbeatOutcome(False, "not enrolled: run `python -m sync enrol`", refused=True)
    own_store = store is None
    try:
        store = store or UsageStore(config.usage_db, config.usage_limits)
        body = heartbeat_document(config, status or SyncStatus(), store, clock)
    except CacheError as error:
        return HeartbeatOutcome(ok=False, error=f"usage.db unreadable: {error}"[:300])
    finally:
        if own_store and store is not None:
            store.close()
    session = session or hub_session()
    try:
        response = session.post(
            api_url(config.hub_url, "heartbeat"),
            json=body,
            headers={"Authorization": f"Bearer {config.token}"},
            timeout=(CONNECT_TIMEOUT_S, config.socket_timeout_seconds),
        )
    except requests.RequestException as error:
        logger.debug("heartbeat failed: %s", error)
        return HeartbeatOutcome(ok=False, error=f"hub unreachable ({type(error).__name__})")
    if response.status_code != 200:
        refused = response.status_code in (401, 403)
        return HeartbeatOutcome(ok=False, error=describe_refusal(response), refused=refused)
    return HeartbeatOutcome(ok=True, clock_skew_s=_skew(response, clock()))


def heartbeat_document(
    config: DeviceConfig, status: SyncStatus, store: UsageStore, clock: Callable[[], float]
) -> dict[str, object]:
    now = clock()
    upload = store.last_upload() or {}
    return {
        "device_id": config.device_id,
        "sent_at": _text(now),
        "uptime_s": round(system_uptime(), 1),
        "disk_free_bytes": _free_bytes(config.data_dir),
        "content_version": status.content_version,
        "last_sync": {
            "at": status.last_sync_at.isoformat() if status.last_sync_at else None,
            "ok": status.last_sync_ok,
            "error": (status.last_sync_error or None) and status.last_sync_error[:300],
        },
        "last_upload": {
            "at": upload.get("at") or None,
            "ok": upload.get("ok"),
            "error": (upload.get("error") or None) and str(upload["error"])[:300],
        },
        "errors": {
            "usage_errors": store.event_count("error", since=now - ERROR_WINDOW_S),
            "sync_failures": status.consecutive_failures,
        }
        | ({"patch_fallbacks": status.patch_fallbacks} if status.patch_fallbacks else {})
        | ({"software_refused": status.software_refused} if status.software_refused else {}),
        "pending_rows": store.unsent_count(),
    }


def software_refused(layout: Layout | None = None) -> int:
    """How many software versions this kiosk refuses (root's refused list, readable by all)."""
    try:
        return len(refused_versions((layout or Layout()).refused_file))
    except UpdateStateError as error:
        logger.warning("refused software versions unreadable: %s", error)
        return 0


def system_uptime() -> float:
    """Seconds since boot (from /proc/uptime), or since this process started."""
    try:
        return float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return time.monotonic() - _STARTED


def _free_bytes(folder: Path) -> int:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return 0


def _skew(response: requests.Response, now: float) -> float | None:
    try:
        hub_time = datetime.fromisoformat(response.json()["hub_time"])
    except (ValueError, KeyError, TypeError):
        return None
    return round(now - hub_time.timestamp(), 1)


def _text(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
