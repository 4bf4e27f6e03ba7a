"""The frame around every screen: header (gate, local time, languages) and footer (navigation,
accessibility toggles, emergency). One instance of each lives in KioskRoot, around the
ScreenManager, so every screen has them and switching screens does not rebuild them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kivy.factory import Factory
from kivy.lang import Builder
from kivy.properties import BooleanProperty, ListProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.floatlayout import FloatLayout
from kivy.uix.layout import Layout
from kivy.uix.widget import Widget

from kiosk.text.fonts import font_size
from kiosk.text.widgets import line_width
from kiosk.widgets import common  # noqa: F401  (registers the shared widget rules)
from kiosk.widgets.fit import FitRow


def lay_out(tree: Widget) -> None:
    """Lay `tree` out now, each layout before the ones inside it.

    Kivy lays a new tree out over several passes of its clock, inner layouts often first,
    at sizes their parents have not given them yet; a label drawn then wraps its text to
    that width (a new widget is 100 px wide) and is drawn again at its real width. After
    this, every label has its real width before it is first drawn. Heights still follow
    the texts in the frame's own passes. A scroll view (not a Layout) sizes its content here
    too, as it does when its own size changes.
    """
    for widget in tree.walk(restrict=True):
        if isinstance(widget, Layout):
            widget.do_layout()
        elif hasattr(widget, "update_from_scroll"):  # no import: scroll views load with screens
            widget.update_from_scroll()


class KioskRoot(FloatLayout):
    """Header, screens and footer, plus an overlay layer for prompts."""

    def show_overlay(self, widget: object) -> None:
        self.hide_overlay(type(widget))
        self.add_widget(widget)

    def hide_overlay(self, kind: type | None = None) -> None:
        for child in list(self.children):
            if getattr(child, "is_overlay", False) and (kind is None or isinstance(child, kind)):
                self.remove_widget(child)

    def has_overlay(self) -> bool:
        return any(getattr(child, "is_overlay", False) for child in self.children)

    def overlay(self, kind: type) -> object | None:
        return next((c for c in self.children if isinstance(c, kind)), None)

    def lay_out(self) -> None:
        """Lay the tree out now, each layout before the ones inside it (`lay_out`)."""
        lay_out(self)


class ClockButton(ButtonBehavior, BoxLayout):
    """The header's clock. Five quick taps on it start the technician's gesture."""

    time_text = StringProperty("")
    date_text = StringProperty("")


class Header(BoxLayout):
    gate_name = StringProperty("")
    gate_name_lang = StringProperty("en")
    province = StringProperty("")
    province_lang = StringProperty("en")


class LanguageStrip(FitRow):
    """One button per offered language, each named in its own script: one tap switches.

    The header has a strip for each orientation; only the one in use (not disabled) holds
    buttons, so the other costs nothing to lay out.
    """

    codes = ListProperty([])
    _follows_language = False

    def on_codes(self, *_args: object) -> None:
        self._fill()

    def on_disabled(self, *_args: object) -> None:
        self._fill()

    def _fill(self) -> None:
        from kivy.app import App

        from kiosk.languages import endonym

        app = App.get_running_app()
        self.clear_widgets()
        if self.disabled or app is None:
            return
        if not self._follows_language:
            app.ui.fbind("lang", lambda _ui, lang: self.mark(lang))  # the UI language is marked
            self._follows_language = True
        for code in self.codes:
            button = Factory.StripButton(lang=code)
            button.text = endonym(code)  # measured once, in the strip's type size
            button.code = code
            button.selected = code == app.ui.lang
            button.bind(on_release=lambda b: app.switch_language(b.code))
            self.add_widget(button)

    def mark(self, lang: str) -> None:
        for button in self.children:
            button.selected = getattr(button, "code", None) == lang


class Footer(FitRow):
    """Back, home, search, larger text, high contrast, emergency: one line of caption each.

    With larger text on, the captions grow a step of the type scale when the row has room for
    all six on one line at that size; otherwise they keep the normal size (`compact`), so no
    caption wraps in any language. The icons and the buttons grow either way.
    """

    large_text = BooleanProperty(False)
    compact = BooleanProperty(False)
    """Larger text is on, but the captions keep the normal size: larger ones would not fit."""

    def on_large_text(self, *_args: object) -> None:
        self._trigger_layout()

    def on_compact(self, _instance: object, value: bool) -> None:
        for button in self.children:
            button.compact = value

    def do_layout(self, *args: Any) -> None:
        self.compact = self.large_text and not self._room_for_large_captions()
        super().do_layout(*args)

    def _room_for_large_captions(self) -> bool:
        """Whether every caption fits on one line at the larger text's size."""
        left, _top, right, _bottom = self.padding
        room = self.width - left - right - self.spacing * (len(self.children) - 1)
        needs = 0.0
        for button in self.children:
            caption = button.ids.caption
            size = font_size(caption.role, True, caption.font_scale)
            frame = button.need - caption.line_width  # the button's padding around its caption
            needs += line_width(caption.text, caption.lang, size) + frame
        return needs <= room


Builder.load_file(str(Path(__file__).with_suffix(".kv")))
