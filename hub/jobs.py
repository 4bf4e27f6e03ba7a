"""Background jobs of `python -m hub serve`, on one scheduler: re-sign the TUF timestamp so an
idle hub never freezes its fleet, prune raw heartbeats and their hourly roll-up past their
retentions, and hourly usage if asked, every hour, and read the content desk's official feeds
once per interval."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler

from hub.desk.feed_poll import poll_job
from hub.publishing.timestamp_job import resign_job
from hub.settings import HubSettings
from hub.store import HubStore
from hub.store.heartbeat_retention import prune_job
from hub.store.usage_retention import usage_prune_job

logger = logging.getLogger(__name__)


class HubJobs:
    def __init__(self, settings: HubSettings, store: HubStore) -> None:
        self.settings = settings
        self.store = store
        self.scheduler: BackgroundScheduler | None = None

    def start(self) -> None:
        minutes = self.settings.resign_timestamp_every_minutes
        days = self.settings.heartbeat_retention_days
        rollup_days = self.settings.heartbeat_rollup_retention_days
        usage_days = self.settings.usage_retention_days
        feed_minutes = self.settings.poll_feeds_every_minutes
        if max(minutes, days, rollup_days, usage_days, feed_minutes) <= 0:
            return
        self.scheduler = BackgroundScheduler(timezone="UTC")
        if minutes > 0:
            resign_job(self.settings)  # at once, before the first kiosk asks
            self.scheduler.add_job(
                resign_job, "interval", minutes=minutes, args=[self.settings],
                id="resign-timestamp", coalesce=True, max_instances=1,
            )  # fmt: skip
        if days > 0 or rollup_days > 0:
            self.scheduler.add_job(
                prune_job, "interval", hours=1, args=[self.store, days, rollup_days],
                id="prune-heartbeats", coalesce=True, max_instances=1,
                next_run_time=datetime.now(UTC),  # soon after start, off the start-up path
            )  # fmt: skip
        if usage_days > 0:
            self.scheduler.add_job(
                usage_prune_job, "interval", hours=1, args=[self.store, usage_days],
                id="prune-usage", coalesce=True, max_instances=1, next_run_time=datetime.now(UTC),
            )  # fmt: skip
        if feed_minutes > 0:
            self.scheduler.add_job(
                poll_job, "interval", minutes=feed_minutes, args=[self.settings.database_path],
                id="poll-feeds", coalesce=True, max_instances=1,
            )  # fmt: skip
        self.scheduler.start()

    def stop(self) -> None:
        """Stop scheduling, and wait for a job still running: it uses the store the caller is
        about to close."""
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=True)
            self.scheduler = None
