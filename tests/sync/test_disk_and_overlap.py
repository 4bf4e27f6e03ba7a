"""Disk full during apply or download keeps the old content whole; two refreshes never overlap."""

from __future__ import annotations

import errno
import threading
from pathlib import Path

from sync.media import MediaStore
from sync.outcome import Outcome
from sync.runner import refresh_locked
from tests.storage import disk_full_after


def _articles(device) -> int:
    return len(device.content.articles("entry-visa", "en"))


def _drafts(device) -> list[Path]:
    return list(device.config.content_db.parent.glob("content.db.draft-*"))


def test_disk_full_during_apply_keeps_old_content_whole(publisher, device):
    first = publisher.publish(articles=3)
    assert device.refresh().outcome is Outcome.UPDATED
    publisher.publish(articles=300)
    with disk_full_after(device.config.content_db.stat().st_size + 8192):
        report = device.refresh()
    assert report.outcome is Outcome.STORAGE_FAILED, report.detail
    assert device.content.integrity_ok()
    assert device.content.content_version() == first.content_version
    assert _articles(device) == 3
    assert device.state.last_sync().last_error.startswith("storage-failed")
    assert _drafts(device) == []


def test_disk_full_while_building_from_the_catalog_keeps_old_content_whole(publisher, device):
    first = publisher.publish(articles=3)
    assert device.refresh().outcome is Outcome.UPDATED
    publisher.publish(articles=300)
    publisher.without_database()
    with disk_full_after(device.config.content_db.stat().st_size + 8192):
        report = device.refresh()
    assert report.outcome is Outcome.STORAGE_FAILED, report.detail
    assert device.content.integrity_ok()
    assert device.content.content_version() == first.content_version
    assert _articles(device) == 3
    assert _drafts(device) == []


def test_disk_full_while_storing_an_asset_keeps_old_content(publisher, device, monkeypatch):
    first = publisher.publish(articles=3)
    assert device.refresh().outcome is Outcome.UPDATED
    publisher.publish(articles=4)

    def no_space(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(MediaStore, "install", no_space)
    report = device.refresh()
    assert report.outcome is Outcome.STORAGE_FAILED, report.detail
    assert device.content.content_version() == first.content_version
    assert list((device.config.media_dir / ".staging").iterdir()) == []


def test_two_refreshes_fired_at_once_only_one_runs(publisher, device, hub):
    publisher.publish(assets=3, asset_size=200_000)
    hub.throttle["/assets/"] = 0.05  # keep the first refresh busy while the second starts
    start = threading.Barrier(2)
    reports = []

    def fire() -> None:
        start.wait()
        reports.append(refresh_locked(device.config))

    workers = [threading.Thread(target=fire) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert sorted(r.outcome.label for r in reports) == ["busy", "updated"]
