"""What every screen shares: access to the app, data loading on `show`, clearing on `reset`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kivy.app import App
from kivy.lang import Builder
from kivy.uix.screenmanager import Screen


def load_kv(module_file: str) -> None:
    """Load the .kv file that sits next to a screen's module (once)."""
    path = str(Path(module_file).with_suffix(".kv"))
    if path not in Builder.files:
        Builder.load_file(path)


class KioskScreen(Screen):
    """A screen. `show(**params)` fills it before it appears; `reset()` forgets everything a
    traveller did on it (typed text, scroll positions, answers)."""

    keeps_history = True
    """Whether Back returns here."""

    @property
    def kiosk(self) -> Any:
        return App.get_running_app()

    def show(self, **params: Any) -> None:
        return None

    def refresh_language(self) -> None:
        """The traveller switched language while this screen is shown: redisplay."""
        self.show(**getattr(self, "params", {}))

    def leave(self) -> None:
        """The traveller navigates away (report dwell times here)."""
        return None

    def reset(self) -> None:
        for scroll in self.walk_scrolls():
            scroll.scroll_y = 1
            scroll.scroll_x = 0

    def walk_scrolls(self) -> list[Any]:
        from kivy.uix.scrollview import ScrollView

        return [w for w in self.walk(restrict=True) if isinstance(w, ScrollView)]
