"""An exception inside a screen must never freeze or close the kiosk.

Kivy's main loop hands every uncaught exception to `ExceptionManager`. This handler logs it,
reports an `error` usage event and asks the app to recover (back to the home screen). Only
KeyboardInterrupt and SystemExit still stop the app.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from kivy.base import ExceptionHandler, ExceptionManager

logger = logging.getLogger(__name__)


class RecoveringHandler(ExceptionHandler):
    def __init__(self, recover: Callable[[BaseException], None]) -> None:
        self._recover = recover
        self.handled = 0

    def handle_exception(self, exception: BaseException) -> int:
        if isinstance(exception, KeyboardInterrupt | SystemExit):
            return ExceptionManager.RAISE
        self.handled += 1
        logger.error("unhandled error in the UI; returning home", exc_info=exception)
        try:
            self._recover(exception)
        except Exception:
            logger.exception("recovering from a UI error failed")
        return ExceptionManager.PASS

    def install(self) -> None:
        ExceptionManager.add_handler(self)

    def uninstall(self) -> None:
        ExceptionManager.remove_handler(self)
