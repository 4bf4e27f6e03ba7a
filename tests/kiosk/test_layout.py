"""Layout details seen on screenshots: captions on one line, no empty strips, the source line
in sight under every article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from kiosk.i18n import UI_LANGUAGES
from tests.kiosk.catalogs import kiosk_catalog
from tests.kiosk.driver import Driver
from tests.kiosk.fake_content import FakeContent


def lines(label: object) -> int:
    return len(label.wrapped_text().split("\n"))  # type: ignore[attr-defined]


@pytest.mark.parametrize("large_text", [False, True])
@pytest.mark.parametrize("portrait", [True, False])
def test_footer_captions_and_language_names_stay_on_one_line(
    driver, portrait: bool, large_text: bool
) -> None:
    from kivy.core.window import Window

    if not portrait:
        Window.size = (960, 540)
        driver.frames(3)
    driver.start_session("en")
    driver.app.ui.large_text = large_text
    for lang in UI_LANGUAGES:
        driver.app.switch_language(lang)
        driver.frames(3)
        footer = driver.root.ids.footer
        for button in footer.children:
            assert lines(button.ids.caption) == 1, (lang, button.caption)
        header = driver.root.ids.header.ids
        strip = header.languages_tall if portrait else header.languages_wide
        assert len(strip.children) == len(UI_LANGUAGES)
        for button in strip.children:
            assert lines(button.ids.label) == 1, (lang, button.text)


def test_larger_text_grows_the_footer_captions_where_they_fit(driver) -> None:
    from kivy.core.window import Window

    footer = driver.root.ids.footer
    driver.start_session("en")
    caption = driver.footer("back").ids.caption
    normal = caption.font_size
    driver.app.ui.large_text = True
    driver.frames(3)
    assert footer.compact and caption.font_size == normal  # portrait: six English captions
    Window.size = (960, 540)
    driver.frames(3)
    assert not footer.compact and caption.font_size > normal  # landscape has room


def test_search_results_have_no_strip_under_their_titles(driver) -> None:
    driver.start_session("en")
    driver.tap(driver.footer("search"))
    search = driver.current()
    driver.press(search.ids.keyboard, "v", "i", "s", "a")
    card = search.ids.results.children[-1]
    title = card.ids.texts.children[-1]
    assert card.ids.texts.height == title.height
    assert card.height == pytest.approx(title.height + 2 * driver.app.ui.pad)


def test_the_source_line_is_in_sight_under_a_long_article(driver) -> None:
    driver.start_session("en")
    driver.app.open_article("e-visa")
    driver.frames(3)
    article = driver.current()
    as_of = article.ids.as_of
    assert as_of.text.startswith("Information as of") and "Source:" in as_of.text
    scroll = article.ids.scroll
    assert as_of.top <= scroll.y and as_of.y >= article.y  # under the text, on screen
    scroll.scroll_y = 0.5
    driver.frames(2)
    assert as_of.top <= scroll.y  # it does not scroll away


SAMPLE_TOPICS = Path(__file__).resolve().parents[2] / "assets" / "content" / "topics.yaml"
LANDSCAPE = (960, 540)
"""The 1920 x 1080 landscape panel at half size, as the other app tests."""


@pytest.fixture
def landscape(kiosk_config: object, font_dir: Path) -> Iterator[Driver]:
    """The app in landscape with the sample content's topics (ten, with long Khmer and Lao titles)."""
    topics = yaml.safe_load(SAMPLE_TOPICS.read_text(encoding="utf-8"))
    drive = Driver()
    drive.start(kiosk_config, FakeContent(kiosk_catalog(topics=topics)), size=LANDSCAPE)
    yield drive
    drive.stop()


@pytest.fixture
def full_landscape(kiosk_config: object, font_dir: Path) -> Iterator[Driver]:
    """The app on a full-size 1920 x 1080 landscape panel."""
    drive = Driver()
    drive.start(kiosk_config, FakeContent(kiosk_catalog()), size=(1920, 1080))
    yield drive
    drive.stop()


