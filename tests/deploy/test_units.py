"""The systemd units: what runs, as whom, restarted always; the night switch with a fake sysfs."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.deploy.conftest import ROOT

UNITS = ROOT / "deploy" / "systemd"


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(UNITS / name)
    return parser


@pytest.mark.parametrize("name", ["kiosk.service", "kiosk-x.service", "kiosk-sync.service"])
def test_services_run_unprivileged_and_restart_always(name: str) -> None:
    service = unit(name)["Service"]
    assert service["User"] == "kiosk" and service["Restart"] == "always"
    environment = (UNITS / name).read_text()
    assert "Environment=KIOSK_CONFIG=/etc/kiosk/kiosk.toml\n" in environment
    assert "/opt/kiosk/current/kiosk" in service["ExecStart"]
    assert unit(name)["Install"]["WantedBy"] == "multi-user.target"


def test_the_ui_runs_inside_cage_and_the_daemon_runs_sync() -> None:
    assert unit("kiosk.service")["Service"]["ExecStart"].startswith("/usr/bin/cage ")
    assert "/opt/kiosk/current/kiosk run " in unit("kiosk.service")["Service"]["ExecStart"]
    assert unit("kiosk-sync.service")["Service"]["ExecStart"].endswith("kiosk sync run")
    assert "xset s off -dpms" in unit("kiosk-x.service")["Service"]["ExecStart"]


@pytest.mark.parametrize("name", ["kiosk.service", "kiosk-x.service"])
def test_the_ui_switches_software_as_root_first_and_reports_its_health(name: str) -> None:
    text = (UNITS / name).read_text()
    switch = "ExecStartPre=-+/usr/local/sbin/kiosk-update switch\n"
    assert switch in text
    assert text.index(switch) == text.index("ExecStartPre=")  # before any of the release runs
    assert "--pending-update /opt/kiosk/pending" in text
    assert "--health-file /var/lib/kiosk/health/ui.json" in text


def test_a_staged_update_is_installed_by_root_and_the_trial_is_checked_often() -> None:
    assert unit("kiosk-update.path")["Path"]["PathExists"] == "/var/lib/kiosk/updates/ready"
    assert unit("kiosk-update.path")["Path"]["Unit"] == "kiosk-update.service"
    install = unit("kiosk-update.service")["Service"]
    assert "User" not in install and install["Type"] == "oneshot"
    assert install["ExecStart"] == "/usr/local/sbin/kiosk-update install"
    check = unit("kiosk-update-check.service")["Service"]
    assert check["ExecStart"] == "/usr/local/sbin/kiosk-update check"
    assert unit("kiosk-update-check.timer")["Timer"]["OnCalendar"] == "*-*-* *:*:00/30"


def test_the_journal_is_capped() -> None:
    journal = unit("journald-kiosk.conf")["Journal"]
    assert journal["SystemMaxUse"] and journal["SystemKeepFree"] and journal["RuntimeMaxUse"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_the_timers_parse() -> None:
    for name in ("kiosk-display-off.timer", "kiosk-display-on.timer", "kiosk-update-check.timer"):
        calendar = unit(name)["Timer"]["OnCalendar"]
        result = subprocess.run(
            ["systemd-analyze", "calendar", calendar], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr


def test_the_night_switch_powers_the_backlight_and_the_ui(tmp_path: Path) -> None:
    power = tmp_path / "sys" / "class" / "backlight" / "panel" / "bl_power"
    power.parent.mkdir(parents=True)
    power.write_text("0\n")
    calls = tmp_path / "systemctl.log"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "systemctl").write_text(f'#!/bin/sh\necho "$@" >> {calls}\n')
    (bin_dir / "systemctl").chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "SYSFS": str(tmp_path / "sys"),
        "TTY": str(tmp_path / "no-tty"),
    }
    script = str(ROOT / "deploy" / "kiosk-display")
    subprocess.run([script, "off"], env=env, check=True)
    assert power.read_text().strip() == "4"
    subprocess.run([script, "on"], env=env, check=True)
    assert power.read_text().strip() == "0"
    assert calls.read_text().splitlines() == ["stop kiosk.service", "start kiosk.service"]


def test_plugging_a_usb_stick_starts_the_sideload_of_its_partition() -> None:
    rule = (UNITS / "90-kiosk-stick.rules").read_text()
    assert 'ENV{SYSTEMD_WANTS}+="kiosk-stick@%k.service"' in rule
    assert 'SUBSYSTEMS=="usb"' in rule and 'ACTION=="add"' in rule
    service = (UNITS / "kiosk-stick@.service").read_text()
    assert "ExecStart=/opt/kiosk/current/kiosk stick /run/kiosk-stick/%I\n" in service
    assert "nosuid,nodev,noexec" in service and "ExecStopPost=-/bin/umount" in service
    assert unit("kiosk-stick@.service")["Service"]["Type"] == "oneshot"
