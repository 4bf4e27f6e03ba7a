"""Enrolment end to end: hub code -> device id, bearer token and trusted root on the device."""

from __future__ import annotations

import stat
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from cache.usage_store import UsageEvent, UsageStore
from hub.devices.enrolment import issue_device
from hub.store import HubStore
from sync.__main__ import main as sync_main
from sync.config import ConfigError, load_device_config
from sync.enrol import EnrolError, enrol
from sync.upload import upload_usage
from tests.usage_support import FAKE_ROOT, hub_app, running


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[tuple[str, HubStore, Path]]:
    app, store = hub_app(tmp_path / "hub")
    with running(app) as url:
        yield url, store, tmp_path / "hub"


def kiosk_toml(config_dir: Path) -> Path:
    config_dir.mkdir(parents=True, exist_ok=True)
    path = config_dir / "kiosk.toml"
    path.write_text(f'[sync]\ndata_dir = "{config_dir / "data"}"\n')
    return path


def test_enrolment_writes_the_device_config_with_private_permissions(
    hub: tuple[str, HubStore, Path], tmp_path: Path
) -> None:
    url, store, _ = hub
    device, code = issue_device(store, "mong-cai")
    config = kiosk_toml(tmp_path / "etc")
    assert sync_main(["--config", str(config), "enrol", "--hub", url, "--code", code]) == 0
    device_toml = tmp_path / "etc" / "device.toml"
    root_json = tmp_path / "etc" / "root.json"
    for path in (device_toml, root_json):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert root_json.read_bytes() == FAKE_ROOT
    written = tomllib.loads(device_toml.read_text())
    assert written["device_id"] == device.id and written["channel"] == "mong-cai"
    assert written["hub_url"] == url
    loaded = load_device_config(config)
    assert loaded.device_id == device.id and loaded.token == written["token"]
    assert store.device(device.id).status == "active"  # type: ignore[union-attr]


def test_the_hub_stores_only_a_hash_of_the_token(
    hub: tuple[str, HubStore, Path], tmp_path: Path
) -> None:
    url, store, hub_dir = hub
    _, code = issue_device(store, "mong-cai")
    enrol(url, code, tmp_path / "etc")
    token = tomllib.loads((tmp_path / "etc" / "device.toml").read_text())["token"]
    for path in hub_dir.glob("hub.db*"):
        assert token.encode() not in path.read_bytes()


def test_a_code_works_only_once(hub: tuple[str, HubStore, Path], tmp_path: Path) -> None:
    url, store, _ = hub
    _, code = issue_device(store, "mong-cai")
    enrol(url, code, tmp_path / "first")
    with pytest.raises(EnrolError, match="invalid_code"):
        enrol(url, code, tmp_path / "second")
    assert not (tmp_path / "second" / "device.toml").exists()


def test_an_unknown_or_mistyped_code_gives_a_clear_error(
    hub: tuple[str, HubStore, Path], tmp_path: Path
) -> None:
    url, _, _ = hub
    with pytest.raises(EnrolError, match="invalid_code: enrolment refused"):
        enrol(url, "AAAA-BBBB-CCCC", tmp_path / "etc")
    with pytest.raises(EnrolError, match="12 letters and digits"):
        enrol(url, "hello", tmp_path / "etc")


def test_an_unreachable_hub_gives_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EnrolError, match="cannot reach the hub"):
        enrol("http://127.0.0.1:9", "AAAA-BBBB-CCCC", tmp_path / "etc")


def test_without_a_published_root_the_code_is_not_spent(
    hub: tuple[str, HubStore, Path], tmp_path: Path
) -> None:
    url, store, hub_dir = hub
    device, code = issue_device(store, "mong-cai")
    root = hub_dir / "repository" / "metadata" / "1.root.json"
    root.rename(root.with_suffix(".away"))
    with pytest.raises(EnrolError, match="no_trusted_root"):
        enrol(url, code, tmp_path / "etc")
    assert store.device(device.id).status == "pending"  # type: ignore[union-attr]
    root.with_suffix(".away").rename(root)
    enrol(url, code, tmp_path / "etc")


def test_a_revoked_device_is_cut_off(hub: tuple[str, HubStore, Path], tmp_path: Path) -> None:
    url, store, _ = hub
    device, code = issue_device(store, "mong-cai")
    config_path = kiosk_toml(tmp_path / "etc")
    enrol(url, code, tmp_path / "etc")
    config = load_device_config(config_path)
    usage = UsageStore(config.usage_db)
    usage.append([UsageEvent(1_790_000_000.0, "emergency_opened", {"lang": "vi"})])
    store.revoke(device.id)
    outcome = upload_usage(config, store=usage)
    assert not outcome.ok and outcome.refused
    assert "device_revoked" in (outcome.error or "")
    assert usage.unsent_count() == 1
    usage.close()


def test_usage_limits_come_from_the_usage_table_of_kiosk_toml(tmp_path: Path) -> None:
    config_dir = tmp_path / "etc"
    config_dir.mkdir()
    (config_dir / "kiosk.toml").write_text(
        '[sync]\nhub_url = "http://h"\nchannel = "mong-cai"\n'
        "[usage]\nraw_retention_days = 3\nsize_cap_mb = 16\n"
    )
    (config_dir / "root.json").write_bytes(FAKE_ROOT)
    limits = load_device_config(config_dir / "kiosk.toml").usage_limits
    assert limits.raw_retention_days == 3 and limits.size_cap_bytes == 16 * 1024 * 1024


def test_raw_retention_beyond_seven_days_is_refused(tmp_path: Path) -> None:
    config_dir = tmp_path / "etc"
    config_dir.mkdir()
    (config_dir / "kiosk.toml").write_text(
        '[sync]\nhub_url = "http://h"\nchannel = "mong-cai"\n[usage]\nraw_retention_days = 30\n'
    )
    (config_dir / "root.json").write_bytes(FAKE_ROOT)
    with pytest.raises(ConfigError, match=r"\[usage\] raw_retention_days"):
        load_device_config(config_dir / "kiosk.toml")
