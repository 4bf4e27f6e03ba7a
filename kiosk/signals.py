"""Stopping cleanly on SIGTERM (the service manager's stop) and SIGINT (Ctrl+C in a terminal).

By default SDL turns both signals into a window close request, which the lockdown refuses (a
traveller must not close the kiosk): `systemctl stop` then waited for its timeout and killed
the kiosk, losing the usage still queued. SDL is told to leave signals alone
(`SDL_NO_SIGNAL_HANDLERS`, set by kiosk.environment), and `install_stop_handlers()`, called once
the window exists, makes either signal end Kivy's main loop. `App.run` then stops the app as
`App.stop()` does (`on_stop`: the session ends, the content snapshot closes) and
`python -m kiosk run` writes the queued usage and exits with 0. Close requests, Alt+F4 and
Escape are still refused.
"""

from __future__ import annotations

import signal
from types import FrameType

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)

_received: list[int] = []


def install_stop_handlers() -> None:
    """Stop the kiosk's main loop on SIGTERM or SIGINT (call after the window is created: it
    replaces any handler SDL installed)."""
    for signum in STOP_SIGNALS:
        signal.signal(signum, _stop_main_loop)


def stop_signal() -> str | None:
    """The name of the signal that stopped the kiosk, if one did."""
    return signal.Signals(_received[0]).name if _received else None


def _stop_main_loop(signum: int, _frame: FrameType | None) -> None:
    # Runs between two bytecodes of whatever the main thread was doing: set flags only (no
    # logging, no clock scheduling, which take locks that code may be holding).
    from kivy.base import EventLoop

    _received.append(signum)
    EventLoop.quit = True  # the main loop ends after the current frame
