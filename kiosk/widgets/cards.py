"""Topic tiles (home) and article cards (topic, search). Their look is in cards.kv."""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.properties import NumericProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout

from kiosk.widgets import common  # noqa: F401  (the shared rules come first)


class TopicTile(ButtonBehavior, BoxLayout):
    natural_height = NumericProperty(0)
    """The height its icon and title need (landscape: side by side)."""
    row_height = NumericProperty(0)
    """The height of its row in a grid (widgets.even): tiles side by side are equally tall."""
    topic = ObjectProperty(None, allownone=True)
    icon = StringProperty("")
    title = StringProperty("")
    lang = StringProperty("en")


class ArticleCardButton(ButtonBehavior, BoxLayout):
    natural_height = NumericProperty(0)
    """The height its picture and texts need."""
    row_height = NumericProperty(0)
    """The height of its row in a grid (widgets.even): cards side by side are equally tall."""
    card = ObjectProperty(None, allownone=True)
    title = StringProperty("")
    summary = StringProperty("")
    lang = StringProperty("en")
    image = StringProperty("")
    """Path of the article's picture, or "" when it is not on this device."""


Builder.load_file(str(Path(__file__).with_suffix(".kv")))
