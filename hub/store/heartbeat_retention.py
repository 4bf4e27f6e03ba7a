"""Raw heartbeats are kept for a while (default 30 days), then pruned; so is their hourly roll-up,
after much longer (default 400 days, so a year can be compared with the one before).

Reports never need raw heartbeats: operating hours come from the hourly roll-up the store writes
with every heartbeat, and the fleet page from each kiosk's newest heartbeat, which is never
pruned. Pruning the roll-up empties operating hours and uptime only for periods past its
retention. `python -m hub serve` prunes both every hour; `python -m hub devices prune-heartbeats`
does it once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from hub.store import HubStore, StoreError

logger = logging.getLogger(__name__)

DEFAULT_RETENTION_DAYS = 30.0
DEFAULT_ROLLUP_RETENTION_DAYS = 400.0


def prune_old_heartbeats(
    store: HubStore, retention_days: float, now: datetime | None = None
) -> int:
    """Delete raw heartbeats older than `retention_days` (0 or less: keep them all)."""
    return _prune_older(store.prune_heartbeats, retention_days, now, "heartbeats received")


def prune_old_heartbeat_hours(
    store: HubStore, retention_days: float, now: datetime | None = None
) -> int:
    """Delete the hourly roll-up of hours older than `retention_days` (0 or less: keep it all)."""
    return _prune_older(store.prune_heartbeat_hours, retention_days, now, "heartbeat roll-up hours")


def _prune_older(
    prune: Callable[[datetime], int], retention_days: float, now: datetime | None, what: str
) -> int:
    if retention_days <= 0:
        return 0
    before = (now or datetime.now(UTC)) - timedelta(days=retention_days)
    pruned = prune(before)
    if pruned:
        logger.info("pruned %d %s before %s", pruned, what, before.isoformat())
    return pruned


def prune_job(store: HubStore, retention_days: float, rollup_retention_days: float) -> None:
    """The scheduled run: a failure is logged, and the next hour tries again."""
    try:
        prune_old_heartbeats(store, retention_days)
        prune_old_heartbeat_hours(store, rollup_retention_days)
    except StoreError as error:
        logger.error("could not prune heartbeats: %s", error)
