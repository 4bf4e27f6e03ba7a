"""Deployment tests: the doctor, the config fallback, install.sh, the bundle and the image.

The bundle is built once per session and shared (bundle and image tests). The kiosk's full fonts
are built once into pytest's cache (the same folder the kiosk tests use),
so a doctor run finds them without building.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def font_dir(request: pytest.FixtureRequest) -> Path:
    """The kiosk's fonts (full, as a development checkout builds them)."""
    from kiosk.text.fontbuild import SCRIPTS, WEIGHTS, build_font

    cache = getattr(request.config, "cache", None)
    folder = Path(cache.mkdir("kiosk-fonts")) if cache else ROOT / "build" / "test-fonts"
    for script in SCRIPTS:
        for weight in WEIGHTS:
            build_font(script, weight, folder)
    return folder


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory, font_dir: Path) -> Path:
    """dist/kiosk built into a temporary folder (the full fonts come from the test cache)."""
    from bundle.build import build_bundle

    work = tmp_path_factory.mktemp("bundle-build")
    built = build_bundle(work / "dist", work / "build", font_cache=font_dir, tarball=False)
    return built.folder


def run_device(*arguments: str, env: dict[str, str] | None = None, prefix: tuple[str, ...] = ()):
    """`python -m device ...` from the checkout, as the bundle's `kiosk ...` would run it."""
    return subprocess.run(
        [*prefix, sys.executable, "-m", "device", *arguments],
        cwd=ROOT,
        env={**os.environ, "KIVY_NO_ARGS": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def is_root() -> bool:
    return os.geteuid() == 0


@pytest.fixture(scope="session")
def disk_image(request: pytest.FixtureRequest) -> Path:
    """The bootable disk image (tests/deploy/disk.py keeps it between runs)."""
    from tests.deploy.disk import disk_image as kept_disk

    return kept_disk(lambda: request.getfixturevalue("bundle"))


@pytest.fixture(scope="session")
def references(disk_image: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The kiosk's offscreen rendering of the screens the booted image must show."""
    from PIL import Image

    from tests.deploy.disk import render_references

    out = tmp_path_factory.mktemp("references")
    paths = render_references(disk_image.parent / "catalog.json", out)
    return {name: Image.open(path).convert("RGB") for name, path in paths.items()}


@pytest.fixture(scope="session")
def host_hub(tmp_path_factory: pytest.TempPathFactory):
    """A hub on the host's 127.0.0.1 with the sample content signed and published."""
    from tests.deploy.host_hub import HostHub

    hub = HostHub(tmp_path_factory.mktemp("host-hub"))
    hub.set_up()
    hub.start()
    yield hub
    hub.stop()


@pytest.fixture(scope="session")
def booted(disk_image: Path, host_hub, tmp_path_factory: pytest.TempPathFactory):
    """One guest booted from the disk image, shared by the boot and field tests (a boot under
    emulation costs minutes). Its network reaches only the host hub's forwarded port."""
    from tests.deploy.guest import Guest

    machine = Guest(disk_image, tmp_path_factory.mktemp("guest"))
    machine.boot(forwards=(host_hub.guest_forward,))
    yield machine
    machine.shutdown()


@pytest.fixture(scope="session")
def targets(disk_image: Path) -> dict:
    """Where to tap, and the attract screen's rotating box, at the guest's panel size."""
    from tests.deploy.disk import tap_targets
    from tests.deploy.watch import PANEL

    return tap_targets(disk_image.parent / "catalog.json", PANEL)


@pytest.fixture(scope="session")
def enrolled(booted, host_hub):
    """The booted guest, enrolled with the host hub (`kiosk enrol`, through the guest agent)."""
    from tests.deploy.watch import BOOT_LIMIT_S

    booted.agent.wait_until_up(BOOT_LIMIT_S)
    code = host_hub.enrolment_code()
    kiosk = "/usr/local/bin/kiosk"
    enrol = booted.agent.run(kiosk, "enrol", "--hub", host_hub.guest_url, "--code", code)
    assert enrol.returncode == 0, enrol.stdout + enrol.stderr
    return booted
