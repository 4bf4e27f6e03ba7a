"""Home: the topic tiles, and a way into search."""

from __future__ import annotations

from typing import Any

from kiosk.screens.base import KioskScreen, load_kv
from kiosk.widgets.common import TopicTile


class HomeScreen(KioskScreen):
    def show(self, **_params: Any) -> None:
        app = self.kiosk
        grid = self.ids.tiles
        grid.clear_widgets()
        for topic in app.content.store.topics(app.ui.lang):
            tile = TopicTile(topic=topic, icon=topic.icon, title=topic.title, lang=topic.lang)
            tile.bind(on_release=lambda t: self.kiosk.open_topic(t.topic.id))
            grid.add_widget(tile)


SCREEN = HomeScreen
load_kv(__file__)
