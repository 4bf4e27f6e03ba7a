"""Starting with a missing or corrupt content.db falls back to the embedded catalog."""

from __future__ import annotations

from catalog import dump
from kiosk.config import KioskConfig
from kiosk.stores import open_stores
from tests.kiosk.catalogs import kiosk_catalog
from tests.kiosk.driver import Driver


def test_corrupt_content_db_at_start(tmp_path, font_dir) -> None:
    embedded = tmp_path / "catalog.json"
    embedded.write_bytes(dump(kiosk_catalog()))
    (tmp_path / "content.db").write_bytes(b"this is not a database" * 100)
    config = KioskConfig(data_dir=tmp_path, embedded_catalog=embedded, fullscreen=False)
    content, state = open_stores(config)
    drive = Driver()
    try:
        drive.start(config, content, state=state)
        assert drive.screen == "attract"
        drive.start_session("vi")
        titles = {tile.title for tile in drive.current().ids.tiles.children}
        assert "Nhập cảnh" in titles
    finally:
        drive.stop()
        content.close()
        state.close()


def test_missing_content_db_at_start(tmp_path) -> None:
    embedded = tmp_path / "catalog.json"
    embedded.write_bytes(dump(kiosk_catalog()))
    config = KioskConfig(data_dir=tmp_path / "data", embedded_catalog=embedded)
    content, state = open_stores(config)
    try:
        assert content.content_version() == 1
        assert [t.id for t in content.topics("km")][:1] == ["entry-visa"]
    finally:
        content.close()
        state.close()
