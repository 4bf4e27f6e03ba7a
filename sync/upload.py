"""Uploading usage aggregates: the hourly rows that are new or changed go to the hub in batches,
and each batch is marked sent only after the hub acknowledges exactly that batch.

A crash, a timeout or a lost answer leaves the rows unsent, so they go again next time; the hub
upserts on (device, hour, kind, dims) and keeps the newest revision, so they count once.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

import requests

from cache import CacheError, HourlyRow, UsageStore
from sync.config import DeviceConfig
from sync.http import CONNECT_TIMEOUT_S, api_url, describe_refusal, hub_session

logger = logging.getLogger(__name__)

BATCH_ROWS = 2_000
DEFAULT_BUDGET_S = 300.0


@dataclass(frozen=True)
class UploadOutcome:
    ok: bool
    """True when every pending row was acknowledged (or none was pending)."""
    sent_rows: int
    remaining_rows: int
    error: str | None = None
    refused: bool = False
    """The hub refused this device (bad or revoked token): a technician must re-enrol it."""
    at: str = ""


def upload_usage(
    config: DeviceConfig,
    *,
    store: UsageStore | None = None,
    session: requests.Session | None = None,
    budget_s: float | None = None,
    batch_rows: int = BATCH_ROWS,
    clock: Callable[[], float] = time.time,
) -> UploadOutcome:
    """Send pending aggregates until none is left, the hub fails, or the time budget is spent."""
    own_store = store is None
    try:
        store = store or UsageStore(config.usage_db, config.usage_limits)
        store.enforce_limits(clock())  # retention runs even while the kiosk UI is down
        outcome = _upload(config, store, session or hub_session(), budget_s, batch_rows)
        outcome = UploadOutcome(**{**asdict(outcome), "at": _now_text(clock)})
        store.note_upload(asdict(outcome))
    except CacheError as error:
        outcome = UploadOutcome(False, 0, -1, f"usage.db: {error}"[:300], at=_now_text(clock))
    finally:
        if own_store and store is not None:
            store.close()
    level = logging.INFO if outcome.ok else logging.WARNING
    logger.log(
        level,
        "usage upload: %d rows sent, %d left, %s",
        outcome.sent_rows,
        outcome.remaining_rows,
        outcome.error or "complete",
    )
    return outcome


def _upload(
    config: DeviceConfig,
    store: UsageStore,
    session: requests.Session,
    budget_s: float | None,
    batch_rows: int,
) -> UploadOutcome:
    if not config.device_id or not config.token:
        return _stop(store, 0, "not enrolled: run `python -m sync enrol`", refused=True)
    deadline = time.monotonic() + (budget_s or min(config.budget_seconds, DEFAULT_BUDGET_S))
    url = api_url(config.hub_url, "usage")
    headers = {"Authorization": f"Bearer {config.token}"}
    sent = 0
    while (rows := store.unsent(batch_rows)) and (left := deadline - time.monotonic()) > 0:
        body = {"device_id": config.device_id, "rows": [row_document(row) for row in rows]}
        read_timeout = max(1.0, min(config.socket_timeout_seconds, left))
        try:
            response = session.post(
                url, json=body, headers=headers, timeout=(CONNECT_TIMEOUT_S, read_timeout)
            )
        except requests.RequestException as error:
            logger.debug("usage upload request failed: %s", error)
            return _stop(store, sent, f"hub unreachable ({type(error).__name__})")
        if response.status_code == 200:
            if _acknowledged(response) != len(rows):
                return _stop(store, sent, "the hub's answer is not an acknowledgement")
            store.mark_sent(rows)
            sent += len(rows)
        elif response.status_code == 429:
            wait = _retry_after(response)
            if time.monotonic() + wait >= deadline:
                return _stop(store, sent, "rate limited by the hub; the rest goes next time")
            time.sleep(wait)
        elif response.status_code == 413 and batch_rows > 1:
            batch_rows = max(1, batch_rows // 2)
        elif response.status_code in (401, 403):
            return _stop(store, sent, f"refused: {describe_refusal(response)}", refused=True)
        else:
            return _stop(store, sent, f"hub error: {describe_refusal(response)}")
    remaining = store.unsent_count()
    if remaining:
        return _stop(store, sent, "time budget spent; the rest goes next time")
    return UploadOutcome(ok=True, sent_rows=sent, remaining_rows=0)


def row_document(row: HourlyRow) -> dict[str, object]:
    """One aggregate as the hub's upload protocol has it (docs/usage-data.md)."""
    return {
        "hour": row.hour,
        "kind": row.kind,
        "dims": json.loads(row.dims),
        "count": row.count,
        "seconds": round(row.seconds, 3),
        "hist": list(row.hist),
        "revision": row.revision,
    }


def _acknowledged(response: requests.Response) -> int | None:
    try:
        accepted = response.json()["accepted"]
    except (ValueError, KeyError, TypeError):
        return None
    return accepted if isinstance(accepted, int) else None


def _retry_after(response: requests.Response) -> float:
    try:
        return min(max(float(response.headers.get("Retry-After", "5")), 0.0), 300.0)
    except ValueError:
        return 5.0


def _stop(store: UsageStore, sent: int, error: str, *, refused: bool = False) -> UploadOutcome:
    return UploadOutcome(
        ok=False, sent_rows=sent, remaining_rows=store.unsent_count(), error=error, refused=refused
    )


def _now_text(clock: Callable[[], float]) -> str:
    return datetime.fromtimestamp(clock(), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
