"""Raw heartbeats are kept for a while (default 30 days), then pruned.

Reports never need them: operating hours come from the hourly roll-up the store writes with
every heartbeat, and the fleet page from each kiosk's newest heartbeat, which is never pruned.
`python -m hub serve` prunes every hour; `python -m hub devices prune-heartbeats` does it once.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from hub.store import HubStore, StoreError

logger = logging.getLogger(__name__)

DEFAULT_RETENTION_DAYS = 30.0


def prune_old_heartbeats(
    store: HubStore, retention_days: float, now: datetime | None = None
) -> int:
    """Delete raw heartbeats older than `retention_days` (0 or less: keep them all)."""
    if retention_days <= 0:
        return 0
    before = (now or datetime.now(UTC)) - timedelta(days=retention_days)
    pruned = store.prune_heartbeats(before)
    if pruned:
        logger.info("pruned %d heartbeats received before %s", pruned, before.isoformat())
    return pruned


def prune_job(store: HubStore, retention_days: float) -> None:
    """The scheduled run: a failure is logged, and the next hour tries again."""
    try:
        prune_old_heartbeats(store, retention_days)
    except StoreError as error:
        logger.error("could not prune heartbeats: %s", error)
