"""The frame around every screen: header (gate, local time, languages) and footer (navigation,
accessibility toggles, emergency). One instance of each lives in KioskRoot, around the
ScreenManager, so every screen has them and switching screens does not rebuild them.
"""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.properties import ListProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.floatlayout import FloatLayout

from kiosk.widgets import common  # noqa: F401  (registers the shared widget rules)
from kiosk.widgets.common import KioskButton


class KioskRoot(FloatLayout):
    """Header, screens and footer, plus an overlay layer for prompts."""

    def show_overlay(self, widget: object) -> None:
        self.hide_overlay(type(widget))
        self.add_widget(widget)

    def hide_overlay(self, kind: type | None = None) -> None:
        for child in list(self.children):
            if getattr(child, "is_overlay", False) and (kind is None or isinstance(child, kind)):
                self.remove_widget(child)

    def overlay(self, kind: type) -> object | None:
        return next((c for c in self.children if isinstance(c, kind)), None)


class ClockButton(ButtonBehavior, BoxLayout):
    """The header's clock. Five quick taps on it start the technician's gesture."""

    time_text = StringProperty("")
    date_text = StringProperty("")


class Header(BoxLayout):
    gate_name = StringProperty("")
    gate_name_lang = StringProperty("en")
    province = StringProperty("")
    province_lang = StringProperty("en")


class LanguageStrip(BoxLayout):
    """One button per offered language, each named in its own script: one tap switches."""

    codes = ListProperty([])

    def on_codes(self, _instance: object, codes: list[str]) -> None:
        from kivy.app import App

        from kiosk.languages import endonym

        app = App.get_running_app()
        self.clear_widgets()
        for code in codes:
            button = KioskButton(text=endonym(code), lang=code, role="small")
            button.code = code
            button.selected = code == app.ui.lang
            button.bind(on_release=lambda b: app.switch_language(b.code))
            self.add_widget(button)

    def mark(self, lang: str) -> None:
        for button in self.children:
            button.selected = getattr(button, "code", None) == lang


class Footer(BoxLayout):
    pass


Builder.load_file(str(Path(__file__).with_suffix(".kv")))
