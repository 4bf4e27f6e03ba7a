"""Screen name -> class. A screen's module (and its .kv file) is imported on first use, so
the kiosk starts with only the attract screen loaded."""

from __future__ import annotations

from importlib import import_module

from kiosk.screens import SCREENS


class UnknownScreenError(KeyError):
    """No screen has this name."""


def screen_class(name: str) -> type:
    if name not in SCREENS:
        raise UnknownScreenError(name)
    return import_module(f"kiosk.screens.{name}").SCREEN


def screen_classes() -> dict[str, type]:
    """Every screen's class (imports every screen module)."""
    return {name: screen_class(name) for name in SCREENS}
