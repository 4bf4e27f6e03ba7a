"""Moving between screens, with a Back history that the idle reset clears.

Screens are built the first time they are shown (`screen(name)`): the kiosk starts with the
attract screen only, and a screen nobody opened costs nothing. A screen shown for the first time
is laid out at once, parents first, as the tree is before the first frame (`lay_out`).
"""

from __future__ import annotations

import logging
from typing import Any

from kivy.uix.screenmanager import ScreenManager

logger = logging.getLogger(__name__)

MAX_HISTORY = 30


class Navigator:
    def __init__(self, manager: ScreenManager, app: Any) -> None:
        self.manager = manager
        self.app = app
        self.history: list[tuple[str, dict[str, Any]]] = []

    @property
    def current(self) -> str:
        return self.manager.current

    def screen(self, name: str) -> Any:
        """The screen called `name`, built on first use."""
        if not self.manager.has_screen(name):
            from kiosk.screens.registry import screen_class

            self.manager.add_widget(screen_class(name)(name=name))
        return self.manager.get_screen(name)

    def built(self) -> list[str]:
        """Names of the screens built so far."""
        return list(self.manager.screen_names)

    def show(self, name: str, history: bool = True, **params: Any) -> None:
        current = self.manager.current_screen
        if current is not None and current.name != name:
            current.leave()
            if history and current.keeps_history and current.name != "attract":
                self.history.append((current.name, getattr(current, "params", {})))
                del self.history[:-MAX_HISTORY]
        first = not self.manager.has_screen(name)
        target = self.screen(name)
        target.params = params
        target.show(**params)
        self.manager.current = name
        if first:  # as before the first frame: each label drawn once, at its real width
            from kiosk.widgets.chrome import lay_out  # loaded with the root, before any show

            lay_out(self.manager)

    def back(self) -> None:
        if not self.history:
            self.home()
            return
        name, params = self.history.pop()
        self.show(name, history=False, **params)

    def home(self) -> None:
        self.history.clear()
        self.show("home", history=False)

    def refresh_language(self) -> None:
        current = self.manager.current_screen
        if current is not None:
            current.refresh_language()

    def reset_screen(self, name: str) -> None:
        try:
            self.screen(name).reset()
        except Exception:
            logger.exception("resetting %s failed", name)

    def reset_all(self) -> None:
        current = self.manager.current_screen
        if current is not None:
            current.leave()
        self.history.clear()
        for name in self.built():
            self.reset_screen(name)
