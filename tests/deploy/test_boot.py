"""The device image, booted (#14): `make image`'s bootable disk in QEMU with one virtual display
card and a USB touch tablet reaches the attract screen under cage by itself, and what it shows
matches the kiosk's own offscreen rendering of that screen.

KVM when /dev/kvm is usable, plain emulation otherwise (much slower, still run). The disk image
is built once per change of what goes into it and kept in build/boot/ (see tests/deploy/disk.py);
each boot runs on a copy-on-write overlay. The screenshots land in build/boot/screens/; the ones
in docs/images/boot/ were taken by this test.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.deploy.conftest import ROOT, is_root
from tests.deploy.disk import tap_targets
from tests.deploy.guest import Guest, kvm_usable
from tests.deploy.screens import SAME_SCREEN, difference, wait_for_screen

SCREENS = ROOT / "build" / "boot" / "screens"
BOOT_LIMIT_S = 300 if kvm_usable() else 3600  # a stuck boot, not a speed requirement

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not is_root(), reason="building the disk image needs root (loop devices, chroot)"
    ),
]


@pytest.fixture(scope="module")
def guest(disk_image: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Guest]:
    machine = Guest(disk_image, tmp_path_factory.mktemp("guest"))
    machine.boot()
    yield machine
    machine.shutdown()


def shown(guest: Guest, reference: Image.Image, name: str) -> float:
    SCREENS.mkdir(parents=True, exist_ok=True)
    return wait_for_screen(guest.screenshot, reference, BOOT_LIMIT_S, SCREENS / name)


def test_the_comparison_tells_screens_apart(references: dict[str, Image.Image]) -> None:
    attract, article = references["attract"], references["article"]
    assert difference(attract, attract) == 0
    assert difference(attract, article) > SAME_SCREEN
    assert difference(references["home"], references["topic"]) > SAME_SCREEN
    assert difference(attract, Image.new("RGB", attract.size)) > 0.5  # a black screen


def test_the_image_boots_to_the_attract_screen(
    guest: Guest, references: dict[str, Image.Image]
) -> None:
    assert shown(guest, references["attract"], "attract.png") <= SAME_SCREEN
    assert Image.open(SCREENS / "attract.png").size == guest.size
    assert "Kernel panic" not in guest.serial_text()


def test_docs_show_the_boot_screenshots() -> None:
    for name in ("attract.png", "home.png", "topic.png", "article.png"):
        assert (ROOT / "docs" / "images" / "boot" / name).exists()


@pytest.fixture(scope="module")
def targets(disk_image: Path, guest: Guest) -> dict[str, tuple[int, int]]:
    return tap_targets(disk_image.parent / "catalog.json", guest.size)


def test_touch_picks_a_language(
    guest: Guest, references: dict[str, Image.Image], targets: dict
) -> None:
    shown(guest, references["attract"], "attract.png")
    guest.tap(*targets["english"])
    assert shown(guest, references["home"], "home.png") <= SAME_SCREEN


@pytest.mark.parametrize(
    "keys",
    [("esc",), ("f1",), ("alt", "f4"), ("ctrl", "alt", "backspace"), ("ctrl", "alt", "f2")],
    ids="+".join,
)
def test_lockdown_keys_do_not_leave_the_kiosk(
    guest: Guest, references: dict[str, Image.Image], keys: tuple[str, ...]
) -> None:
    guest.keys(*keys)
    time.sleep(2)  # what the key would do has had time to happen (nothing is measured)
    assert difference(guest.screenshot(), references["home"]) <= SAME_SCREEN


def test_touch_opens_an_article(
    guest: Guest, references: dict[str, Image.Image], targets: dict
) -> None:
    shown(guest, references["home"], "home.png")
    guest.tap(*targets["topic"], hold_s=0.6)
    shown(guest, references["topic"], "topic.png")
    guest.tap(*targets["article"], hold_s=0.6)
    assert shown(guest, references["article"], "article.png") <= SAME_SCREEN
