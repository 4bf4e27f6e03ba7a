"""Timing the first frame: when KIOSK_FIRST_FRAME_FILE names a file, the app writes the wall
clock time of its first drawn frame there and stops. Used by `make bundle` to compare the bundle
with the source checkout; never set on a device.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

FIRST_FRAME_ENV = "KIOSK_FIRST_FRAME_FILE"
POLL_S = 0.001


def install_from_environment() -> None:
    target = os.environ.pop(FIRST_FRAME_ENV, None)
    if target:
        threading.Thread(target=_wait_for_window, args=(Path(target),), daemon=True).start()


def _wait_for_window(target: Path) -> None:
    """Once Kivy has a window, have the main loop note the next flip (the first frame)."""
    while True:
        module = sys.modules.get("kivy.core.window")
        if getattr(module, "Window", None) is not None:
            break
        time.sleep(POLL_S)
    from kivy.clock import Clock

    Clock.schedule_once(lambda _dt: _bind_flip(target), -1)


def _bind_flip(target: Path) -> None:
    from kivy.core.window import Window

    def flipped(*_args: Any) -> None:
        Window.unbind(on_flip=flipped)
        target.write_text(f"{time.time():.6f}\n")
        from kivy.app import App

        app = App.get_running_app()
        if app is not None:
            app.stop()

    Window.bind(on_flip=flipped)
