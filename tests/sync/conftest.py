from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cache import ContentStore, StateStore, open_content
from sync.config import DeviceConfig, load_device_config
from sync.outcome import RefreshReport
from sync.refresh import Refresher
from tests.sync.hubkit import Publisher, StaticHub, enrol_device


@pytest.fixture
def publisher(tmp_path: Path) -> Publisher:
    return Publisher(tmp_path / "hub")


@pytest.fixture
def hub(publisher: Publisher) -> Iterator[StaticHub]:
    with StaticHub(publisher.repository_dir) as server:
        yield server


class Device:
    """A kiosk's sync side, in this process: its config, its stores, and a refresh."""

    def __init__(self, config_path: Path) -> None:
        self.config_path = config_path
        self.config: DeviceConfig = load_device_config(config_path)
        self.config.data_dir.mkdir(parents=True, exist_ok=True)
        self.state = StateStore(self.config.usage_db)
        self.content: ContentStore = open_content(self.config.content_db, self.state)

    def refresh(self, **kwargs: object) -> RefreshReport:
        return Refresher(self.config, self.state, self.content, **kwargs).run()

    def reconfigure(self, **changes: object) -> None:
        self.config = self.config.model_copy(update=changes)

    def close(self) -> None:
        self.content.close()
        self.state.close()


@pytest.fixture
def device(tmp_path: Path, hub: StaticHub, publisher: Publisher) -> Iterator[Device]:
    path = enrol_device(tmp_path / "kiosk", hub.url, publisher.repository.root_bytes())
    kiosk = Device(path)
    yield kiosk
    kiosk.close()
