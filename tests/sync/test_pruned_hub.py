"""Kiosks against a pruned hub: the current state is whole, and a kiosk whose refresh started on
one of the kept earlier publishes still finishes it."""

from __future__ import annotations

from hub.store.prune import prune
from sync.outcome import Outcome
from tests.sync.hubkit import reply


def test_a_kiosk_syncs_from_a_hub_pruned_to_its_current_state(publisher, device):
    for _ in range(3):
        latest = publisher.publish(assets=2)
    prune(publisher.repository, keep=0)
    report = device.refresh()
    assert report.outcome is Outcome.UPDATED, report.detail
    assert device.content.content_version() == latest.content_version
    assert device.content.asset_ids() == {a.sha256 for a in latest.assets}


def test_a_refresh_begun_on_the_previous_publish_finishes_after_a_prune(publisher, device, hub):
    previous = publisher.publish(assets=2)
    timestamp = publisher.repository_dir / "metadata/timestamp.json"
    seen_before_the_publish = timestamp.read_bytes()
    latest = publisher.publish(assets=2)
    prune(publisher.repository, keep=1)
    hub.faults["timestamp.json"] = reply(200, seen_before_the_publish)
    report = device.refresh()
    assert report.outcome is Outcome.UPDATED, report.detail
    assert device.content.content_version() == previous.content_version
    del hub.faults["timestamp.json"]
    assert device.refresh().outcome is Outcome.UPDATED
    assert device.content.content_version() == latest.content_version
