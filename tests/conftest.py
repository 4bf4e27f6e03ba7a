"""Fixtures for the whole suite."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _close_hub_apps() -> Iterator[None]:
    """Close the hub apps a test made with `app_for` (their SQLite connections), also when the
    test never started the app's lifespan. Hub modules are not imported for tests that never
    made one."""
    yield
    support = sys.modules.get("tests.hub.hubui_support")
    if support is not None:
        support.close_open_apps()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--hub-backend",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="the database the hub's tests run on (postgresql: a scratch server of their own)",
    )
