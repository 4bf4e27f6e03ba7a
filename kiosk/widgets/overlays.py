"""Layers drawn over the current screen: the "Still there?" countdown and the service PIN pad.

They are children of KioskRoot (not of the Window), so screenshots of the root include them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kivy.app import App
from kivy.lang import Builder
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.floatlayout import FloatLayout

from kiosk.service_access import MAX_PIN_DIGITS


class Overlay(FloatLayout):
    """Dims what is underneath and takes every touch while shown."""

    is_overlay = True

    def on_touch_down(self, touch: Any) -> bool:
        super().on_touch_down(touch)
        return True

    def on_touch_move(self, touch: Any) -> bool:
        super().on_touch_move(touch)
        return True

    def on_touch_up(self, touch: Any) -> bool:
        super().on_touch_up(touch)
        return True


class IdlePrompt(Overlay):
    seconds = NumericProperty(0)


class PinPad(Overlay):
    digits = StringProperty("")
    failed = BooleanProperty(False)

    def press(self, digit: str) -> None:
        self.failed = False
        if len(self.digits) < MAX_PIN_DIGITS:
            self.digits += digit

    def erase(self) -> None:
        self.digits = self.digits[:-1]

    def submit(self) -> None:
        app = App.get_running_app()
        if app.pin_gate.check(self.digits):
            self.parent.remove_widget(self)
            app.open_service()
            return
        self.digits = ""
        self.failed = True

    def cancel(self) -> None:
        if self.parent is not None:
            self.parent.remove_widget(self)


def hide_all(root: Any) -> None:
    for child in list(root.children):
        if isinstance(child, Overlay):
            root.remove_widget(child)


Builder.load_file(str(Path(__file__).with_suffix(".kv")))
