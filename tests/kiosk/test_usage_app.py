"""The kiosk app with the real recorder: a traveller's taps end up as hourly aggregates in usage.db."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from cache import UsageStore
from kiosk.config import KioskConfig, usage_limits
from kiosk.usage import open_recorder


@pytest.fixture
def real_driver(kiosk_config: KioskConfig, font_dir: Path) -> Iterator[object]:
    from tests.kiosk.catalogs import kiosk_catalog
    from tests.kiosk.driver import Driver
    from tests.kiosk.fake_content import FakeContent

    drive = Driver()
    drive.recorder = open_recorder(kiosk_config.state_path)  # type: ignore[assignment]
    drive.start(kiosk_config, FakeContent(kiosk_catalog()))
    yield drive
    drive.stop()
    drive.recorder.close()  # type: ignore[attr-defined]


def test_a_travellers_taps_become_hourly_aggregates(real_driver, kiosk_config) -> None:
    driver = real_driver
    driver.start_session("en")
    driver.tap(driver.footer("search"))
    screen = driver.current()
    driver.press(screen.ids.keyboard, "v", "i", "s", "a")
    driver.tap(screen.ids.results.children[0])
    assert driver.screen == "article"
    driver.app.reset_session(idle=False)
    driver.frames(2)
    driver.stop()
    driver.recorder.close()

    store = UsageStore(kiosk_config.state_path)
    kinds = {(kind, dims): count for (_, kind, dims), (count, _, _) in store.totals().items()}
    store.close()
    assert kinds[("session_start", '{"lang":"en"}')] == 1
    assert kinds[("language_chosen", '{"lang":"en"}')] == 1
    searches = [json.loads(dims) for kind, dims in kinds if kind == "search"]
    assert {"query": "visa", "script": "Latn", "results": "1-3", "lang": "en"} in searches
    assert any(kind == "article_view" for kind, _ in kinds)
    assert kinds[("session_end", '{"engaged":true}')] == 1


def test_usage_limits_come_from_the_usage_table(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("[kiosk]\n[usage]\nraw_retention_days = 2\nsize_cap_mb = 8\n")
    limits = usage_limits(path)
    assert limits.raw_retention_days == 2 and limits.size_cap_bytes == 8 * 1024 * 1024
    assert usage_limits(None).raw_retention_days == 7
