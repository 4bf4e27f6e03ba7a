"""Headless Kivy for the kiosk's tests: set up before anything imports kivy.

Kivy reads its settings from the environment when first imported, so this runs at collection:
no command-line parsing, a throw-away KIVY_HOME, no log files, one pixel per sp. With no
DISPLAY, the SDL in the Kivy wheel renders offscreen. Built fonts are kept in pytest's cache
folder so they are built once, not on every run.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ["KIVY_NO_ARGS"] = "1"
os.environ["KIVY_HOME"] = tempfile.mkdtemp(prefix="kivy-home-")
os.environ["KIVY_NO_FILELOG"] = "1"
os.environ["KIVY_NO_CONSOLELOG"] = "1"
os.environ["KIVY_METRICS_DENSITY"] = "1"
os.environ["KIVY_METRICS_FONTSCALE"] = "1"


def pytest_configure(config: pytest.Config) -> None:
    if "KIOSK_FONT_DIR" not in os.environ:
        cache = getattr(config, "cache", None)  # absent with -p no:cacheprovider
        folder = cache.mkdir("kiosk-fonts") if cache else tempfile.mkdtemp(prefix="kiosk-fonts-")
        os.environ["KIOSK_FONT_DIR"] = str(folder)


@pytest.fixture(scope="session")
def font_dir() -> Path:
    """The folder the kiosk's fonts are registered from (built there on first use)."""
    from kiosk.text.fonts import register_fonts

    return register_fonts()


@pytest.fixture(scope="session")
def window(font_dir: Path) -> object:
    """Kivy's window (offscreen when there is no display), for anything that draws."""
    from kivy.core.window import Window

    Window.clearcolor = (1, 1, 1, 1)
    return Window


@pytest.fixture
def settle(window: object) -> object:
    """Let Kivy run its pending layout and redraw (a few frames), as between two touches."""
    from kivy.base import EventLoop

    def run(frames: int = 3) -> None:
        for _ in range(frames):
            EventLoop.idle()

    return run
