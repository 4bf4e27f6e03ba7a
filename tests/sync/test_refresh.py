"""A refresh against a real hub: first sync, no-change cycle, a change, pruning, outcome records."""

from __future__ import annotations

from sync.health import read_health
from sync.outcome import Outcome


def test_first_sync_applies_the_catalog_and_its_assets(publisher, device):
    published = publisher.publish(articles=3, assets=2)
    report = device.refresh()
    assert report.outcome is Outcome.UPDATED, report.detail
    assert device.content.content_version() == published.content_version
    assert device.content.asset_ids() == {a.sha256 for a in published.assets}
    on_disk = {p.name for p in device.config.media_dir.iterdir() if p.is_file()}
    assert on_disk == {a.sha256 for a in published.assets}
    outcome = device.state.last_sync()
    assert outcome.last_success_at is not None and outcome.consecutive_failures == 0


def test_no_change_cycle_downloads_no_content(publisher, device):
    publisher.publish()
    device.refresh()
    report = device.refresh()
    assert report.outcome is Outcome.CURRENT
    assert report.assets_downloaded == 0
    assert report.requests <= 2  # next root (404) and timestamp


def test_new_edition_replaces_content_and_prunes_old_assets(publisher, device):
    first = publisher.publish(assets=2)
    device.refresh()
    second = publisher.publish(assets=2)
    report = device.refresh()
    assert report.outcome is Outcome.UPDATED
    assert device.content.content_version() == second.content_version > first.content_version
    on_disk = {p.name for p in device.config.media_dir.iterdir() if p.is_file()}
    assert on_disk == {a.sha256 for a in second.assets}
    assert report.assets_pruned == 2


def test_missing_media_is_restored_on_a_no_change_cycle(publisher, device):
    published = publisher.publish(assets=2)
    device.refresh()
    (device.config.media_dir / published.assets[0].sha256).unlink()
    report = device.refresh()
    assert report.outcome is Outcome.CURRENT and report.assets_downloaded == 1


def test_health_is_recorded_for_the_service_screen(publisher, device):
    publisher.publish()
    device.refresh()
    health = read_health(device.state)
    assert health is not None and not health.stale and not health.clock_suspect
    assert health.metadata_expires_at is not None
