"""The display and touch checks read what the kernel reports; here from fake sysfs and procfs."""

from __future__ import annotations

from pathlib import Path

from doctor.context import Context
from doctor.hardware import check_display, check_touch, parse_input_devices

TOUCHSCREEN = """I: Bus=0003 Vendor=222a Product=0001 Version=0110
N: Name="ILITEK ILITEK-TP"
P: Phys=usb-0000:00:14.0-4/input0
H: Handlers=mouse0 event5
B: PROP=2
B: EV=1b
B: KEY=400 0 0 0 0 0
B: ABS=260800000000003

I: Bus=0011 Vendor=0001 Product=0001 Version=ab41
N: Name="AT Translated Set 2 keyboard"
H: Handlers=sysrq kbd event0 leds
B: PROP=0
B: EV=120013
B: KEY=402000000 3803078f800d001 feffffdfffefffff fffffffffffffffe
"""
TOUCHPAD = """I: Bus=0018 Vendor=06cb Product=7e7e Version=0100
N: Name="SYNA Touchpad"
H: Handlers=mouse1 event7
B: PROP=5
B: EV=1b
B: KEY=e520 10000 0 0 0 0
B: ABS=2e0800000000003
"""


def _context(tmp_path: Path, devices: str = "") -> Context:
    proc = tmp_path / "devices"
    proc.write_text(devices)
    return Context(tmp_path / "kiosk.toml", sys_root=tmp_path / "sys", input_devices=proc)


def _connector(tmp_path: Path, name: str, status: str, modes: str = "") -> None:
    folder = tmp_path / "sys" / "class" / "drm" / name
    folder.mkdir(parents=True)
    (folder / "status").write_text(status + "\n")
    (folder / "modes").write_text(modes)


def test_a_connected_screen_passes_with_its_mode(tmp_path: Path) -> None:
    _connector(tmp_path, "card0-HDMI-A-1", "connected", "1920x1080\n1280x720\n")
    _connector(tmp_path, "card0-DP-1", "disconnected")
    [result] = check_display(_context(tmp_path))
    assert result.ok and "HDMI-A-1 1920x1080" in result.detail


def test_no_connected_screen_fails_with_the_outputs_named(tmp_path: Path) -> None:
    _connector(tmp_path, "card0-HDMI-A-1", "disconnected")
    [result] = check_display(_context(tmp_path))
    assert not result.ok and "HDMI-A-1" in result.detail and "cable" in result.fix


def test_no_graphics_device_fails(tmp_path: Path) -> None:
    [result] = check_display(_context(tmp_path))
    assert not result.ok and "driver" in result.fix


def test_a_touchscreen_is_found_and_a_touchpad_is_not_one(tmp_path: Path) -> None:
    [result] = check_touch(_context(tmp_path, TOUCHSCREEN + "\n" + TOUCHPAD))
    assert result.ok and "ILITEK ILITEK-TP (event5)" in result.detail
    assert "Touchpad" not in result.detail
    [result] = check_touch(_context(tmp_path, TOUCHPAD))
    assert not result.ok and "USB cable" in result.fix


def test_input_devices_are_parsed_with_their_bitmaps() -> None:
    screen, keyboard = parse_input_devices(TOUCHSCREEN)
    assert screen.is_touchscreen and screen.event_node == "event5"
    assert not keyboard.is_touchscreen
