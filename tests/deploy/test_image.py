"""The device image: deploy/image.sh builds a Debian root filesystem with debootstrap, installs the
bundle with install.sh, and runs `kiosk doctor` inside it (chroot, headless).

Measured on a 2-core build machine: about two minutes with a cold package cache. Downloaded
packages are kept in pytest's cache between runs. Needs root, debootstrap and the Debian mirror.
tests/deploy/test_boot.py boots the bootable disk in QEMU.
"""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from tests.deploy.conftest import ROOT, is_root

HUB = "https://hub.example.vn"
"""The hub the image's devices belong to: a technician's stick enrols them with a code alone."""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not is_root() or shutil.which("debootstrap") is None,
        reason="debootstrap and chroot need root and the debootstrap package (system-deps.sh)",
    ),
]


@pytest.fixture(scope="module")
def image(
    bundle: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Path:
    out = tmp_path_factory.mktemp("image")
    cache = getattr(request.config, "cache", None)
    debs = Path(cache.mkdir("debootstrap-debs")) if cache else out / "debs"
    result = subprocess.run(
        [
            "bash",
            str(ROOT / "deploy" / "image.sh"),
            "--bundle",
            str(bundle),
            "--out",
            str(out),
            "--no-kernel",
            "--cache",
            str(debs),
            "--hub",
            HUB,
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    log = out / "debootstrap.log"
    assert result.returncode == 0, result.stderr + (log.read_text()[-2000:] if log.exists() else "")
    return out


def test_the_root_filesystem_has_the_bundle_installed(image: Path) -> None:
    rootfs = image / "rootfs"
    assert (rootfs / "usr/bin/cage").exists() and (rootfs / "usr/bin/Xwayland").exists()
    assert (rootfs / "opt/kiosk/current/kiosk").exists()
    assert (rootfs / "usr/local/bin/kiosk").readlink().as_posix() == "/opt/kiosk/current/kiosk"
    assert "kiosk:" in (rootfs / "etc/passwd").read_text()
    wants = rootfs / "etc/systemd/system/multi-user.target.wants"
    assert (wants / "kiosk.service").is_symlink() and (wants / "kiosk-sync.service").is_symlink()
    assert (rootfs / "etc/kiosk/kiosk.toml").exists()


def test_doctor_ran_inside_the_image(image: Path) -> None:
    report = (image / "doctor.txt").read_text()
    for line in ("PASS  config", "PASS  font Khmer", "PASS  font Chinese", "PASS  disk"):
        assert line in report, report
    assert "FAIL  trusted root           not enrolled" in report
    assert report.rstrip().endswith("checks failed")


def test_each_device_makes_its_own_machine_id_at_first_boot(image: Path) -> None:
    rootfs = image / "rootfs"
    assert (rootfs / "etc/machine-id").read_text() == ""
    assert not (rootfs / "var/lib/dbus/machine-id").exists()


def test_the_image_names_its_hub_for_stick_enrolment(image: Path) -> None:
    settings = tomllib.loads((image / "rootfs/etc/kiosk/kiosk.toml").read_text())
    assert settings["sync"]["hub_url"] == HUB
    stick = (image / "rootfs/etc/systemd/system/kiosk-stick@.service").read_text()
    assert "kiosk stick /run/kiosk-stick/%I" in stick
