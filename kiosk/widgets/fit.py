"""Rows of buttons in which every caption gets the room it needs to stay on one line.

The footer (Back, Home, Search, Larger text, High contrast, Emergency) and the language strip
have a caption per button, in five scripts. Equal shares leave "High contrast" or "Tiếng Việt"
too narrow while "Home" has room to spare, so a caption wraps onto two lines. A FitRow keeps
the designed proportions (`weight`) when every button's caption fits (`need`); otherwise it
gives each button what it needs and shares what is left by weight. Only a row too narrow for
all captions on one line shrinks them (in proportion to their needs), and then they wrap.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kivy.uix.boxlayout import BoxLayout


def share(available: float, weights: Sequence[float], needs: Sequence[float]) -> list[float]:
    """Widths for a row's items: proportional to `weights`, but never under an item's `need`
    while the row has room for every need."""
    count = len(weights)
    if count == 0 or available <= 0:
        return [0.0] * count
    total_need = sum(needs)
    if total_need >= available:
        return [
            available * need / total_need if total_need else available / count for need in needs
        ]
    fixed: set[int] = set()
    while True:  # items whose need exceeds their share get their need; the rest share by weight
        free_weight = sum(weights[i] for i in range(count) if i not in fixed)
        free_room = available - sum(needs[i] for i in fixed)
        unit = free_room / free_weight if free_weight else 0.0
        more = {i for i in range(count) if i not in fixed and weights[i] * unit < needs[i]}
        if not more:
            return [needs[i] if i in fixed else weights[i] * unit for i in range(count)]
        fixed |= more


class FitRow(BoxLayout):
    """A horizontal row whose children have `weight` (default 1) and `need` (pixels)."""

    def add_widget(self, widget: Any, *args: Any, **kwargs: Any) -> None:
        super().add_widget(widget, *args, **kwargs)
        if "need" in widget.properties():
            widget.fbind("need", self._trigger_layout)

    def remove_widget(self, widget: Any, *args: Any, **kwargs: Any) -> None:
        if "need" in widget.properties():
            widget.funbind("need", self._trigger_layout)
        super().remove_widget(widget, *args, **kwargs)

    def do_layout(self, *args: Any) -> None:
        children = list(reversed(self.children))
        if children:
            left, _top, right, _bottom = self.padding
            available = self.width - left - right - self.spacing * (len(children) - 1)
            widths = share(
                available,
                [getattr(child, "weight", 1.0) for child in children],
                [getattr(child, "need", 0.0) for child in children],
            )
            for child, width in zip(children, widths, strict=True):
                if child.size_hint_x != width:
                    child.size_hint_x = width  # proportions: BoxLayout turns them into widths
        super().do_layout(*args)
