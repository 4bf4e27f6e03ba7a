"""Hourly usage may be pruned after a while: the daily roll-ups keep every figure of a whole day.

Off by default (0: keep every hourly row). `python -m hub serve --usage-retention-days N` prunes,
once an hour, the hourly rows of Viet Nam days that ended more than N days ago; an upload for
those hours is acknowledged but not counted, so never twice. Keep N longer than a kiosk may
stay offline with usage in its outbox (400 days is safe).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from hub.store import HubStore, StoreError

logger = logging.getLogger(__name__)

DEFAULT_USAGE_RETENTION_DAYS = 0.0


def prune_old_usage(store: HubStore, retention_days: float, now: datetime | None = None) -> int:
    """Delete hourly usage of days before `retention_days` ago (0 or less: keep it all)."""
    if retention_days <= 0:
        return 0
    before = (now or datetime.now(UTC)) - timedelta(days=retention_days)
    pruned = store.prune_usage(before)
    if pruned:
        logger.info("pruned %d hourly usage rows before %s", pruned, before.isoformat())
    return pruned


def usage_prune_job(store: HubStore, retention_days: float) -> None:
    """The scheduled run: a failure is logged, and the next hour tries again."""
    try:
        prune_old_usage(store, retention_days)
    except StoreError as error:
        logger.error("could not prune hourly usage: %s", error)
