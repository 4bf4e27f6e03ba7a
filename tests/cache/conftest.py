"""Stores over temporary files, filled with the sample catalog."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cache import ContentStore, StateStore
from tests.cache.sample import make_catalog


@pytest.fixture
def state(tmp_path: Path) -> Iterator[StateStore]:
    store = StateStore(tmp_path / "usage.db")
    yield store
    store.close()


@pytest.fixture
def store(tmp_path: Path, state: StateStore) -> Iterator[ContentStore]:
    content = ContentStore(tmp_path / "content.db", state)
    content.replace_content(make_catalog())
    yield content
    content.close()
