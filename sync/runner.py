"""Runs a refresh under the cross-process lock, so two syncs never overlap, and schedules retries."""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from filelock import FileLock, Timeout

from cache import ContentStore, StateStore, open_content
from sync.backoff import backoff_seconds
from sync.clock import BUILD_TIME, check_clock
from sync.config import DeviceConfig
from sync.outcome import Outcome, RefreshReport
from sync.refresh import Refresher

logger = logging.getLogger(__name__)

RETRY_AFTER_KEY = "sync.retry_after"


def _utcnow() -> datetime:
    return datetime.now(UTC)


def open_stores(config: DeviceConfig) -> tuple[StateStore, ContentStore]:
    config.data_dir.mkdir(parents=True, exist_ok=True)
    state = StateStore(config.usage_db)
    return state, open_content(config.content_db, state)


def refresh_locked(
    config: DeviceConfig, *, now: Callable[[], datetime] = _utcnow, rng: random.Random | None = None
) -> RefreshReport:
    """One refresh, unless another is running (in this process or any other): then BUSY."""
    config.data_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(config.lock_path, timeout=0, thread_local=False, is_singleton=False)
    try:
        lock.acquire()
    except Timeout:
        logger.info("another sync is running; this one stands down")
        return RefreshReport(Outcome.BUSY, "another sync is running")
    try:
        state, content = open_stores(config)
        try:
            report = Refresher(config, state, content, now=now).run()
            _schedule_retry(config, state, report, now(), rng)
            if report.outcome.ok:
                _stage_software(config, state, now())
            return report
        finally:
            content.close()
            state.close()
    finally:
        lock.release()


def _stage_software(config: DeviceConfig, state: StateStore, now: datetime) -> None:
    """After a good refresh: fetch new kiosk software, if any (sync.software); never raises."""
    from sync.software import stage_software

    clock = check_clock(now, state.last_sync().last_success_at, BUILD_TIME)
    try:
        logger.info("software: %s", stage_software(config, clock.reference_time))
    except Exception as error:
        logger.warning("software not staged: %s: %s", type(error).__name__, error)


def due(config: DeviceConfig, state: StateStore, now: datetime) -> bool:
    """False while backing off after repeated failures."""
    raw = state.get(RETRY_AFTER_KEY)
    return not raw or now >= datetime.fromisoformat(raw)


def _schedule_retry(
    config: DeviceConfig,
    state: StateStore,
    report: RefreshReport,
    now: datetime,
    rng: random.Random | None,
) -> None:
    failures = 0 if report.outcome.ok else state.last_sync().consecutive_failures
    wait = backoff_seconds(
        failures, config.interval_minutes * 60, config.max_backoff_minutes * 60, rng
    )
    try:
        state.set(RETRY_AFTER_KEY, (now + timedelta(seconds=wait)).isoformat())
    except Exception as error:
        logger.error("could not store the retry time: %s", error)
    if wait:
        logger.info("%d failures in a row; next attempt in %.0f s at the earliest", failures, wait)
