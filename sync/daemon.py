"""`python -m sync run`: refresh content every N minutes with random jitter, forever; upload
usage aggregates and send heartbeats on their own schedules.

APScheduler runs three jobs: `coalesce` folds missed runs into one, `max_instances=1` keeps a slow
run from overlapping the next, and the file lock (see runner) keeps two refreshes apart across
processes. A failing job never stops the others: each logs and waits for its next run.
"""

from __future__ import annotations

import logging
import signal
from datetime import UTC, datetime, timedelta
from types import FrameType

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger

from cache import StateStore
from sync.config import DeviceConfig
from sync.heartbeat import send_heartbeat, sync_status
from sync.runner import due, refresh_locked
from sync.upload import upload_usage

logger = logging.getLogger(__name__)


def sync_job(config: DeviceConfig) -> None:
    state = StateStore(config.usage_db)
    try:
        if not due(config, state, datetime.now(UTC)):
            logger.info("backing off after repeated failures; skipping this run")
            return
    finally:
        state.close()
    report = refresh_locked(config)
    logger.info("sync %s", report.line())


def usage_job(config: DeviceConfig) -> None:
    upload_usage(config)  # logs its own outcome and keeps it for the heartbeat


def heartbeat_job(config: DeviceConfig) -> None:
    outcome = send_heartbeat(config, status=sync_status(config))
    if not outcome.ok:
        logger.warning("heartbeat failed: %s", outcome.error)


def build_scheduler(config: DeviceConfig) -> BlockingScheduler:
    scheduler = BlockingScheduler(timezone="UTC")
    scheduler.add_job(
        sync_job,
        IntervalTrigger(minutes=config.interval_minutes, jitter=int(config.jitter_seconds)),
        args=[config],
        id="content-refresh",
        coalesce=True,
        max_instances=1,
        misfire_grace_time=int(config.interval_minutes * 60),
        next_run_time=datetime.now(UTC) + timedelta(seconds=5),
    )
    for job, job_id, minutes, first_after_s in (
        (usage_job, "usage-upload", config.upload_interval_minutes, 60),
        (heartbeat_job, "heartbeat", config.heartbeat_interval_minutes, 15),
    ):
        scheduler.add_job(
            job,
            IntervalTrigger(minutes=minutes, jitter=int(min(config.jitter_seconds, minutes * 30))),
            args=[config],
            id=job_id,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=int(minutes * 60),
            next_run_time=datetime.now(UTC) + timedelta(seconds=first_after_s),
        )
    return scheduler


def run_daemon(config: DeviceConfig) -> int:
    scheduler = build_scheduler(config)

    def stop(signum: int, _frame: FrameType | None) -> None:
        logger.info("signal %d: stopping", signum)
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    logger.info(
        "sync daemon: channel %s every %g min (+ up to %g s jitter)",
        config.channel,
        config.interval_minutes,
        config.jitter_seconds,
    )
    scheduler.start()
    return 0
