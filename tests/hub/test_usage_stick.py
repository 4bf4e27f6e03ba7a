"""Usage home by stick: `hub import-usage` counts each event once, and takes only files an
enrolled device signed."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cache.usage_store import UsageEvent, UsageStore
from hub.__main__ import main
from hub.devices.stick_import import import_usage
from hub.store import HubStore
from hub.store.records import UsageRow
from sync.stick_usage import write_usage
from tests.usage_support import device_config, device_totals, enrolled, hub_totals

T0 = 1_795_000_000.0  # 2026-11-18


@pytest.fixture
def store(tmp_path: Path) -> HubStore:
    opened = HubStore(tmp_path / "hub.db")
    yield opened
    opened.close()


@pytest.fixture
def kiosk(tmp_path: Path, store: HubStore):
    device_id, token = enrolled(store)
    config = device_config(tmp_path / "kiosk", "http://127.0.0.1:9", device_id, token)
    usage = UsageStore(config.usage_db)
    usage.append(
        [UsageEvent(T0 + i * 600, "article_view", {"article": f"a{i % 3}", "lang": "en"}, 5.0)
         for i in range(30)]
    )  # fmt: skip
    yield config, usage
    usage.close()


def _stick(kiosk, tmp_path: Path) -> Path:
    config, _ = kiosk
    stick = tmp_path / "stick"
    assert write_usage(config, stick) > 0
    return stick


def test_usage_from_a_stick_arrives_whole(store, kiosk, tmp_path):
    config, usage = kiosk
    report = import_usage(store, _stick(kiosk, tmp_path))
    assert report.refused == {} and report.heartbeats == 1
    assert hub_totals(store, config.device_id) == device_totals(usage)


def test_the_same_stick_twice_and_then_online_counts_once(store, kiosk, tmp_path):
    config, usage = kiosk
    stick = _stick(kiosk, tmp_path)
    import_usage(store, stick)
    again = import_usage(store, stick)
    assert again.heartbeats == 0
    online = [
        UsageRow(r.hour, r.kind, json.loads(r.dims), r.count, r.seconds, r.hist, r.revision)
        for r in usage.unsent()
    ]
    store.upsert_usage(config.device_id, online)  # what the upload sends later, online
    assert hub_totals(store, config.device_id) == device_totals(usage)
    assert len(store.heartbeats(config.device_id, *_all_time())) == 1


def test_a_file_edited_on_the_stick_is_refused(store, kiosk, tmp_path):
    config, _ = kiosk
    stick = _stick(kiosk, tmp_path)
    file = stick / "usage" / f"{config.device_id}.json"
    signed = json.loads(file.read_text())
    signed["body"] = signed["body"].replace('"count":', '"count":1')
    file.write_text(json.dumps(signed))
    report = import_usage(store, stick)
    assert "not signed by device" in report.refused[file.name]
    assert hub_totals(store, config.device_id) == {}


def test_a_file_of_a_revoked_or_unknown_device_is_refused(store, kiosk, tmp_path):
    config, _ = kiosk
    stick = _stick(kiosk, tmp_path)
    store.revoke(config.device_id)
    report = import_usage(store, stick)
    assert "no enrolled, active device" in report.refused[f"{config.device_id}.json"]


def test_import_usage_command_says_what_it_loaded(store, kiosk, tmp_path, capsys):
    stick = _stick(kiosk, tmp_path)
    assert main(["import-usage", str(stick), "--data-dir", str(tmp_path)]) == 0
    assert "from 1 device(s); 0 file(s) refused" in capsys.readouterr().out


def _all_time() -> tuple[datetime, datetime]:
    return datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC)
