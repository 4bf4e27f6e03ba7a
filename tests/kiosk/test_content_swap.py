"""New content reaches the screen only at the attract screen: a session reads the content version
it started with to its end, even when sync applies a new one in the middle of it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from cache import ContentStore, StateStore
from catalog.model import Catalog
from tests.kiosk.catalogs import kiosk_document
from tests.kiosk.driver import Driver


def newer_catalog() -> Catalog:
    """Version 2: the customs topic renamed, the e-visa article retitled, a new visa article."""
    document = kiosk_document(content_version=2)
    customs = next(t for t in document["topics"] if t["id"] == "customs")
    customs["title"]["en"] = "Customs (new rules)"
    visa = next(a for a in document["articles"] if a["id"] == "e-visa")
    visa["translations"]["en"]["title"] = "Visa rules changed"
    extra = {**visa, "id": "visa-hotline", "featured": False}
    extra["translations"] = {"en": {**visa["translations"]["en"], "title": "Visa hotline"}}
    document["articles"].append(extra)
    return Catalog.model_validate(document)


@pytest.fixture
def sqlite_driver(kiosk_config: Any, font_dir: object, tmp_path: Any) -> Iterator[Driver]:
    """The kiosk on the real content cache (content.db), as the device runs it."""
    from tests.kiosk.catalogs import kiosk_catalog

    state = StateStore(tmp_path / "usage.db")
    store = ContentStore(tmp_path / "content.db", state)
    store.replace_content(kiosk_catalog())
    drive = Driver()
    drive.start(kiosk_config, store, state=state)
    yield drive
    drive.stop()
    store.close()
    state.close()


def tile_titles(drive: Driver) -> set[str]:
    return {tile.title for tile in drive.current().ids.tiles.children}


def search_titles(drive: Driver, *keys: str) -> set[str]:
    drive.tap(drive.footer("search"))
    search = drive.current()
    drive.tap(search.ids["clear"])
    drive.press(search.ids.keyboard, *keys)
    return {card.title for card in search.ids.results.children}


def test_content_applied_mid_session_waits_for_the_attract_screen(sqlite_driver: Driver) -> None:
    drive = sqlite_driver
    store = drive.app.content.store
    drive.start_session("en")
    before_tiles = tile_titles(drive)
    before_search = search_titles(drive, "v", "i", "s", "a")
    assert "Apply for an e-visa before you travel" in before_search

    store.replace_content(newer_catalog())  # the sync process applies version 2
    drive.app.poll_content()
    drive.tap(drive.footer("home"))

    assert tile_titles(drive) == before_tiles
    assert search_titles(drive, "v", "i", "s", "a") == before_search
    drive.tap(next(c for c in drive.current().ids.results.children if c.card.id == "e-visa"))
    assert drive.current().title == "Apply for an e-visa before you travel"
    drive.app.switch_language("vi")  # a language switch does not reach the new version either
    drive.app.switch_language("en")
    assert drive.current().title == "Apply for an e-visa before you travel"

    drive.idle_for(71)  # the traveller walks away: back to the attract screen
    assert drive.screen == "attract"
    assert drive.app.content.shown_version == 2
    drive.start_session("en")
    assert "Customs (new rules)" in tile_titles(drive)
    after_search = search_titles(drive, "v", "i", "s", "a")
    assert {"Visa rules changed", "Visa hotline"} <= after_search


def test_content_applied_just_before_the_first_touch_is_taken_at_once(
    sqlite_driver: Driver,
) -> None:
    drive = sqlite_driver
    drive.app.content.store.replace_content(newer_catalog())  # before the kiosk polled

    drive.start_session("en")

    assert drive.app.content.shown_version == 2
    assert "Customs (new rules)" in tile_titles(drive)
