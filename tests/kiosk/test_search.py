"""Search typed on the on-screen keyboard, including Vietnamese tone marks."""

from __future__ import annotations


def open_search(driver, lang: str):
    driver.start_session(lang)
    driver.tap(driver.footer("search"))
    assert driver.screen == "search"
    return driver.current()


def test_latin_typing_shows_results_as_you_type(driver) -> None:
    screen = open_search(driver, "en")
    keyboard = screen.ids.keyboard
    assert screen.layout == "latin" and screen.mode == "popular"
    driver.press(keyboard, "v", "i")
    assert screen.query == "vi" and screen.mode == "results"
    driver.press(keyboard, "s", "a")
    assert screen.ids.field.text == "visa"
    ids = [card.card.id for card in screen.ids.results.children]
    assert ids == ["e-visa"]
    driver.press(keyboard, "backspace")
    assert screen.query == "vis"
    driver.tap(screen.ids.results.children[0])
    assert driver.screen == "article"
    assert driver.recorder.of("search") == [
        {"query": "vis", "script": "Latn", "results": 1, "lang": "en"}
    ]


def test_vietnamese_keyboard_types_every_tone_mark(driver) -> None:
    screen = open_search(driver, "vi")
    keyboard = screen.ids.keyboard
    assert screen.layout == "vi"
    tones = {"sac": "\u0301", "huyen": "\u0300", "hoi": "\u0309", "nga": "\u0303", "nang": "\u0323"}
    typed = []
    for tone in tones.values():
        screen.clear()
        driver.press(keyboard, "a", tone)
        typed.append(keyboard.text)
    assert typed == ["á", "à", "ả", "ã", "ạ"]
    screen.clear()
    driver.press(keyboard, "đ", "ô", "i", tones["hoi"], " ", "t", "i", "ê", "n", tones["huyen"])
    assert screen.query == "đổi tiền"
    assert [card.card.id for card in screen.ids.results.children] == ["exchange-money"]
    screen.clear()
    driver.press(
        keyboard, "n", "g", "ư", "ơ", "i", tones["huyen"], " ", "v", "i", "ê", "t", tones["nang"]
    )
    assert screen.query == "người việt"


def test_no_results_offers_topics_instead_of_a_dead_end(driver) -> None:
    screen = open_search(driver, "en")
    driver.press(screen.ids.keyboard, "z", "q", "x")
    assert screen.mode == "empty"
    offered = screen.ids.results.children
    assert {b.topic_id for b in offered} == {"entry-visa", "customs", "money"}
    driver.tap(next(b for b in offered if b.topic_id == "customs"))
    assert driver.screen == "topic"
    assert driver.recorder.of("search")[0]["results"] == 0


def test_popular_questions_for_chinese_lao_and_khmer(driver) -> None:
    for lang in ("zh", "lo", "km"):
        driver.app.reset_session(idle=False)
        driver.frames(2)  # a screen switch completes on the next frame
        screen = open_search(driver, lang)
        assert screen.mode == "popular"
        cards = screen.ids.results.children
        assert cards, lang
        assert any(card.lang == lang for card in cards)
    driver.tap(cards[-1])
    assert driver.screen == "article"


def test_latin_letters_still_search_for_a_khmer_reader(driver) -> None:
    screen = open_search(driver, "km")
    assert screen.layout == "km"
    driver.tap(screen.ids.layout_latin)
    assert screen.layout == "latin"
    driver.press(screen.ids.keyboard, "v", "i", "s", "a")
    assert [c.card.id for c in screen.ids.results.children] == ["e-visa"]


def test_typed_text_is_capped_and_never_markup(driver) -> None:
    screen = open_search(driver, "en")
    keyboard = screen.ids.keyboard
    keyboard.text = "[b]" * 19
    driver.press(keyboard, "a", "b", "c", "d")
    assert keyboard.text == "[b]" * 19 + "abc"
    assert screen.ids.field.text == keyboard.text
    assert not getattr(screen.ids.field, "markup", False)
