"""The kiosk's ScrollView: Kivy's, without its observer leak.

Kivy 2.3.1's `ScrollView.update_from_scroll` binds `bar_color` again on every call (each scroll
frame, each change of the content's size) and unbinds it once per half second of calm. A kiosk
that runs for weeks would collect millions of bindings (the memory benchmark found about a dozen
per traveller). Here the binding is dropped before Kivy makes it, so at most one exists.
"""

from __future__ import annotations

from typing import Any

from kivy.uix.scrollview import ScrollView


class KioskScrollView(ScrollView):
    def update_from_scroll(self, *largs: Any) -> None:
        self.funbind("bar_color", self._change_bar_color)
        super().update_from_scroll(*largs)

    def _bind_inactive_bar_color(self, *largs: Any) -> None:
        self.funbind("bar_inactive_color", self._change_bar_color)
        super()._bind_inactive_bar_color(*largs)
