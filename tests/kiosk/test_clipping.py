"""The clip check: every screen, language, orientation, text size and contrast shows every text
and control whole, and what must be seen at once (the header, the helpful buttons, the emergency
numbers) without scrolling. One app on the sample content, switched between renders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hub.compiler import compile_channel
from kiosk.config import KioskConfig
from kiosk.i18n import UI_LANGUAGES
from kiosk.screenshots import SHOTS, SIZES, stage
from tests.kiosk.clipcheck import problems, rect
from tests.kiosk.driver import Driver
from tests.kiosk.fake_content import FakeContent

CONTENT = Path(__file__).resolve().parents[2] / "assets" / "content"


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory: pytest.TempPathFactory, font_dir: Path) -> Iterator[Driver]:
    """The app on the sample content of Móng Cái (long Khmer and Lao titles)."""
    config = KioskConfig(
        data_dir=tmp_path_factory.mktemp("clip"),
        embedded_catalog=None,
        fullscreen=False,
        device_id="test-kiosk-01",
    )
    drive = Driver()
    content = FakeContent(compile_channel(CONTENT, "mong-cai").catalog)
    drive.start(config, content, size=SIZES["portrait"])  # text sized for the panel, as it runs
    yield drive
    drive.stop()


def show(app: Any, screen: str, lang: str, large_text: bool, high_contrast: bool) -> None:
    stage(app, screen, lang, large_text)
    app.ui.high_contrast = high_contrast


def must_be_seen(app: Any, screen: str) -> list[Any]:
    """What a traveller must see without scrolling on `screen`."""
    header = app.root.ids.header
    seen = [header.ids.names.children[-1]] if screen not in ("attract",) else []
    ids = app.nav.manager.current_screen.ids
    if screen == "article":
        seen += [ids.helpful_question, ids.helpful_yes, ids.helpful_no, ids.title]
    elif screen == "emergency":
        seen += [ids.title, *ids.numbers.children]
    elif screen == "service":
        seen += [ids.title, ids.restart, ids.close]
    return seen


def turn(kiosk: Driver, orientation: str) -> None:
    from kivy.core.window import Window

    if tuple(Window.size) != SIZES[orientation]:
        Window.size = SIZES[orientation]
        kiosk.frames(3)


SETTINGS = [(False, False), (True, False), (True, True)]
"""(larger text, high contrast): high contrast changes colours only, so it is checked with the
larger text, where room is tightest."""


@pytest.mark.parametrize(
    ("large_text", "high_contrast"), SETTINGS, ids=["normal", "larger", "larger-contrast"]
)
@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_nothing_is_cut_off(
    kiosk: Driver, orientation: str, large_text: bool, high_contrast: bool
) -> None:
    from kivy.core.window import Window

    turn(kiosk, orientation)
    found: list[str] = []
    for lang in UI_LANGUAGES:
        for screen in SHOTS:
            show(kiosk.app, screen, lang, large_text, high_contrast)
            kiosk.frames(4)
            seen = must_be_seen(kiosk.app, screen)
            found += [f"{lang} {screen}: {p}" for p in problems(Window, seen)]
    assert not found, "\n".join(found)


def lines_in_sight(body: Any, frame: Any) -> int:
    """Lines of the article's text wholly inside `frame` (the scroll view that shows them)."""
    from kiosk.text.article import WrappedLines

    bottom, top = rect(frame)[1], rect(frame)[3]
    count = 0
    for label in body.walk(restrict=True):
        if isinstance(label, WrappedLines) and label.text:
            lines = label.text.count("\n") + 1
            step = label.height / lines
            label_top = rect(label)[3]
            count += sum(
                1
                for i in range(lines)
                if bottom - 1 <= label_top - (i + 1) * step and label_top - i * step <= top + 1
            )
    return count


def test_landscape_with_larger_text_shows_lines_of_the_article(kiosk: Driver) -> None:
    turn(kiosk, "landscape")
    for lang in UI_LANGUAGES:
        show(kiosk.app, "article", lang, large_text=True, high_contrast=False)
        kiosk.frames(4)
        ids = kiosk.current().ids
        assert lines_in_sight(ids.body, ids.scroll) >= 3, lang
