"""Home: the topic tiles, and a way into search."""

from __future__ import annotations

from typing import Any

from kiosk.reuse import refill
from kiosk.screens.base import KioskScreen, load_kv
from kiosk.widgets.cards import TopicTile


class HomeScreen(KioskScreen):
    def show(self, **_params: Any) -> None:
        app = self.kiosk
        refill(self.ids.tiles, app.content.reader.topics(app.ui.lang), TopicTile, self._tile, _fill)

    def _tile(self) -> TopicTile:
        tile = TopicTile()
        tile.bind(on_release=lambda t: self.kiosk.open_topic(t.topic.id))
        return tile


def _fill(tile: TopicTile, topic: Any) -> None:
    tile.topic, tile.icon, tile.title, tile.lang = topic, topic.icon, topic.title, topic.lang


SCREEN = HomeScreen
load_kv(__file__)
