"""Scheduling, backoff, clock sanity and stale-content flags."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sync.backoff import backoff_seconds
from sync.clock import BUILD_TIME, check_clock
from sync.daemon import build_scheduler
from sync.health import assess, read_health
from sync.outcome import Outcome
from sync.runner import RETRY_AFTER_KEY, due, refresh_locked
from tests.sync.hubkit import free_port

ROOT = Path(__file__).resolve().parents[2]
NOW = BUILD_TIME + timedelta(days=120)  # a sane device clock, whenever the build


def test_scheduler_job_coalesces_and_never_overlaps(device):
    scheduler = build_scheduler(device.config)
    job = scheduler.get_job("content-refresh")
    assert job.coalesce is True and job.max_instances == 1
    assert job.trigger.jitter == int(device.config.jitter_seconds)
    assert job.trigger.interval == timedelta(minutes=device.config.interval_minutes)


def test_backoff_grows_exponentially_with_jitter_up_to_the_cap():
    rng = random.Random(1)
    assert backoff_seconds(0, 900, 14_400, rng) == 0
    assert backoff_seconds(1, 900, 14_400, rng) == 0
    waits = [backoff_seconds(n, 900, 14_400, rng) for n in range(2, 12)]
    assert 900 <= waits[0] <= 1800
    assert 1800 <= waits[1] <= 3600
    assert all(7_200 <= w <= 14_400 for w in waits[4:])


def test_repeated_failures_back_off(publisher, device):
    device.reconfigure(hub_url=f"http://127.0.0.1:{free_port()}")
    for _ in range(3):
        refresh_locked(device.config, rng=random.Random(2))
    assert device.state.last_sync().consecutive_failures == 3
    retry_after = datetime.fromisoformat(device.state.get(RETRY_AFTER_KEY))
    assert retry_after > datetime.now(UTC) + timedelta(minutes=device.config.interval_minutes)
    assert not due(device.config, device.state, datetime.now(UTC))
    assert due(device.config, device.state, retry_after)


def test_clock_before_build_date_or_years_ahead_is_suspect():
    assert check_clock(BUILD_TIME + timedelta(days=30)).sane
    behind = check_clock(datetime(2020, 1, 1, tzinfo=UTC))
    assert not behind.sane and behind.reference_time == BUILD_TIME
    last = BUILD_TIME + timedelta(days=100)
    ahead = check_clock(datetime(2040, 1, 1, tzinfo=UTC), last_success=last)
    assert not ahead.sane and ahead.reference_time == last
    assert not check_clock(last - timedelta(days=10), last_success=last).sane


def test_suspect_clock_makes_no_expiry_decision_and_is_flagged(publisher, device):
    published = publisher.publish()
    report = device.refresh(now=lambda: datetime(2021, 6, 1, tzinfo=UTC))
    assert report.outcome is Outcome.UPDATED, report.detail
    assert device.content.content_version() == published.content_version
    health = read_health(device.state)
    assert health.clock_suspect and not health.stale
    assert "before the software build date" in health.reasons[0]


def test_no_sync_for_n_days_is_flagged_stale_but_content_stays():
    clock = check_clock(NOW)
    fresh = assess(clock, NOW - timedelta(days=2), NOW + timedelta(days=1), stale_after_days=14)
    assert not fresh.stale
    old = assess(clock, NOW - timedelta(days=20), NOW + timedelta(days=1), stale_after_days=14)
    assert old.stale and "20 days" in old.reasons[0]
    expired = assess(clock, NOW - timedelta(days=1), NOW - timedelta(hours=1), stale_after_days=14)
    assert expired.stale and "expired" in expired.reasons[0]


def test_sync_once_exit_codes_say_what_happened(publisher, device):
    publisher.publish()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }

    def once(config: Path) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "sync", "--config", str(config), "once"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    first = once(device.config_path)
    assert first.returncode == 0 and first.stdout.startswith("updated"), first.stderr
    assert once(device.config_path).stdout.startswith("current")
    assert once(device.config_path.parent / "missing.toml").returncode == 2
    toml = device.config_path.read_text()
    device.config_path.write_text(toml + f"hub_url = 'http://127.0.0.1:{free_port()}'\n")
    (device.config_path.parent / "device.toml").unlink()
    device.config_path.write_text(device.config_path.read_text() + "channel = 'mong-cai'\n")
    assert once(device.config_path).returncode == Outcome.HUB_UNREACHABLE.exit_code
