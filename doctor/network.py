"""The clock, the hub, and what the sync daemon last managed: a content refresh and an upload."""

from __future__ import annotations

import logging
import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import requests

from cache import StateStore
from doctor.context import Context
from doctor.report import Result, failed, passed
from sync.clock import check_clock
from sync.config import DeviceConfig
from sync.delta import LAST_DELTA_KEY

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 5.0
SET_CLOCK = (
    "set the clock: `timedatectl set-time 'YYYY-MM-DD HH:MM:SS'` (or check the network for NTP "
    "and the real-time clock battery), then `kiosk sync once`"
)
SYNC_NOW = (
    "run `kiosk sync once` and read its last line; `journalctl -u kiosk-sync` has the history"
)


def check_clock_sane(ctx: Context) -> list[Result]:
    now = ctx.now()
    clock = check_clock(now, _last_success(ctx.usage_db))
    ntp = _ntp_state()
    if not clock.sane:
        return [
            failed("clock", f"{now:%Y-%m-%d %H:%M} UTC is wrong: {clock.reason}{ntp}", SET_CLOCK)
        ]
    return [passed("clock", f"{now:%Y-%m-%d %H:%M} UTC{ntp}")]


def check_hub(ctx: Context) -> list[Result]:
    hub = ctx.hub_url
    if not hub:
        return [failed("hub", "no hub configured", "enrol the device, see `trusted root`")]
    url = hub.rstrip("/") + "/tuf/metadata/timestamp.json"
    try:
        response = requests.get(url, timeout=(CONNECT_TIMEOUT_S, ctx.hub_timeout_s))
    except requests.RequestException as error:
        return [
            failed(
                "hub",
                f"{hub} unreachable: {_reason(error)}",
                "check the network cable or modem, DNS (`getent hosts HUBNAME`) and the "
                "firewall; the kiosk keeps showing its content meanwhile",
            )
        ]
    if response.status_code != 200:
        return [
            failed(
                "hub",
                f"{url} answered HTTP {response.status_code}",
                "the hub is reachable but not serving content: report it to central staff",
            )
        ]
    return [passed("hub", f"{hub} answers ({response.elapsed.total_seconds():.2f} s)")]


def check_last_sync(ctx: Context) -> list[Result]:
    if not ctx.usage_db.exists():
        return [
            failed("last sync", "no sync has run yet", SYNC_NOW),
            failed("last upload", "no upload has run yet", SYNC_NOW),
        ]
    return [_sync_result(ctx), _upload_result(ctx)]


def _sync_result(ctx: Context) -> Result:
    state = StateStore(ctx.usage_db)
    try:
        outcome = state.last_sync()
        arrived = state.get(LAST_DELTA_KEY)
    finally:
        state.close()
    if outcome.last_success_at is None:
        error = outcome.last_error or "no attempt recorded"
        return failed("last sync", f"never succeeded; last error: {error}", SYNC_NOW)
    success = f"last success {outcome.last_success_at:%Y-%m-%d %H:%M}"
    if outcome.consecutive_failures:
        return failed(
            "last sync",
            f"{success}, then {outcome.consecutive_failures} failure(s): {outcome.last_error}",
            SYNC_NOW,
        )
    stale_days = ctx.device.stale_after_days if isinstance(ctx.device, DeviceConfig) else 14
    if ctx.now() - outcome.last_success_at > timedelta(days=stale_days):
        return failed("last sync", f"{success}: older than {stale_days:g} days", SYNC_NOW)
    if arrived:
        success += f"; last new content: {arrived}"
    return passed("last sync", success)


def _upload_result(ctx: Context) -> Result:
    try:
        from cache.usage_store import UsageStore
    except ImportError:  # a build without usage recording
        return passed("last upload", "usage upload not part of this build")
    store = UsageStore(ctx.usage_db)
    try:
        last = store.last_upload()
    finally:
        store.close()
    if not last:
        return failed("last upload", "no usage upload yet", SYNC_NOW)
    when = last.get("at") or "?"
    if last.get("refused"):
        return failed(
            "last upload",
            f"refused by the hub at {when}: {last.get('error')}",
            "the device token was refused (revoked?): enrol the device again with a new code",
        )
    if not last.get("ok"):
        return failed("last upload", f"failed at {when}: {last.get('error')}", SYNC_NOW)
    return passed(
        "last upload",
        f"{when}: {last.get('sent_rows', 0)} rows sent, {last.get('remaining_rows', 0)} left",
    )


def _last_success(usage_db: Path) -> datetime | None:
    if not usage_db.exists():
        return None
    try:
        state = StateStore(usage_db)
        try:
            return state.last_sync().last_success_at
        finally:
            state.close()
    except Exception:  # a damaged usage.db is the database check's to report
        return None


def _ntp_state() -> str:
    if not Path("/run/systemd/system").is_dir() or shutil.which("timedatectl") is None:
        return ""
    result = subprocess.run(
        ["timedatectl", "show", "--property=NTPSynchronized", "--value"],
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    synced = result.stdout.strip()
    return {"yes": ", NTP synchronised", "no": ", not synchronised with NTP"}.get(synced, "")


def _reason(error: requests.RequestException) -> str:
    text = str(error)
    for marker in ("Connection refused", "Name or service not known", "timed out", "No route"):
        if marker in text:
            return marker.lower()
    return text[:200]
