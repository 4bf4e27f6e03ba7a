"""Idle reset with a controlled clock: "Still there?", then everything cleared."""

from __future__ import annotations

from kiosk.widgets.overlays import IdlePrompt


def test_idle_reset_clears_everything(driver) -> None:
    driver.start_session("vi")
    driver.tap(driver.footer("large_text"))
    driver.tap(driver.footer("search"))
    search = driver.current()
    driver.press(search.ids.keyboard, "v", "i", "s", "a")
    assert search.query == "visa"
    driver.tap(search.ids.results.children[0])
    article = driver.current()
    article.ids.scroll.scroll_y = 0.2
    driver.tap(article.ids.helpful_no)

    driver.idle_for(59)
    assert driver.root.overlay(IdlePrompt) is None
    driver.idle_for(2)
    prompt = driver.root.overlay(IdlePrompt)
    assert prompt is not None and prompt.seconds == 9
    driver.idle_for(9)
    assert driver.screen == "attract"
    assert driver.root.overlay(IdlePrompt) is None
    assert search.ids.keyboard.text == "" and search.query == "" and search.ids.field.text == ""
    assert article.ids.scroll.scroll_y == 1 and not article.answered
    assert driver.app.nav.history == []
    assert not driver.app.tracker.active
    assert driver.app.ui.lang == "zh"  # the gate's first language, not the traveller's
    assert not driver.app.ui.large_text
    kinds = driver.recorder.kinds()
    assert kinds[-2:] == ["idle_timeout", "session_end"]
    assert driver.recorder.of("session_end")[0]["duration_s"] >= 70


def test_still_here_keeps_the_session(driver) -> None:
    driver.start_session("en")
    driver.idle_for(62)
    prompt = driver.root.overlay(IdlePrompt)
    driver.tap(prompt.ids.still_here)
    assert driver.root.overlay(IdlePrompt) is None
    driver.idle_for(30)
    assert driver.screen == "home" and driver.app.tracker.active


def test_any_touch_counts_as_activity(driver) -> None:
    driver.start_session("en")
    for _ in range(5):
        driver.idle_for(50)
        driver.tap(driver.footer("home"))
    assert driver.screen == "home" and driver.root.overlay(IdlePrompt) is None


def test_attract_screen_never_times_out(driver) -> None:
    driver.idle_for(600)
    assert driver.screen == "attract" and driver.recorder.events == []


def test_new_content_is_swapped_in_only_at_the_attract_screen(driver) -> None:
    from tests.kiosk.catalogs import kiosk_catalog

    store = driver.app.content.store
    driver.start_session("en")
    store.catalog = kiosk_catalog(content_version=2)
    driver.app.poll_content()
    assert driver.app.content.shown_version == 1
    driver.idle_for(71)
    assert driver.screen == "attract"
    assert driver.app.content.shown_version == 2
