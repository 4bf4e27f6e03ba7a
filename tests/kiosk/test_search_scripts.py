"""A traveller who reads only Chinese, Lao or Khmer types on the kiosk's own keyboard and finds
the right answer first (issue 19), on the sample content of the gate they cross."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cache import ContentStore, StateStore
from hub.compiler import compile_channel

CONTENT = Path(__file__).parents[2] / "assets" / "content"


@pytest.fixture(scope="module")
def gate_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    folder = tmp_path_factory.mktemp("gate")
    state = StateStore(folder / "usage.db")
    opened: dict[str, ContentStore] = {}

    def store(gate: str) -> ContentStore:
        if gate not in opened:
            opened[gate] = ContentStore(folder / f"{gate}.db", state)
            opened[gate].replace_content(compile_channel(CONTENT, gate).catalog)
        return opened[gate]

    yield store
    for content in opened.values():
        content.close()
    state.close()


@pytest.fixture
def at_gate(kiosk_config: object, font_dir: Path, gate_store: Any) -> Iterator[Any]:
    from tests.kiosk.driver import Driver

    drive = Driver()

    def start(gate: str, lang: str) -> Any:
        drive.start(kiosk_config, gate_store(gate))
        drive.start_session(lang)
        drive.tap(drive.footer("search"))
        assert drive.screen == "search"
        return drive

    yield start
    drive.stop()


def shown(screen: Any) -> list[str]:
    """What the results list shows, top first: article ids, or contact:<id>."""
    return [
        child.card.id if hasattr(child, "card") else f"contact:{child.contact_id}"
        for child in reversed(screen.ids.results.children)
    ]


def first_article(screen: Any) -> str:
    return next(item for item in shown(screen) if not item.startswith("contact:"))


def test_chinese_reader_types_pinyin_and_taps_the_word_offered(at_gate: Any) -> None:
    driver = at_gate("mong-cai", "zh")
    screen = driver.current()
    assert screen.layout == "pinyin"

    driver.press(screen.ids.keyboard, *"chuzuche")
    assert shown(screen)[0] == "taxis-ride-hailing"  # pinyin alone finds it already
    offered = list(reversed(screen.ids.candidates.children))
    assert offered[0].text == "出租车"

    driver.tap(offered[0])
    assert screen.ids.field.text == "出租车"
    assert shown(screen)[0] == "taxis-ride-hailing"
    assert screen.ids.candidates.children == []


def test_chinese_reader_finds_the_police_by_a_word_the_article_does_not_use(at_gate: Any) -> None:
    driver = at_gate("mong-cai", "zh")
    screen = driver.current()
    driver.press(screen.ids.keyboard, *"jingcha")
    word = next(b for b in screen.ids.candidates.children if b.text == "警察")

    driver.tap(word)
    assert shown(screen)[0] == "contact:police"
    assert first_article(screen) == "emergency-numbers"
    driver.tap(next(c for c in screen.ids.results.children if not hasattr(c, "card")))
    assert driver.screen == "emergency"


def test_lao_reader_types_emergency_vehicle_and_finds_the_ambulance(at_gate: Any) -> None:
    driver = at_gate("cau-treo", "lo")
    screen = driver.current()
    assert screen.layout == "lo"

    driver.press(
        screen.ids.keyboard, "ລ", "\u0ebb", "ດ", "ສ", "\u0eb8", "ກ", "ເ", "ສ", "\u0eb5", "ນ"
    )
    assert screen.query == "ລົດສຸກເສີນ"
    assert shown(screen)[0] == "contact:ambulance"
    assert first_article(screen) == "emergency-numbers"


def test_khmer_reader_types_coeng_ta_and_finds_money_exchange(at_gate: Any) -> None:
    driver = at_gate("moc-bai", "km")
    screen = driver.current()
    keyboard = screen.ids.keyboard
    assert screen.layout == "km"

    driver.press(keyboard, "ប", "\u17d2", "ត", "capslock", "\u17bc", "capslock", "រ")
    driver.press(keyboard, "ប", "\u17d2", "រ", "\u17b6", "ក", "\u17cb")
    assert screen.query == "ប្តូរប្រាក់"
    assert shown(screen)[0] == "atm-exchange-tips"

    driver.tap(screen.ids.results.children[-1])
    assert driver.recorder.of("search")[0]["script"] == "Khmr"
