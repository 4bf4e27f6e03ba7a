from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.hubkit import Device, Publisher, StaticHub, enrol_device


@pytest.fixture
def publisher(tmp_path: Path) -> Publisher:
    return Publisher(tmp_path / "hub")


@pytest.fixture
def hub(publisher: Publisher) -> Iterator[StaticHub]:
    with StaticHub(publisher.repository_dir) as server:
        yield server


@pytest.fixture
def device(tmp_path: Path, hub: StaticHub, publisher: Publisher) -> Iterator[Device]:
    path = enrol_device(tmp_path / "kiosk", hub.url, publisher.repository.root_bytes())
    kiosk = Device(path)
    yield kiosk
    kiosk.close()