def fully_inside(widget: Any, frame: Any) -> bool:
    bottom = widget.to_window(widget.x, widget.y)[1]
    frame_bottom = frame.to_window(frame.x, frame.y)[1]
    return frame_bottom - 1 <= bottom and bottom + widget.height <= frame_bottom + frame.height + 1


@pytest.mark.parametrize("large_text", [False, True])
def test_landscape_home_shows_two_full_rows_of_tiles(landscape: Driver, large_text: bool) -> None:
    landscape.start_session("en")
    ui = landscape.app.ui
    for lang in UI_LANGUAGES:
        landscape.app.switch_language(lang)
        ui.large_text = large_text
        landscape.frames(4)
        home = landscape.current()
        grid = home.ids.tiles
        tiles = list(reversed(grid.children))
        assert len(tiles) == 10
        shown = [tile for tile in tiles if fully_inside(tile, home.ids.scroll)]
        assert shown == tiles[: len(shown)] and len(shown) >= 2 * grid.cols, (lang, len(shown))


@pytest.mark.parametrize("large_text", [False, True])
def test_landscape_tiles_hold_their_titles_and_stay_tappable(
    landscape: Driver, large_text: bool
) -> None:
    landscape.start_session("en")
    ui = landscape.app.ui
    for lang in UI_LANGUAGES:
        landscape.app.switch_language(lang)
        ui.large_text = large_text
        landscape.frames(4)
        for tile in landscape.current().ids.tiles.children:
            title = tile.ids.title
            assert min(tile.width, tile.height) >= ui.min_target
            assert tile.y + tile.padding[3] <= title.y and title.top <= tile.top - tile.padding[1]
            assert title.texture_size[0] <= title.width, (lang, tile.title)
            assert lines(title) <= 2, (lang, tile.title)


def test_a_screen_shown_for_the_first_time_draws_each_label_once(driver, monkeypatch) -> None:
    from kiosk.text.widgets import ScriptLabel

    driver.start_session("km")
    draws: dict[int, list[float]] = {}
    texture_update = ScriptLabel.texture_update

    def counted(label: Any, *args: Any) -> None:
        if label.text:
            draws.setdefault(id(label), []).append(label.width)
        texture_update(label, *args)

    counted.__name__ = "texture_update"  # Kivy's clock finds the method by its name
    monkeypatch.setattr(ScriptLabel, "texture_update", counted)
    for show in (
        lambda: driver.app.open_topic("customs"),
        lambda: driver.app.open_article("e-visa"),
        driver.app.open_search,
        driver.app.open_emergency,
    ):
        draws.clear()
        show()
        driver.frames(4)
        assert draws, driver.screen
        assert [widths for widths in draws.values() if len(widths) > 1] == [], driver.screen


def window_rect(
    widget: Any, pos: Any = None, size: Any = None
) -> tuple[float, float, float, float]:
    x, y = widget.to_window(*(pos or widget.pos))
    width, height = size or widget.size
    return x, y, width, height


def overlaps(one: tuple[float, ...], other: tuple[float, ...]) -> bool:
    ax, ay, aw, ah = one
    bx, by, bw, bh = other
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


@pytest.mark.parametrize("large_text", [False, True])
def test_the_landscape_take_away_panel_never_overlaps_and_keeps_the_qr_large_enough(
    full_landscape: Driver, large_text: bool
) -> None:
    landscape = full_landscape
    landscape.start_session("en")
    ui = landscape.app.ui
    landscape.app.open_article("e-visa")
    for lang in UI_LANGUAGES:
        landscape.app.switch_language(lang)
        ui.large_text = large_text
        landscape.frames(4)
        ids = landscape.current().ids
        qr, scroll = ids.qr, ids.takeaway_scroll
        assert qr.module_size * len(qr.matrix) >= ui.min_qr
        code = window_rect(qr, qr.code_pos, (qr.code_size, qr.code_size))  # quiet zone included
        for text in (ids.scan_caption, ids.helpful_question, ids.helpful_buttons):
            assert not overlaps(code, window_rect(text)), (lang, text)
        if not large_text and landscape.root.width >= 1920:  # all in sight without scrolling
            assert ids.takeaway_box.height <= scroll.height + 1, lang
            assert fully_inside(ids.helpful_buttons, scroll), lang
