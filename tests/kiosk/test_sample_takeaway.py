"""The sample configuration `make run` uses: its QR code opens the article on the demo hub."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import zxingcpp
from fastapi.testclient import TestClient

from kiosk.config import load_config
from tests.hub.hubui_support import add_device, app_for, make_data_dir, store_of
from tests.kiosk.catalogs import kiosk_catalog
from tests.kiosk.driver import Driver
from tests.kiosk.fake_content import FakeContent

SAMPLE_CONFIG = Path(__file__).resolve().parents[2] / "assets" / "kiosk-sample.toml"


@pytest.fixture
def sample_kiosk(tmp_path: Path, font_dir: Path) -> Iterator[Driver]:
    config = load_config(SAMPLE_CONFIG, data_dir=tmp_path, fullscreen=False)
    drive = Driver()
    drive.start(config, FakeContent(kiosk_catalog()))
    yield drive
    drive.stop()


@pytest.fixture
def demo_like_hub(tmp_path: Path) -> TestClient:
    """A hub on the sample content that knows the sample kiosk, as `python -m hub demo` does."""
    data = make_data_dir(tmp_path / "hub-root")
    store = store_of(data)
    add_device(store, "mong-cai-1", "mong-cai", datetime.now(UTC) - timedelta(days=3))
    store.close()
    return TestClient(app_for(data))


def scanned(widget: object) -> str:
    """What a phone reads from the code on the screen."""
    texture = widget.export_as_image().texture  # type: ignore[attr-defined]
    rgba = texture.pixels
    grey = bytes(rgba[i] for i in range(0, len(rgba), 4))
    image = zxingcpp.ImageView(grey, texture.width, texture.height, zxingcpp.ImageFormat.Lum)
    codes = zxingcpp.read_barcodes(image)
    assert len(codes) == 1, "no readable QR code on the screen"
    return codes[0].text


def test_the_sample_kiosks_code_opens_the_article_on_the_demo_hub(
    sample_kiosk: Driver, demo_like_hub: TestClient
) -> None:
    sample_kiosk.start_session("zh")
    sample_kiosk.app.open_article("e-visa")
    sample_kiosk.frames(4)
    address = scanned(sample_kiosk.current().ids.qr)
    assert address.startswith("http://127.0.0.1:8000/q/")
    page = demo_like_hub.get(address)
    assert page.status_code == 200
    assert "出行前在网上申请电子签证" in page.text and 'lang="zh"' in page.text


def test_an_address_that_names_no_article_is_not_found(demo_like_hub: TestClient) -> None:
    assert demo_like_hub.get("http://127.0.0.1:8000/q/0000000000000a").status_code == 404
