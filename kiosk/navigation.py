"""Moving between screens, with a Back history that the idle reset clears."""

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
        return self.manager.get_screen(name)

    def show(self, name: str, history: bool = True, **params: Any) -> None:
        current = self.manager.current_screen
        if current is not None and current.name != name:
            current.leave()
            if history and current.keeps_history and current.name != "attract":
                self.history.append((current.name, getattr(current, "params", {})))
                del self.history[:-MAX_HISTORY]
        target = self.screen(name)
        target.params = params
        target.show(**params)
        self.manager.current = name

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
        for name in self.manager.screen_names:
            self.reset_screen(name)
