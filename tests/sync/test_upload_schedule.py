"""The sync daemon schedules the usage upload and the heartbeat beside the content refresh."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sync.daemon import build_scheduler
from tests.usage_support import device_config


def test_the_daemon_schedules_upload_and_heartbeat_without_overlap(tmp_path: Path) -> None:
    config = device_config(
        tmp_path, "http://127.0.0.1:9", "kiosk-1", "t" * 43,
        upload_interval_minutes=30, heartbeat_interval_minutes=5,
    )  # fmt: skip
    scheduler = build_scheduler(config)
    upload, heartbeat = scheduler.get_job("usage-upload"), scheduler.get_job("heartbeat")
    assert upload.trigger.interval == timedelta(minutes=30)
    assert heartbeat.trigger.interval == timedelta(minutes=5)
    for job in (upload, heartbeat):
        assert job.coalesce is True and job.max_instances == 1
