"""Layout details seen on screenshots: captions on one line, no empty strips, the source line
in sight under every article."""

from __future__ import annotations

import pytest

from kiosk.i18n import UI_LANGUAGES


def lines(label: object) -> int:
    return len(label.wrapped_text().split("\n"))  # type: ignore[attr-defined]


@pytest.mark.parametrize("portrait", [True, False])
def test_footer_captions_and_language_names_stay_on_one_line(driver, portrait: bool) -> None:
    from kivy.core.window import Window

    if not portrait:
        Window.size = (960, 540)
        driver.frames(3)
    driver.start_session("en")
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
