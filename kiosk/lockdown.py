"""What a traveller must not be able to do: quit, open settings or debug tools, multi-touch.

`Lockdown.install(window)` binds handlers that run before Kivy's own and swallow:
Escape, F1 (settings), Ctrl+E (inspector), Alt+F4 and every window close request, the right
and middle mouse buttons, and any touch that starts while another finger is already down.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

logger = logging.getLogger(__name__)

KEY_ESCAPE = 27
KEY_F1 = 282
KEY_F4 = 285
KEY_E = 101
MENU_KEYS = frozenset({KEY_ESCAPE, KEY_F1, 319})  # 319: the Android-style menu key
ALLOWED_BUTTONS = frozenset({None, "left", "scrollup", "scrolldown", "scrollleft", "scrollright"})


class Lockdown:
    """Swallows the keys, close requests and touches a kiosk must ignore."""

    def __init__(
        self, on_activity: Callable[[], None] | None = None, allow_close: bool = False
    ) -> None:
        self._on_activity = on_activity or (lambda: None)
        self._allow_close = allow_close
        """A development window (`kiosk run --windowed`) closes like any other window."""
        self._active: set[Any] = set()
        self._ignored: set[Any] = set()
        self.swallowed = 0
        """How many inputs were swallowed (for the service screen and tests)."""

    def install(self, window: Any) -> None:
        window.bind(
            on_keyboard=self.on_keyboard,
            on_request_close=self.on_request_close,
            on_touch_down=self.on_touch_down,
            on_touch_move=self.on_touch_move,
            on_touch_up=self.on_touch_up,
        )

    def uninstall(self, window: Any) -> None:
        window.unbind(
            on_keyboard=self.on_keyboard,
            on_request_close=self.on_request_close,
            on_touch_down=self.on_touch_down,
            on_touch_move=self.on_touch_move,
            on_touch_up=self.on_touch_up,
        )

    def on_keyboard(self, _window: Any, key: int, _scancode: int = 0, _text: Any = None,
                    modifiers: Any = None, *_args: Any) -> bool:  # fmt: skip
        self._on_activity()
        modifiers = set(modifiers or ())
        swallow = (
            key in MENU_KEYS
            or (key == KEY_E and "ctrl" in modifiers)
            or (key == KEY_F4 and "alt" in modifiers)
            or bool(modifiers & {"ctrl", "alt", "meta", "super"})
        )
        if swallow:
            self.swallowed += 1
            logger.debug("swallowed key %s with %s", key, sorted(modifiers))
        return swallow

    def on_request_close(self, *_args: Any, **_kwargs: Any) -> bool:
        if self._allow_close:
            logger.info("window closed")
            return False
        self.swallowed += 1
        logger.info("window close request ignored")
        return True

    def on_touch_down(self, _window: Any, touch: Any) -> bool:
        self._on_activity()
        self._forget_ended()
        button = getattr(touch, "button", None) if "button" in touch.profile else None
        if button not in ALLOWED_BUTTONS or self._active:
            self._ignored.add(touch.uid)
            self.swallowed += 1
            return True
        self._active.add(touch.uid)
        return False

    def on_touch_move(self, _window: Any, touch: Any) -> bool:
        if touch.uid in self._ignored:
            return True
        self._on_activity()
        return False

    def on_touch_up(self, _window: Any, touch: Any) -> bool:
        if touch.uid in self._ignored:
            self._ignored.discard(touch.uid)
            return True
        self._active.discard(touch.uid)
        return False

    def _forget_ended(self) -> None:
        """A widget that grabs a touch exclusively (the on-screen keyboard does) keeps its end
        from the window, so ask the event loop which touches are still down."""
        from kivy.base import EventLoop

        alive = {touch.uid for touch in EventLoop.me_list}
        self._active &= alive
        self._ignored &= alive

    def reset_touches(self) -> None:
        """Forget touches in flight (a lost touch-up must not block input for ever)."""
        self._active.clear()
        self._ignored.clear()
