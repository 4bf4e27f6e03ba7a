"""The `kiosk` command: its subcommands, and the defaults it fills in for the kiosk UI."""

from __future__ import annotations

from pathlib import Path

import pytest

from device import bundle_env
from tests.deploy.conftest import run_device


def test_help_lists_every_subcommand() -> None:
    result = run_device("--help")
    assert result.returncode == 0
    for command in ("run", "screenshots", "sync run", "sync once", "enrol", "doctor"):
        assert f"kiosk {command}" in result.stdout


def test_an_unknown_command_is_refused() -> None:
    result = run_device("reboot")
    assert result.returncode == 2 and "unknown command 'reboot'" in result.stderr


def test_the_device_config_is_passed_to_the_kiosk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_CONFIG", "/etc/kiosk/kiosk.toml")
    assert bundle_env.kiosk_arguments([]) == ["--config", "/etc/kiosk/kiosk.toml"]
    assert bundle_env.kiosk_arguments(["--config", "x.toml"]) == ["--config", "x.toml"]


def test_the_bundle_catalog_is_used_unless_the_config_names_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(bundle_env, "bundle_dir", lambda: tmp_path / "_internal")
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    plain = tmp_path / "plain.toml"
    plain.write_text("[kiosk]\nscreen_dpi = 100\n")
    own = tmp_path / "own.toml"
    own.write_text('[kiosk]\nembedded_catalog = "/srv/catalog.json"\n')
    catalog = str(tmp_path / "_internal" / "embedded" / "catalog.json")
    assert bundle_env.kiosk_arguments(["--config", str(plain)])[-2:] == ["--embedded", catalog]
    assert "--embedded" not in bundle_env.kiosk_arguments(["--config", str(own)])
