"""`python -m sync run`: refresh content every N minutes with random jitter, forever.

APScheduler runs one job: `coalesce` folds missed runs into one, `max_instances=1` keeps a slow
refresh from overlapping the next, and the file lock (see runner) does the same across processes.
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
from sync.runner import due, refresh_locked

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
