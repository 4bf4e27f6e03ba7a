"""Buttons, tiles and cards shared by the screens. Their look is in common.kv."""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.properties import BooleanProperty, ObjectProperty, OptionProperty, StringProperty
from kivy.uix.anchorlayout import AnchorLayout
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label

from kiosk.widgets import text  # noqa: F401  (registers the text layer's widgets)
from kiosk.widgets.icons import VectorIcon

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


class TopicTile(ButtonBehavior, BoxLayout):
    topic = ObjectProperty(None, allownone=True)
    icon = StringProperty("")
    title = StringProperty("")
    lang = StringProperty("en")


class ArticleCardButton(ButtonBehavior, BoxLayout):
    card = ObjectProperty(None, allownone=True)
    title = StringProperty("")
    summary = StringProperty("")
    lang = StringProperty("en")
    image = StringProperty("")
    """Path of the article's picture, or "" when it is not on this device."""


class Panel(BoxLayout):
    """A surface with a border, for grouping."""


__all__ = [
    "ArticleCardButton",
    "Glyph",
    "IconButton",
    "KioskButton",
    "Panel",
    "TopicTile",
    "VectorIcon",
]

Builder.load_file(str(Path(__file__).with_suffix(".kv")))
