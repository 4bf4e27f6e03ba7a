"""The heartbeat: content version, last sync, uptime, free disk, clock and errors reach the hub."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from cache.usage_store import UsageEvent, UsageStore
from sync.heartbeat import SyncStatus, send_heartbeat
from tests.usage_support import device_config, enrolled, hub_app, running


def test_a_heartbeat_reports_the_device_state_and_the_hub_keeps_it(tmp_path: Path) -> None:
    app, hub_store = hub_app(tmp_path / "hub")
    device_id, token = enrolled(hub_store)
    store = UsageStore(tmp_path / "device" / "usage.db")
    now = datetime.now(UTC).timestamp()
    store.append([UsageEvent(now - 60, "error", {"where": "article_screen"})] * 2)
    status = SyncStatus(
        content_version=42,
        last_sync_at=datetime(2026, 11, 20, 8, 0, tzinfo=UTC),
        last_sync_ok=False,
        last_sync_error="hub unreachable",
        consecutive_failures=3,
    )
    with running(app) as url:
        config = device_config(tmp_path / "device", url, device_id, token)
        outcome = send_heartbeat(config, status=status, store=store)
    assert outcome.ok and outcome.clock_skew_s is not None
    beat = hub_store.latest_heartbeats()[device_id]
    assert beat.content_version == 42
    assert beat.last_sync_ok is False and beat.last_sync_error == "hub unreachable"
    assert beat.uptime_s > 0 and beat.disk_free_bytes > 0
    assert beat.errors == {"usage_errors": 2, "sync_failures": 3}
    assert beat.pending_rows == 1
    assert beat.clock_skew_s is not None and abs(beat.clock_skew_s) < 3600
    store.close()


def test_a_heartbeat_of_a_revoked_device_is_refused(tmp_path: Path) -> None:
    app, hub_store = hub_app(tmp_path / "hub")
    device_id, token = enrolled(hub_store)
    hub_store.revoke(device_id)
    with running(app) as url:
        outcome = send_heartbeat(device_config(tmp_path / "device", url, device_id, token))
    assert not outcome.ok and "device_revoked" in (outcome.error or "")
    assert hub_store.latest_heartbeats() == {}


def test_a_heartbeat_to_an_unreachable_hub_fails_quietly(tmp_path: Path) -> None:
    config = device_config(tmp_path / "device", "http://127.0.0.1:9", "kiosk-1", "t" * 43)
    outcome = send_heartbeat(config)
    assert not outcome.ok and "unreachable" in (outcome.error or "")


def test_software_versions_the_kiosk_rolled_back_reach_the_hub(tmp_path: Path) -> None:
    from device.update.layout import Layout
    from device.update.state import refuse
    from sync.heartbeat import software_refused

    layout = Layout(tmp_path / "root")
    assert software_refused(layout) == 0
    refuse(layout.refused_file, "2.0")
    assert software_refused(layout) == 1
    app, hub_store = hub_app(tmp_path / "hub")
    device_id, token = enrolled(hub_store)
    store = UsageStore(tmp_path / "device" / "usage.db")
    with running(app) as url:
        config = device_config(tmp_path / "device", url, device_id, token)
        outcome = send_heartbeat(config, status=SyncStatus(software_refused=1), store=store)
    assert outcome.ok
    assert hub_store.latest_heartbeats()[device_id].errors["software_refused"] == 1
    store.close()
