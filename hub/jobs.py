"""Background jobs of `python -m hub serve`, on one scheduler: re-sign the TUF timestamp so an
idle hub never freezes its fleet, prune raw heartbeats and their hourly roll-up past their
retentions, and hourly usage if asked, every hour, and read the content desk's official feeds
once per interval.

Every worker process schedules every job, on interval boundaries counted from the Unix epoch
(so the workers' clocks agree on which interval it is); before a run the worker claims that
interval of that job in the store (hub.store.job_runs) and runs it only if it won. A run is
named by the interval boundary nearest to it (the scheduled one: runs later than half an
interval are skipped), so a worker's run at start-up counts for the boundary it is closest to. So each job
runs once per interval however many workers (or hubs on one database) there are."""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Callable
from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler

from hub.desk.feed_poll import poll_job
from hub.publishing.timestamp_job import resign_job
from hub.settings import HubSettings
from hub.store import HubStore, StoreError
from hub.store.heartbeat_retention import prune_job
from hub.store.usage_retention import usage_prune_job

logger = logging.getLogger(__name__)

EPOCH = datetime.fromtimestamp(0, UTC)


class HubJobs:
    def __init__(self, settings: HubSettings, store: HubStore) -> None:
        self.settings = settings
        self.store = store
        self.worker = f"{socket.gethostname()}:{os.getpid()}"
        self.scheduler: BackgroundScheduler | None = None

    def start(self) -> None:
        settings = self.settings
        minutes = settings.resign_timestamp_every_minutes
        days = settings.heartbeat_retention_days
        rollup_days = settings.heartbeat_rollup_retention_days
        usage_days = settings.usage_retention_days
        feed_minutes = settings.poll_feeds_every_minutes
        prune_minutes = settings.prune_every_minutes
        if max(minutes, days, rollup_days, usage_days, feed_minutes) <= 0:
            return
        self.scheduler = BackgroundScheduler(timezone="UTC")
        if minutes > 0:
            self.run_once("resign-timestamp", minutes, resign_job, settings)  # before kiosks ask
            self._every("resign-timestamp", minutes, resign_job, settings)
        if (days > 0 or rollup_days > 0) and prune_minutes > 0:
            self._every("prune-heartbeats", prune_minutes, prune_job, self.store, days, rollup_days,
                        soon=True)  # fmt: skip
        if usage_days > 0 and prune_minutes > 0:
            self._every("prune-usage", prune_minutes, usage_prune_job, self.store, usage_days,
                        soon=True)  # fmt: skip
        if feed_minutes > 0:
            self._every("poll-feeds", feed_minutes, poll_job, settings.database_path)
        self.scheduler.start()

    def _every(
        self, job: str, minutes: float, run: Callable[..., None], *args: object, soon: bool = False
    ) -> None:
        """Schedule a claimed run of `run(*args)` at each interval boundary (and, with `soon`,
        once right after start, off the start-up path)."""
        assert self.scheduler is not None
        extra = {"next_run_time": datetime.now(UTC)} if soon else {}
        self.scheduler.add_job(
            self.run_once, "interval", seconds=minutes * 60, start_date=EPOCH,
            args=[job, minutes, run, *args], id=job, coalesce=True, max_instances=1,
            misfire_grace_time=max(1, int(minutes * 30)), **extra,
        )  # fmt: skip

    def run_once(self, job: str, minutes: float, run: Callable[..., None], *args: object) -> bool:
        """Run a job if this worker wins the current interval's claim. Returns whether it ran."""
        seconds = minutes * 60
        start = datetime.fromtimestamp(round(time.time() / seconds) * seconds, UTC)
        try:
            won = self.store.claim_job_run(job, start, self.worker)
        except StoreError as error:
            logger.error("could not claim job %s: %s; trying next interval", job, error)
            return False
        if not won:
            return False
        logger.info("job %s: running interval %s in %s", job, start.isoformat(), self.worker)
        run(*args)
        return True

    def stop(self) -> None:
        """Stop scheduling, and wait for a job still running: it uses the store the caller is
        about to close."""
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=True)
            self.scheduler = None
