"""Updates by USB stick: the same TUF checks as the network; every refusal says why, on the
service screen's record (the last sync outcome) and in the log; a pulled stick changes nothing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tuf.api import exceptions

from hub.publishing.stick import export_update
from sync.stick import StickFetcher, sideload
from tests.sync.attacks import resign
from tests.sync.hubkit import Device, Publisher, enrol_device

OFFLINE_HUB = "http://127.0.0.1:9"
ROOT = Path(__file__).resolve().parents[2]
CHANNEL = "mong-cai"


@pytest.fixture
def publisher(tmp_path: Path) -> Publisher:
    made = Publisher(tmp_path / "hub")
    made.publish()
    return made


@pytest.fixture
def device(tmp_path: Path, publisher: Publisher) -> Device:
    config = enrol_device(tmp_path / "kiosk", OFFLINE_HUB, publisher.repository.root_bytes())
    return Device(config)


def _stick(publisher: Publisher, where: Path, channel: str = CHANNEL, **kwargs) -> Path:
    export_update(publisher.repository, publisher.data_dir, channel, where, **kwargs)
    return where


def _refused(device: Device, stick: Path, why: str) -> None:
    before = device.content.content_version()
    report = sideload(device.config, stick)
    assert report.outcome.label == "rejected", report.detail
    assert why in report.detail
    error = device.state.last_sync().last_error
    assert error.startswith("rejected: USB stick:") and why in error
    assert device.content.content_version() == before


def test_a_stick_updates_a_kiosk_without_network(device, publisher, tmp_path):
    report = sideload(device.config, _stick(publisher, tmp_path / "stick"))
    assert report.outcome.label == "updated", report.detail
    assert report.detail.startswith("USB stick: content version 1 applied")
    assert device.content.content_version() == 1
    assert device.content.asset_ids() <= {p.name for p in device.config.media_dir.iterdir()}


def test_a_delta_stick_carries_only_the_patch(device, publisher, tmp_path):
    sideload(device.config, _stick(publisher, tmp_path / "first"))
    publisher.publish()
    stick = _stick(publisher, tmp_path / "delta", from_version=1)
    assert list(stick.rglob("*.content.db.zst"))
    assert all("patches" in str(p) for p in stick.rglob("*.content.db.zst"))
    report = sideload(device.config, stick)
    assert "patch from version 1" in report.detail and device.content.content_version() == 2


def test_an_older_stick_is_refused(device, publisher, tmp_path):
    old = _stick(publisher, tmp_path / "old")
    publisher.publish()
    assert sideload(device.config, _stick(publisher, tmp_path / "new")).outcome.label == "updated"
    _refused(device, old, "version")


def test_a_stick_for_another_channel_is_refused(device, publisher, tmp_path):
    publisher.channel = "lao-bao"
    publisher.publish()
    _refused(device, _stick(publisher, tmp_path / "other", channel="lao-bao"), "'lao-bao'")


def test_a_stick_that_claims_this_channel_but_holds_another_is_refused(device, publisher, tmp_path):
    publisher.channel = "lao-bao"
    publisher.publish()
    stick = _stick(publisher, tmp_path / "other", channel="lao-bao")
    (stick / "stick.json").write_text(json.dumps({"channel": CHANNEL}))
    _refused(device, stick, "publishes no channel 'mong-cai'")


def test_a_stick_signed_by_an_unknown_key_is_refused(device, tmp_path):
    stranger = Publisher(tmp_path / "stranger")
    stranger.publish()
    _refused(device, _stick(stranger, tmp_path / "foreign"), "Unsigned")


def test_an_expired_stick_is_refused(device, publisher, tmp_path):
    stick = _stick(publisher, tmp_path / "expired")
    timestamp = stick / "tuf" / "metadata" / "timestamp.json"

    def expire(signed) -> None:
        signed.expires = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)

    resign(timestamp, publisher.keys.signer("timestamp"), expire)
    _refused(device, stick, "expired")


def test_a_stick_pulled_out_halfway_leaves_the_device_as_it_was(
    device, publisher, tmp_path, monkeypatch
):
    sideload(device.config, _stick(publisher, tmp_path / "first"))
    publisher.publish(assets=3)
    stick = _stick(publisher, tmp_path / "second")
    media_before = sorted(p.name for p in device.config.media_dir.iterdir())
    real_read = StickFetcher._read

    def pulled(self, path, handle):
        if "content.db.zst" in path.name or len(path.name) > 64:
            shutil.rmtree(stick)  # the stick is gone from here on
            raise exceptions.DownloadError(f"{path.name}: the stick stopped answering")
        yield from real_read(self, path, handle)

    monkeypatch.setattr(StickFetcher, "_read", pulled)
    report = sideload(device.config, stick)
    assert report.outcome.label == "hub-unreachable", report.detail
    assert device.content.content_version() == 1
    assert device.content.integrity_ok()
    assert sorted(p.name for p in device.config.media_dir.iterdir()) == media_before
    assert list(device.config.data_dir.glob("content.db.draft-*")) == []


def test_a_stick_without_an_update_only_takes_the_usage(device, tmp_path):
    stick = tmp_path / "empty-stick"
    stick.mkdir()
    report = sideload(device.config, stick)
    assert report.outcome.label == "current" and "no update" in report.detail
    assert device.state.last_sync().last_error is None


def test_the_kiosk_command_hands_the_stick_to_the_sync_side(device, publisher, tmp_path):
    stick = _stick(publisher, tmp_path / "stick")
    env = {**os.environ, "KIOSK_CONFIG": str(device.config_path), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "kiosk", "sideload", str(stick)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert b"USB stick: content version 1 applied" in done.stdout
    assert (stick / "usage" / "test-kiosk.json").exists()


def test_export_update_command_writes_a_stick_or_says_why_not(publisher, tmp_path, capsys):
    from hub.__main__ import main

    data = str(publisher.data_dir)
    out = tmp_path / "cli-stick"
    assert main(["export-update", "--channel", CHANNEL, "--out", str(out), "--data-dir", data]) == 0
    assert "content version 1 written" in capsys.readouterr().out
    assert json.loads((out / "stick.json").read_text())["channel"] == CHANNEL
    unknown = ["export-update", "--channel", "nowhere", "--out", str(out), "--data-dir", data]
    assert main(unknown) == 1
    assert "publishes no channel 'nowhere'" in capsys.readouterr().err
    too_old = [*unknown[:2], CHANNEL, *unknown[3:], "--from-version", "7"]
    assert main(too_old) == 1
    assert "no patch from version 7" in capsys.readouterr().err
