"""Hostile content renders as plain text, within bounds; errors send the kiosk home."""

from __future__ import annotations

from datetime import date

from cache.views import ArticleView
from catalog.model import Block, Source, Span, Translation
from kiosk.text.widgets import ScriptLabel
from tests.kiosk.catalogs import HOSTILE, hostile_catalog
from tests.kiosk.fake_content import FakeContent


def labels(driver):
    return [w for w in driver.walk() if isinstance(w, ScriptLabel)]


def test_markup_in_content_is_shown_as_text(driver) -> None:
    driver.app.content.store = FakeContent(hostile_catalog())
    driver.app.reset_session(idle=False)
    driver.frames(2)
    driver.start_session("en")
    tiles = driver.current().ids.tiles.children
    assert any(t.title == "[i]Entry[/i] [font=x]" for t in tiles)
    driver.app.open_article("entry-procedure")
    driver.frames(3)
    article = driver.current()
    assert article.title == HOSTILE
    assert all(not label.markup for label in labels(driver))
    shown = [label.text for label in labels(driver)]
    assert HOSTILE in shown


def test_a_50000_character_body_is_capped(driver) -> None:
    long_text = "border [b] crossing " * 2500
    body = [
        Block.model_construct(
            kind="paragraph",
            spans=[Span.model_construct(text=long_text, bold=False, href=None)],
            breaks=[],
        ),
        Block.model_construct(
            kind="unknown", spans=[Span(text="[/color][/b] <script>")], breaks=[]
        ),
    ]
    translation = Translation.model_construct(
        title="T" * 5000, title_breaks=[], summary="", summary_breaks=[], body=body,
        source=Source(name="[b]Source[/b]", url="https://example.gov.vn"), as_of=date(2026, 1, 1),
        takeaway_url=None,
    )  # fmt: skip
    store = driver.app.content.store
    store.extra_views["huge"] = ArticleView(
        "huge", "entry-visa", None, "en", "en", False, translation
    )
    driver.start_session("en")
    driver.app.open_article("huge")
    driver.frames(4)
    article = driver.current()
    assert driver.screen == "article"
    assert sum(len(b.plain_text) for b in article.blocks) <= 20_000
    assert len(article.title) <= 200
    from kivy.core.window import Window

    limit = 16384
    for label in labels(driver):
        assert label.texture_size[1] < limit
    assert Window is not None


def test_an_error_in_a_screen_returns_home(driver, monkeypatch) -> None:
    driver.start_session("en")
    store = driver.app.content.reader  # what the session reads

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(store, "articles", broken)
    tile = driver.current().ids.tiles.children[0]
    driver.tap(tile)
    assert driver.screen == "home"
    assert driver.app.errors.handled == 1
    assert driver.recorder.of("error") == [{"where": "home"}]
    monkeypatch.undo()
    driver.tap(driver.current().ids.tiles.children[0])
    assert driver.screen == "topic"


def test_an_article_gone_from_the_content_says_so(driver) -> None:
    driver.start_session("en")
    driver.app.open_article("no-such-article")
    driver.frames(2)
    article = driver.current()
    assert article.missing and article.fallback_notice == "This article is no longer available."
