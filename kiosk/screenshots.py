"""`python -m kiosk screenshots`: every screen x every language x both orientations, to PNG.

Renders with the real app and content, offscreen, by driving the event loop frame by frame.
File names: <orientation>-<lang>-<screen>.png, or <orientation>-<lang>-<screen>-large.png with
the traveller's larger text on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kiosk.config import KioskConfig

logger = logging.getLogger(__name__)

SIZES = {"portrait": (1080, 1920), "landscape": (1920, 1080)}
SHOTS = (
    "attract",
    "language",
    "home",
    "topic",
    "article",
    "search",
    "emergency",
    "service",
    "idle",
    "pin",
)
SAMPLE_QUERIES = {"vi": "thị thực", "en": "visa", "zh": "visa", "lo": "visa", "km": "visa"}


def pump(frames: int = 3) -> None:
    from kivy.base import EventLoop

    for _ in range(frames):
        EventLoop.idle()


def _first_article(app: Any, lang: str) -> tuple[str | None, str | None]:
    store = app.content.reader
    for topic in store.topics(lang):
        cards = store.articles(topic.id, lang)
        if cards:
            return topic.id, cards[0].id
    return None, None


def stage(app: Any, shot: str, lang: str, large_text: bool = False) -> None:
    """Put the app in the state the screenshot `shot` shows."""
    from kiosk.widgets.overlays import IdlePrompt, PinPad

    app.reset_session(idle=False)
    if shot == "attract":
        return
    app.start_session()
    app.ui.large_text = large_text
    if shot == "language":
        app.ui.lang = lang
        app.nav.show("language")
        return
    app.choose_language(lang)
    topic_id, article_id = _first_article(app, lang)
    if shot in ("home", "idle", "pin"):
        app.nav.home()
        if shot == "idle":
            prompt = IdlePrompt(seconds=app.settings.idle_countdown_s)
            app.root.show_overlay(prompt)
        elif shot == "pin":
            app.root.show_overlay(PinPad())
    elif shot == "topic" and topic_id:
        app.open_topic(topic_id)
    elif shot == "article" and article_id:
        app.open_article(article_id)
    elif shot == "search":
        app.open_search()
        app.nav.screen("search").ids.keyboard.text = SAMPLE_QUERIES.get(lang, "visa")
    elif shot == "emergency":
        app.open_emergency()
    elif shot == "service":
        app.open_service()


def render(
    out: Path,
    config: KioskConfig,
    content: Any,
    state: Any = None,
    orientations: Iterable[str] = ("portrait", "landscape"),
    langs: Iterable[str] | None = None,
    shots: Iterable[str] = SHOTS,
    large_text: bool = False,
) -> list[Path]:
    from kivy.app import App
    from kivy.base import EventLoop

    from kiosk.app import KioskApp

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    EventLoop.ensure_window()
    window = EventLoop.window
    for orientation in orientations:
        window.size = SIZES[orientation]
        app = KioskApp(config, content, state=state)
        app._run_prepare()
        pump(3)
        for lang in list(langs or app.content.language_codes()):
            for shot in shots:
                stage(app, shot, lang, large_text)
                pump(4)
                suffix = "-large" if large_text else ""
                path = out / f"{orientation}-{lang}-{shot}{suffix}.png"
                app.root.export_to_png(str(path))
                written.append(path)
                logger.info("wrote %s", path)
        app.dispatch("on_stop")
        window.remove_widget(app.root)
        App._running_app = None
    return written
