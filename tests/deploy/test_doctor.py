"""`kiosk doctor` passes on a healthy device and reports each failure when it is provoked:
a missing font, a corrupt database, an unreachable hub, a clock in the past, and more."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from cache import StateStore, open_content
from sync.config import load_device_config
from sync.refresh import Refresher
from tests.deploy.conftest import run_device
from tests.sync.hubkit import Publisher, StaticHub, enrol_device, free_port

OFFLINE_CHECKS = ("fonts", "config", "trusted root", "database", "disk", "last sync")


@dataclass
class Device:
    config: Path
    data: Path
    fonts: Path
    hub: StaticHub

    def doctor(self, *only: str, env: dict[str, str] | None = None, prefix=()) -> tuple[int, dict]:
        arguments = ["doctor", "--config", str(self.config), "--fonts", str(self.fonts), "--json"]
        for name in only:
            arguments += ["--only", name]
        result = run_device(*arguments, env=env, prefix=prefix)
        assert result.stdout, result.stderr
        lines = {line["check"]: line for line in json.loads(result.stdout)}
        return result.returncode, lines


@pytest.fixture
def device(tmp_path: Path, font_dir: Path) -> Iterator[Device]:
    """An enrolled device that has synced once from a real (local) hub."""
    publisher = Publisher(tmp_path / "hub")
    publisher.publish()
    with StaticHub(publisher.repository_dir) as hub:
        config = enrol_device(tmp_path / "etc", hub.url, publisher.repository.root_bytes())
        data = tmp_path / "etc" / "data"
        with config.open("a") as handle:
            handle.write(f"\n[kiosk]\ndata_dir = '{data}'\n")
        settings = load_device_config(config)
        data.mkdir(parents=True, exist_ok=True)
        state = StateStore(settings.usage_db)
        content = open_content(settings.content_db, state)
        report = Refresher(settings, state, content).run()
        assert report.outcome.ok, report.line()
        content.close()
        state.close()
        fonts = tmp_path / "fonts"
        shutil.copytree(font_dir, fonts)
        yield Device(config, data, fonts, hub)


def test_a_healthy_device_passes_every_offline_check(device: Device) -> None:
    code, lines = device.doctor(*OFFLINE_CHECKS, "hub", "clock")
    assert {name for name, line in lines.items() if not line["ok"]} <= {"last upload"}, lines
    assert lines["hub"]["ok"] and lines["last sync"]["ok"]
    assert {"font Latin/Vietnamese", "font Khmer", "font Lao", "font Chinese"} <= set(lines)
    assert code == (0 if lines.get("last upload", {"ok": True})["ok"] else 1)


def test_a_missing_font_is_reported_with_its_fix(device: Device) -> None:
    (device.fonts / "khmr-regular.ttf").unlink()
    code, lines = device.doctor("fonts")
    assert code == 1
    assert not lines["font Khmer"]["ok"]
    assert "khmr-regular.ttf is missing" in lines["font Khmer"]["detail"]
    assert "reinstall" in lines["font Khmer"]["fix"]
    assert lines["font Lao"]["ok"] and lines["font Chinese"]["ok"]


def test_a_font_without_the_glyphs_is_reported(device: Device) -> None:
    shutil.copy(device.fonts / "latn-regular.ttf", device.fonts / "laoo-regular.ttf")
    code, lines = device.doctor("fonts")
    assert code == 1
    assert "has no glyph for U+0E" in lines["font Lao"]["detail"]


def test_a_corrupt_database_is_reported(device: Device) -> None:
    content_db = device.data / "content.db"
    for leftover in device.data.glob("content.db-*"):
        leftover.unlink()
    content_db.write_bytes(b"this is not a database" * 500)
    code, lines = device.doctor("database")
    assert code == 1
    line = lines["database content.db"]
    assert not line["ok"] and "damaged" in line["detail"]
    assert "systemctl restart kiosk" in line["fix"]
    assert lines["database usage.db"]["ok"]


def test_an_unreachable_hub_is_reported(device: Device) -> None:
    text = device.config.parent.joinpath("device.toml").read_text()
    closed = f"http://127.0.0.1:{free_port()}"
    device.config.parent.joinpath("device.toml").write_text(text.replace(device.hub.url, closed))
    code, lines = device.doctor("hub")
    assert code == 1
    assert not lines["hub"]["ok"]
    assert (
        "unreachable" in lines["hub"]["detail"] and "connection refused" in lines["hub"]["detail"]
    )
    assert "network" in lines["hub"]["fix"]


@pytest.mark.skipif(shutil.which("faketime") is None, reason="needs faketime (system-deps.sh)")
def test_a_clock_in_the_past_is_reported(device: Device) -> None:
    code, lines = device.doctor("clock", prefix=("faketime", "2020-01-01 08:00:00"))
    assert code == 1
    assert not lines["clock"]["ok"]
    assert "before the software build date" in lines["clock"]["detail"]
    assert "timedatectl set-time" in lines["clock"]["fix"]


def test_a_wrong_config_key_is_named(device: Device) -> None:
    with device.config.open("a") as handle:
        handle.write("idle_timeout_s = 5\n")
    code, lines = device.doctor("config")
    assert code == 1
    assert "[kiosk] idle_timeout_s" in lines["config"]["detail"]


def test_a_forged_trusted_root_is_reported(device: Device) -> None:
    root = device.config.parent / "root.json"
    document = json.loads(root.read_text())
    document["signed"]["version"] += 1  # no longer what its keys signed
    root.write_text(json.dumps(document))
    code, lines = device.doctor("trusted root")
    assert code == 1
    assert not lines["trusted root"]["ok"]
    assert "enrol" in lines["trusted root"]["fix"]


def test_an_unenrolled_device_is_told_to_enrol(device: Device) -> None:
    (device.config.parent / "device.toml").unlink()
    code, lines = device.doctor("trusted root")
    assert code == 1
    assert "not enrolled" in lines["trusted root"]["detail"]


def test_failed_syncs_are_reported_with_the_last_error(device: Device) -> None:
    from datetime import UTC, datetime

    state = StateStore(device.data / "usage.db")
    state.record_sync_outcome(False, "hub-unreachable: connection refused", datetime.now(UTC))
    state.close()
    code, lines = device.doctor("last sync")
    assert code == 1
    assert "connection refused" in lines["last sync"]["detail"]


def test_a_wrong_update_setting_is_named(device: Device) -> None:
    with device.config.open("a") as handle:
        handle.write("\n[update]\ntrial_seconds = 5\n")
    code, lines = device.doctor("config")
    assert code == 1
    assert "[update] trial_seconds" in lines["config"]["detail"]
