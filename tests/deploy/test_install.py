"""install.sh into a scratch root (DESTDIR): twice leaves the same files; a newer bundle upgrades
and keeps data and config; the units are enabled; the scripts are shellcheck-clean."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from tests.deploy.conftest import ROOT, is_root

DEPLOY = ROOT / "deploy"
needs_root = pytest.mark.skipif(
    not is_root() or shutil.which("systemd-sysusers") is None,
    reason="install.sh creates users and sets owners: needs root and systemd (system-deps.sh)",
)


def fake_bundle(folder: Path, version: str) -> Path:
    """A bundle with the real deploy files and a stand-in executable."""
    bundle = folder / f"bundle-{version}" / "kiosk"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "kiosk").write_text("#!/bin/sh\necho kiosk\n")
    (bundle / "kiosk").chmod(0o755)
    (bundle / "_internal" / "VERSION").write_text(f"{version}\n")
    (bundle / "_internal" / "library.so").write_bytes(version.encode() * 1000)
    shutil.copytree(DEPLOY, bundle / "deploy", ignore=shutil.ignore_patterns("image*"))
    return bundle


def install(bundle: Path, root: Path, *options: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(bundle / "deploy" / "install.sh"), *options],
        env={**os.environ, "DESTDIR": str(root)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result


def snapshot(root: Path) -> dict[str, tuple]:
    """Every path under root: type, mode, owner, and content hash or link target."""
    files = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            what = path.readlink().as_posix()
        elif stat.S_ISREG(info.st_mode):
            what = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            what = ""
        key = str(path.relative_to(root))
        files[key] = (stat.filemode(info.st_mode), info.st_uid, info.st_gid, what)
    return files


@needs_root
def test_installing_twice_leaves_the_same_files(tmp_path: Path) -> None:
    bundle = fake_bundle(tmp_path, "1.0.0")
    root = tmp_path / "root"
    install(bundle, root)
    first = snapshot(root)
    second_run = install(bundle, root)
    assert snapshot(root) == first
    assert "nothing changed" in second_run.stdout


@needs_root
def test_the_install_lays_out_bundle_user_config_data_and_units(tmp_path: Path) -> None:
    root = tmp_path / "root"
    install(fake_bundle(tmp_path, "1.0.0"), root)
    assert Path(root / "opt/kiosk/current").readlink().as_posix() == "releases/1.0.0"
    assert Path(root / "usr/local/bin/kiosk").readlink().as_posix() == "/opt/kiosk/current/kiosk"
    passwd = (root / "etc/passwd").read_text()
    assert passwd.startswith("kiosk:") and "/usr/sbin/nologin" in passwd
    uid = int(passwd.split(":")[2])
    data = (root / "var/lib/kiosk").stat()
    assert (data.st_uid, stat.S_IMODE(data.st_mode)) == (uid, 0o750)
    config = root / "etc/kiosk/kiosk.toml"
    assert stat.S_IMODE(config.stat().st_mode) == 0o640 and config.stat().st_uid == 0
    wants = root / "etc/systemd/system/multi-user.target.wants"
    assert sorted(p.name for p in wants.iterdir()) == [
        "kiosk-sync.service",
        "kiosk-update.path",
        "kiosk.service",
    ]
    assert (root / "etc/systemd/journald.conf.d/kiosk.conf").exists()
    assert (root / "etc/systemd/system/kiosk-display-off.timer").exists()
    timers = root / "etc/systemd/system/timers.target.wants"
    assert [p.name for p in timers.iterdir()] == ["kiosk-update-check.timer"]  # night: opt-in
    updater = root / "usr/local/sbin/kiosk-update"
    assert updater.is_file() and stat.S_IMODE(updater.stat().st_mode) == 0o755
    update_state = (root / "var/lib/kiosk-update").stat()
    assert (update_state.st_uid, stat.S_IMODE(update_state.st_mode)) == (0, 0o755)
    assert (root / "var/lib/kiosk/updates").stat().st_uid == uid


@needs_root
def test_a_newer_bundle_upgrades_and_keeps_data_and_config(tmp_path: Path) -> None:
    root = tmp_path / "root"
    install(fake_bundle(tmp_path, "1.0.0"), root)
    config = root / "etc/kiosk/kiosk.toml"
    config.write_text(config.read_text() + "\n# edited by a technician\n")
    (root / "etc/kiosk/device.toml").write_text("device_id = 'k1'\n")
    (root / "var/lib/kiosk/usage.db").write_bytes(b"precious")
    install(fake_bundle(tmp_path, "1.1.0"), root)
    assert Path(root / "opt/kiosk/current").readlink().as_posix() == "releases/1.1.0"
    assert Path(root / "opt/kiosk/previous").readlink().as_posix() == "releases/1.0.0"
    assert "edited by a technician" in config.read_text()
    assert (root / "etc/kiosk/device.toml").read_text() == "device_id = 'k1'\n"
    assert (root / "var/lib/kiosk/usage.db").read_bytes() == b"precious"
    install(fake_bundle(tmp_path, "1.2.0"), root)
    assert sorted(p.name for p in (root / "opt/kiosk/releases").iterdir()) == ["1.1.0", "1.2.0"]


@needs_root
def test_the_x_alternative_replaces_the_cage_unit(tmp_path: Path) -> None:
    root = tmp_path / "root"
    bundle = fake_bundle(tmp_path, "1.0.0")
    install(bundle, root)
    install(bundle, root, "--x11")
    wants = root / "etc/systemd/system/multi-user.target.wants"
    assert sorted(p.name for p in wants.iterdir()) == [
        "kiosk-sync.service",
        "kiosk-update.path",
        "kiosk-x.service",
    ]


def test_a_folder_without_a_bundle_is_refused(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(DEPLOY / "install.sh"), "--bundle", str(tmp_path)],
        env={**os.environ, "DESTDIR": str(tmp_path / "root")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "run as root" in result.stderr or "no kiosk bundle" in result.stderr


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="needs shellcheck (system-deps.sh)")
def test_the_shell_scripts_are_shellcheck_clean() -> None:
    scripts = [path for path in DEPLOY.iterdir() if path.is_file() and _is_shell(path)]
    assert len(scripts) >= 3
    result = subprocess.run(
        ["shellcheck", *map(str, scripts)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout


def _is_shell(path: Path) -> bool:
    return path.read_bytes()[:40].startswith(b"#!/usr/bin/env bash")
