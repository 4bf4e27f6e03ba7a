"""Topic tiles (home) and article cards (topic, search). Their look is in cards.kv."""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.properties import NumericProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout

from kiosk.widgets import common  # noqa: F401  (the shared rules come first)


class GridCell(ButtonBehavior, BoxLayout):
    """A tappable cell of a grid whose rows are evened out (widgets.even)."""

    natural_height = NumericProperty(0)
    """The height its contents need (a tile's icon and title, a card's picture and texts)."""
    row_height = NumericProperty(0)
    """The height of its row: cells side by side are equally tall."""
    title = StringProperty("")
    lang = StringProperty("en")


class TopicTile(GridCell):
    topic = ObjectProperty(None, allownone=True)
    icon = StringProperty("")


class ArticleCardButton(GridCell):
    card = ObjectProperty(None, allownone=True)
    summary = StringProperty("")
    image = StringProperty("")
    """Path of the article's picture, or "" when it is not on this device."""


Builder.load_file(str(Path(__file__).with_suffix(".kv")))
