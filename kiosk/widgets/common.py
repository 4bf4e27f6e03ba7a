"""Buttons shared by the screens (and the frame around them). Their look is in common.kv.

Topic tiles and article cards are in kiosk.widgets.cards, imported by the screens that show
them. KioskScrollView and EvenRows are registered with Kivy's Factory by module: the attract
screen, the first one drawn, needs none of them.
"""

from __future__ import annotations

from pathlib import Path

from kivy.factory import Factory
from kivy.lang import Builder
from kivy.properties import (
    BooleanProperty,
    NumericProperty,
    OptionProperty,
    StringProperty,
)
from kivy.uix.anchorlayout import AnchorLayout
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label

from kiosk.widgets import text  # noqa: F401  (registers the text layer's widgets)

LAZY_WIDGETS = {
    "KioskScrollView": "kiosk.widgets.scroll",
    "EvenRows": "kiosk.widgets.even",
    "VectorIcon": "kiosk.widgets.icons",
}
for _name, _module in LAZY_WIDGETS.items():
    Factory.register(_name, module=_module)

SYMBOL_FONT = "/usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf"
LATIN_BOLD_FONT = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"


class KioskButton(ButtonBehavior, AnchorLayout):
    """A tappable text in one language, in its script; grows when its text needs more lines."""

    text = StringProperty("")
    lang = StringProperty("en")
    role = StringProperty("body")
    halign = StringProperty("center")
    kind = OptionProperty("secondary", options=("primary", "secondary", "danger", "quiet"))
    selected = BooleanProperty(False)
    need = NumericProperty(0)
    """Width its text needs on one line, where a row fits its buttons (widgets.fit)."""
    weight = NumericProperty(1.0)


class Glyph(Label):
    """A symbol used as an icon (arrows, house, magnifier): never text, never markup."""

    font_name = StringProperty(SYMBOL_FONT)


class IconButton(ButtonBehavior, BoxLayout):
    """A square-ish button with a symbol over a short caption (the footer's buttons)."""

    glyph = StringProperty("")
    glyph_font = StringProperty(SYMBOL_FONT)
    caption = StringProperty("")
    kind = OptionProperty("secondary", options=("primary", "secondary", "danger", "quiet"))
    selected = BooleanProperty(False)
    need = NumericProperty(0)
    """Width its caption needs on one line (the footer gives it that much when it can)."""
    weight = NumericProperty(1.0)
    compact = BooleanProperty(False)
    """Its caption keeps the normal size with larger text on (set by the footer)."""


class Panel(BoxLayout):
    """A surface with a border, for grouping."""


__all__ = ["Glyph", "IconButton", "KioskButton", "Panel"]

Builder.load_file(str(Path(__file__).with_suffix(".kv")))
