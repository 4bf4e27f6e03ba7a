"""Screen name -> class, importing each screen's module (which loads its .kv file)."""

from __future__ import annotations

from importlib import import_module

from kiosk.screens import SCREENS


def screen_classes() -> dict[str, type]:
    classes = {}
    for name in SCREENS:
        module = import_module(f"kiosk.screens.{name}")
        classes[name] = module.SCREEN
    return classes
