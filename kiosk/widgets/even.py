"""A grid whose cards side by side are equally tall.

Kivy's GridLayout makes a row as tall as its tallest child and puts shorter ones at the row's
bottom, so two cards next to each other start at different heights. Cards that say how tall
their texts need them (`natural_height`) get the row's height (`row_height`) instead: their
kv rule sets `height: max(self.natural_height, self.row_height)`.
"""

from __future__ import annotations

from typing import Any

from kivy.uix.gridlayout import GridLayout


class EvenRows(GridLayout):
    def add_widget(self, widget: Any, *args: Any, **kwargs: Any) -> None:
        super().add_widget(widget, *args, **kwargs)
        widget.fbind("natural_height", self._trigger_layout)

    def remove_widget(self, widget: Any, *args: Any, **kwargs: Any) -> None:
        widget.funbind("natural_height", self._trigger_layout)
        super().remove_widget(widget, *args, **kwargs)

    def do_layout(self, *args: Any) -> None:
        cards = list(reversed(self.children))
        columns = max(1, int(self.cols or 1))
        for start in range(0, len(cards), columns):
            row = cards[start : start + columns]
            tallest = max(card.natural_height for card in row)
            for card in row:
                card.row_height = tallest if columns > 1 else 0
        super().do_layout(*args)
