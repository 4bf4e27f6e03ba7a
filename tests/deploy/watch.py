"""Waiting for a booted guest's screen, with the limits measured under emulation.

Every limit is about three times what was measured under plain emulation (TCG) on a 2-core
machine, so a stuck guest fails in minutes while a slow one still passes; with KVM the same
screens come far sooner. A failure keeps the last screendump in build/boot/screens/.
"""

from __future__ import annotations

from PIL import Image

from tests.deploy.conftest import ROOT
from tests.deploy.guest import Guest
from tests.deploy.screens import Box, wait_for_screen

SCREENS = ROOT / "build" / "boot" / "screens"
PANEL = (1080, 1920)
MEASURED_TCG_BOOT_S = 150  # power-on to the attract screen under TCG, 2 busy cores: 93-155 s
BOOT_LIMIT_S = 3 * MEASURED_TCG_BOOT_S
MEASURED_TCG_TAP_S = 30  # a tap to the next screen settled, under TCG: 24 to 31 s
SCREEN_LIMIT_S = 3 * MEASURED_TCG_TAP_S


def shown(
    guest: Guest,
    reference: Image.Image,
    name: str,
    limit_s: float = SCREEN_LIMIT_S,
    ignore: Box | None = None,
) -> float:
    """Wait until the guest shows `reference` (at most `limit_s`); keep the screendump as `name`."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    return wait_for_screen(
        guest.screenshot, reference, limit_s, SCREENS / name, ignore, guest.serial_tail
    )
