"""Traveller flows that tap real widgets."""

from __future__ import annotations

import pytest

from catalog.qrlink import ShortCode, article_key, device_key, parse_code
from kiosk.screens import SCREENS


def open_article(driver, topic_id: str, article_id: str) -> None:
    tiles = driver.current().ids.tiles.children
    driver.tap(next(t for t in tiles if t.topic.id == topic_id))
    assert driver.screen == "topic"
    cards = driver.current().ids.cards.children
    driver.tap(next(c for c in cards if c.card.id == article_id))
    assert driver.screen == "article"


def test_language_topic_article_qr(driver) -> None:
    assert driver.screen == "attract"
    driver.start_session("en")
    open_article(driver, "entry-visa", "e-visa")
    article = driver.current()
    assert article.title == "Apply for an e-visa before you travel"
    assert article.ids.qr.data == "https://evisa.gov.vn"
    assert "Information as of November 1, 2026 · Source: Viet Nam Immigration Department" in (
        article.ids.as_of.text
    )
    assert article.fallback_notice == ""
    driver.tap(driver.footer("home"))
    kinds = driver.recorder.kinds()
    assert kinds[:2] == ["session_start", "language_chosen"]
    assert {"topic_view", "article_view", "qr_shown"} <= set(kinds)
    view = driver.recorder.of("article_view")[0]
    assert view["article"] == "e-visa" and view["lang"] == "en" and view["dwell_s"] >= 0


def test_takeaway_base_url_builds_a_device_link(driver) -> None:
    driver.app.settings = driver.app.settings.model_copy(
        update={"takeaway_base_url": "https://kiosk.example.gov.vn"}
    )
    driver.start_session("zh")
    open_article(driver, "entry-visa", "entry-procedure")
    code = parse_code(driver.current().ids.qr.data.removeprefix("https://kiosk.example.gov.vn/q/"))
    assert code == ShortCode(device_key("test-kiosk-01"), "zh", article_key("entry-procedure"))


def test_fallback_language_is_announced(driver) -> None:
    driver.start_session("km")
    open_article(driver, "money", "exchange-money")
    article = driver.current()
    assert article.fell_back and article.text_lang == "en"
    assert article.fallback_notice.startswith("អត្ថបទនេះមិនទាន់មាន")
    assert "ភាសាអង់គ្លេស" in article.fallback_notice
    assert article.ids.notice.opacity == 1
    assert driver.recorder.of("fallback_shown") == [
        {"article": "exchange-money", "requested_lang": "km", "lang": "en"}
    ]


def test_helpful_answer_is_recorded_once(driver) -> None:
    driver.start_session("en")
    open_article(driver, "entry-visa", "e-visa")
    driver.tap(driver.current().ids.helpful_yes)
    assert driver.current().answered
    assert driver.recorder.of("helpful") == [{"article": "e-visa", "lang": "en", "helpful": True}]


def test_language_switch_from_an_article_in_one_tap(driver) -> None:
    driver.start_session("en")
    open_article(driver, "entry-visa", "entry-procedure")
    strip = driver.root.ids.header.ids.languages_tall
    driver.tap(next(b for b in strip.children if b.code == "vi"))
    assert driver.app.ui.lang == "vi"
    assert driver.screen == "article"
    assert driver.current().title == "Thủ tục nhập cảnh"
    assert driver.recorder.of("language_switched") == [{"from_lang": "en", "lang": "vi"}]


@pytest.mark.parametrize("screen", [s for s in SCREENS if s != "service"])
def test_emergency_is_one_tap_from_every_screen(driver, screen: str) -> None:
    if screen != "attract":
        driver.start_session("lo")
        driver.app.nav.show(screen, **({"topic_id": "money"} if screen == "topic" else {}))
        driver.frames(2)
    assert driver.screen == screen
    driver.tap(driver.footer("emergency"))
    assert driver.screen == "emergency"
    numbers = [card.number for card in driver.current().ids.contacts.children]
    assert {"113", "114", "115"} <= set(numbers)
    assert "0203 3881 133" in numbers  # the gate's hospital
    assert driver.recorder.of("emergency_opened")


def test_accessibility_toggles(driver) -> None:
    driver.start_session("en")
    before = driver.app.ui.font_body
    driver.tap(driver.footer("large_text"))
    assert driver.app.ui.large_text and driver.app.ui.font_body > before
    driver.tap(driver.footer("contrast"))
    assert driver.app.ui.high_contrast and tuple(driver.app.ui.bg) == (0, 0, 0, 1)


def test_back_returns_to_the_previous_screen(driver) -> None:
    driver.start_session("en")
    open_article(driver, "entry-visa", "e-visa")
    driver.tap(driver.footer("back"))
    assert driver.screen == "topic"
    driver.tap(driver.footer("back"))
    assert driver.screen == "home"
