"""The screen and the touch panel, as the kernel sees them (no window is opened)."""

from __future__ import annotations

import logging
import struct
from dataclasses import dataclass
from pathlib import Path

from doctor.context import Context
from doctor.report import Result, failed, passed

logger = logging.getLogger(__name__)

INPUT_PROP_DIRECT = 1
"""Bit in an input device's PROP bitmap: touches land where they are drawn (a touchscreen)."""
ABS_X = 0
ABS_MT_POSITION_X = 0x35
BITS_PER_WORD = struct.calcsize("l") * 8
"""The kernel prints capability bitmaps in words of one C long."""


def check_display(ctx: Context) -> list[Result]:
    drm = ctx.sys_root / "class" / "drm"
    connectors = sorted(drm.glob("card*-*")) if drm.is_dir() else []
    if not connectors:
        return [
            failed(
                "display",
                "no graphics output found (nothing under /sys/class/drm)",
                "check that the graphics driver loads (`dmesg | grep -i drm`) "
                "and that the device has a display output",
            )
        ]
    connected = [c for c in connectors if _read(c / "status") == "connected"]
    if not connected:
        names = ", ".join(_connector_name(c) for c in connectors)
        return [
            failed(
                "display",
                f"no screen connected (outputs: {names})",
                "check the screen's power and its cable, then `systemctl restart kiosk`",
            )
        ]
    shown = []
    for connector in connected:
        modes = _read(connector / "modes").splitlines()
        shown.append(f"{_connector_name(connector)} {modes[0] if modes else 'no modes'}")
    return [passed("display", "connected: " + ", ".join(shown))]


@dataclass
class InputDevice:
    name: str = ""
    handlers: str = ""
    prop: int = 0
    key: int = 0
    abs: int = 0

    @property
    def is_touchscreen(self) -> bool:
        has_position = bool(self.abs >> ABS_X & 1 or self.abs >> ABS_MT_POSITION_X & 1)
        return bool(self.prop >> INPUT_PROP_DIRECT & 1) and has_position

    @property
    def event_node(self) -> str:
        return next((h for h in self.handlers.split() if h.startswith("event")), "?")


def check_touch(ctx: Context) -> list[Result]:
    try:
        text = ctx.input_devices.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        return [failed("touch", f"cannot list input devices: {error}", "run doctor as root")]
    touch = [device for device in parse_input_devices(text) if device.is_touchscreen]
    if not touch:
        return [
            failed(
                "touch",
                "no touchscreen found",
                "check the touch panel's USB cable (a touch panel is often a separate cable "
                "from the picture), then `systemctl restart kiosk`",
            )
        ]
    names = ", ".join(f"{device.name} ({device.event_node})" for device in touch)
    return [passed("touch", names)]


def parse_input_devices(text: str) -> list[InputDevice]:
    """Parse /proc/bus/input/devices into devices with their capability bitmaps."""
    devices = []
    for block in text.split("\n\n"):
        device = InputDevice()
        for line in block.splitlines():
            kind, _, value = line.partition(": ")
            if kind == "N":
                device.name = value.removeprefix("Name=").strip('"')
            elif kind == "H":
                device.handlers = value.removeprefix("Handlers=")
            elif kind == "B":
                field, _, bits = value.partition("=")
                if field in ("PROP", "KEY", "ABS"):
                    setattr(device, field.lower(), _bitmap(bits))
        if device.name or device.handlers:
            devices.append(device)
    return devices


def _bitmap(text: str) -> int:
    """A bitmap printed as hex words, most significant first, one C long each."""
    value = 0
    for word in text.split():
        value = (value << BITS_PER_WORD) | int(word, 16)
    return value


def _connector_name(path: Path) -> str:
    return path.name.split("-", 1)[-1]


def _read(path: Path) -> str:
    try:
        return path.read_text().strip()
    except OSError:
        return ""
