"""Kiosk tests run Kivy headless (SDL renders offscreen without a DISPLAY).

Kivy reads its environment at import time, so this file sets it before anything imports kivy:
no command-line parsing, a throw-away KIVY_HOME, no config file, no log file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

_KIVY_HOME = tempfile.mkdtemp(prefix="kiosk-tests-kivy-")
os.environ["KIVY_NO_ARGS"] = "1"
os.environ["KIVY_HOME"] = _KIVY_HOME
os.environ["KIVY_NO_CONFIG"] = "1"
os.environ["KIVY_NO_FILELOG"] = "1"
os.environ["KIVY_NO_ENV_CONFIG"] = "1"
os.environ["KIVY_CLIPBOARD"] = "dummy"
os.environ.setdefault("KIVY_LOG_MODE", "PYTHON")

import pytest  # noqa: E402

from kiosk.config import KioskConfig  # noqa: E402

TEST_WINDOW = (540, 960)


def pytest_configure(config: pytest.Config) -> None:
    from kiosk.kivy_setup import apply_kivy_config

    apply_kivy_config(KioskConfig(fullscreen=False, window_size=TEST_WINDOW, show_cursor=True))


@pytest.fixture
def kiosk_config(tmp_path: Path) -> KioskConfig:
    return KioskConfig(
        data_dir=tmp_path,
        embedded_catalog=None,
        fullscreen=False,
        idle_timeout_s=60,
        idle_countdown_s=10,
        device_id="test-kiosk-01",
    )


@pytest.fixture
def driver(kiosk_config: KioskConfig) -> Iterator[object]:
    from tests.kiosk.catalogs import kiosk_catalog
    from tests.kiosk.driver import Driver
    from tests.kiosk.fake_content import FakeContent

    drive = Driver()
    drive.start(kiosk_config, FakeContent(kiosk_catalog()))
    yield drive
    drive.stop()
