"""Kivy's Config for a kiosk: set after `kivy.config` is imported, before the window exists."""

from __future__ import annotations

import logging

from kiosk.config import KioskConfig

logger = logging.getLogger(__name__)


def apply_kivy_config(
    config: KioskConfig, orientation: str | None = None, screen: tuple[int, int] | None = None
) -> None:
    """Lock Kivy's own settings down and size the window for `config`.

    Fullscreen on a `screen` of known size is a borderless window covering it from its top-left
    corner (kiosk.display says why); on an unknown one, SDL's fullscreen request. Windowed is
    the configured size, turned to the orientation asked for."""
    from kivy.config import Config

    Config.set("kivy", "exit_on_escape", "0")
    Config.set("kivy", "pause_on_minimize", "0")
    Config.set("kivy", "keyboard_mode", "system")  # never dock Kivy's own keyboard
    Config.set("kivy", "log_level", config.log_level.lower())
    for name, _value in Config.items("modules"):
        Config.remove_option("modules", name)  # no inspector, monitor, touchring, ...
    for name, _value in Config.items("input"):
        Config.remove_option("input", name)
    Config.set("input", "mouse", "mouse,disable_multitouch")  # no red multi-touch dots
    Config.set("graphics", "show_cursor", "1" if config.show_cursor else "0")
    Config.set("graphics", "resizable", "0")
    Config.set("graphics", "borderless", "1" if config.fullscreen else "0")
    if config.fullscreen and screen is not None:
        Config.set("graphics", "fullscreen", "0")
        Config.set("graphics", "position", "custom")
        Config.set("graphics", "left", "0")
        Config.set("graphics", "top", "0")
        Config.set("graphics", "width", str(screen[0]))
        Config.set("graphics", "height", str(screen[1]))
        return
    Config.set("graphics", "fullscreen", "auto" if config.fullscreen else "0")
    Config.set("graphics", "position", "auto")
    width, height = config.window_size
    wanted = orientation or config.orientation
    if (wanted == "landscape" and height > width) or (wanted == "portrait" and width > height):
        width, height = height, width
    Config.set("graphics", "width", str(width))
    Config.set("graphics", "height", str(height))


def rotation_for(config: KioskConfig, panel_size: tuple[int, int], orientation: str | None) -> int:
    """Degrees to rotate the picture so the layout gets the orientation it asks for."""
    if config.rotation is not None:
        return config.rotation
    wanted = orientation or config.orientation
    width, height = panel_size
    if (wanted == "portrait" and width > height) or (wanted == "landscape" and height > width):
        return 90
    return 0


class _NoClipboard:
    """Kivy's clipboard interface, holding nothing."""

    def get(self, mimetype: str = "text/plain") -> str:
        return ""

    def put(self, data: object, mimetype: str = "text/plain") -> None:
        return None

    def get_types(self) -> list[str]:
        return []

    def paste(self) -> str:
        return ""

    def copy(self, data: str = "") -> None:
        return None


def use_dummy_clipboard() -> None:
    """A kiosk has nothing to copy or paste. Without this, the first TextInput on Linux probes
    for xclip/xsel and logs a traceback for each one that is missing."""
    import kivy.uix.textinput as textinput

    if not textinput.Clipboard:
        textinput.Clipboard = _NoClipboard()
