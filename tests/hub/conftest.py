"""Fixtures shared by the hub's tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from hub.demo.browser import chromium
from hub.demo.gates import GATES
from hub.demo.seed import seed_demo
from tests.hub.hubui_support import PASSWORD, app_for, live_server

if TYPE_CHECKING:
    from playwright.sync_api import Browser

DEMO_DAYS = 10
DEMO_GATES = tuple(
    g
    for g in GATES
    if g.id in {"mong-cai", "moc-bai", "xa-mat", "lao-bao", "bo-y", "na-meo", "cau-treo"}
)
"""Seven of the demo's gates (compiling content is the slow part): two provinces with two gates
or more, the broken kiosk, the little-used gate and the flaky one."""


@pytest.fixture(scope="session")
def demo_hub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A hub data folder seeded by the demo (7 gates, 10 days). Read-only: tests that change
    data make their own."""
    data = tmp_path_factory.mktemp("demo") / "hub"
    seed_demo(data, PASSWORD, days=DEMO_DAYS, seed=11, gates=DEMO_GATES)
    return data


@pytest.fixture(scope="module")
def base_url(demo_hub: Path) -> Iterator[str]:
    """The demo hub served on 127.0.0.1 for a module's browser tests."""
    with live_server(app_for(demo_hub)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, for a module's browser tests."""
    with chromium() as launched:
        yield launched
