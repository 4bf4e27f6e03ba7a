"""Fixtures shared by the hub's tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from hub.demo.browser import chromium
from hub.demo.gates import GATES
from hub.demo.seed import seed_demo
from hub.store import backend
from hub.store.backend.local_server import running
from tests.hub.database_support import ACTIVE, DatabaseRouter
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


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL, tests about SQLite files themselves, and those that start a PostgreSQL
    server of their own, are left out (the summary counts them as deselected)."""
    if config.getoption("--hub-backend") != "postgresql":
        return

    def once(item: pytest.Item) -> bool:
        return any(item.get_closest_marker(name) for name in ("sqlite_only", "own_postgresql"))

    kept = [item for item in items if not once(item)]
    left_out = [item for item in items if once(item)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


@pytest.fixture(scope="session", autouse=True)
def hub_database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DatabaseRouter | None]:
    """With --hub-backend postgresql, every hub store of the session lives on a scratch
    PostgreSQL server, a database per data folder; with sqlite (the default), nothing changes."""
    if request.config.getoption("--hub-backend") != "postgresql":
        yield None
        return
    with running(tmp_path_factory.mktemp("postgresql")) as server:
        router = DatabaseRouter(server)
        ACTIVE.append(router)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(backend, "route", router.route)
            yield router
        ACTIVE.clear()


@pytest.fixture(autouse=True)
def _fresh_databases(hub_database: DatabaseRouter | None) -> Iterator[None]:
    """Databases a test made are dropped when it ends (session fixtures' ones stay)."""
    if hub_database is None:
        yield
        return
    hub_database.in_test = True
    try:
        yield
    finally:
        hub_database.in_test = False
        hub_database.drop_test_databases()


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
