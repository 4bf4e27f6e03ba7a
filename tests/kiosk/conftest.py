"""Headless Kivy for the kiosk's tests: set up before anything imports kivy.

Kivy reads its settings from the environment when first imported, so this runs at collection:
no command-line parsing, a throw-away KIVY_HOME, no config file, no log files, one pixel per sp.
With no DISPLAY, the SDL in the Kivy wheel renders offscreen. Built fonts are kept in pytest's
cache folder so they are built once, not on every run.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["KIVY_NO_ARGS"] = "1"
os.environ["KIVY_HOME"] = tempfile.mkdtemp(prefix="kivy-home-")
os.environ["KIVY_NO_CONFIG"] = "1"
os.environ["KIVY_NO_ENV_CONFIG"] = "1"
os.environ["KIVY_NO_FILELOG"] = "1"
os.environ["KIVY_NO_CONSOLELOG"] = "1"
os.environ["KIVY_METRICS_DENSITY"] = "1"
os.environ["KIVY_METRICS_FONTSCALE"] = "1"
os.environ["KIVY_CLIPBOARD"] = "dummy"

TEST_WINDOW = (540, 960)
"""Window size for app tests: the portrait shape at half size (software GL is slow)."""


def pytest_configure(config: pytest.Config) -> None:
    if "KIOSK_FONT_DIR" not in os.environ:
        cache = getattr(config, "cache", None)  # absent with -p no:cacheprovider
        folder = cache.mkdir("kiosk-fonts") if cache else tempfile.mkdtemp(prefix="kiosk-fonts-")
        os.environ["KIOSK_FONT_DIR"] = str(folder)
    from kiosk.config import KioskConfig
    from kiosk.kivy_setup import apply_kivy_config

    apply_kivy_config(KioskConfig(fullscreen=False, window_size=TEST_WINDOW, show_cursor=True))


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


@pytest.fixture
def kiosk_config(tmp_path: Path) -> object:
    from kiosk.config import KioskConfig

    return KioskConfig(
        data_dir=tmp_path,
        embedded_catalog=None,
        fullscreen=False,
        idle_timeout_s=60,
        idle_countdown_s=10,
        device_id="test-kiosk-01",
    )


@pytest.fixture
def driver(kiosk_config: object, font_dir: Path) -> Iterator[object]:
    """The kiosk app on a small catalog, driven frame by frame (see driver.py)."""
    from tests.kiosk.catalogs import kiosk_catalog
    from tests.kiosk.driver import Driver
    from tests.kiosk.fake_content import FakeContent

    drive = Driver()
    drive.start(kiosk_config, FakeContent(kiosk_catalog()))
    yield drive
    drive.stop()
