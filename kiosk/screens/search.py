"""Search with the on-screen keyboard. Results appear as the traveller types; with no results
the screen offers topics instead of a dead end; popular questions are one tap away (the way
in for Chinese, Lao and Khmer readers, who can still type in Latin letters)."""

from __future__ import annotations

from typing import Any

from kivy.properties import NumericProperty, OptionProperty, StringProperty

from kiosk.screens.base import KioskScreen, load_kv
from kiosk.widgets.common import ArticleCardButton, KioskButton

MIN_QUERY = 2
MAX_RESULTS = 20
POPULAR = 6


class SearchScreen(KioskScreen):
    query = StringProperty("")
    mode = OptionProperty("popular", options=("popular", "results", "empty"))
    result_count = NumericProperty(0)
    layout = StringProperty("latin")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._reported = ""

    def on_kv_post(self, _base: Any) -> None:
        self.ids.keyboard.bind(text=self._typed)

    def show(self, **_params: Any) -> None:
        self.set_layout("vi" if self.kiosk.ui.lang == "vi" else "latin")
        self._refresh()

    def refresh_language(self) -> None:
        self._refresh()

    def set_layout(self, layout: str) -> None:
        self.layout = layout
        self.ids.keyboard.layout = layout

    def clear(self) -> None:
        self.ids.keyboard.text = ""

    def _typed(self, _keyboard: Any, text: str) -> None:
        self.query = text
        self._refresh()

    def _refresh(self) -> None:
        app = self.kiosk
        lang = app.ui.lang
        box = self.ids.results
        box.clear_widgets()
        query = self.query.strip()
        if len(query) < MIN_QUERY:
            self.mode = "popular"
            for card in app.content.store.featured(lang, POPULAR):
                box.add_widget(self._card(card))
            return
        cards = self._search(query, lang)
        self.result_count = len(cards)
        if cards:
            self.mode = "results"
            for card in cards:
                box.add_widget(self._card(card))
            return
        self.mode = "empty"
        for topic in app.content.store.topics(lang):
            button = KioskButton(text=topic.title, lang=topic.lang, halign="left")
            button.topic_id = topic.id
            button.bind(on_release=lambda b: self._open_topic(b.topic_id))
            box.add_widget(button)

    def _search(self, query: str, lang: str) -> list[Any]:
        """Search the traveller's language, then the languages it falls back to: a Khmer or Lao
        reader typing Latin letters still finds the English and Vietnamese texts."""
        store = self.kiosk.content.store
        for code in (lang, *self.kiosk.content.fallback_chain(lang)):
            cards = store.search(query, code, MAX_RESULTS)
            if cards:
                return cards
        return []

    def _card(self, card: Any) -> ArticleCardButton:
        button = ArticleCardButton(card=card, title=card.title, summary="", lang=card.lang)
        button.bind(on_release=lambda b: self._open_article(b.card.id))
        return button

    def _open_article(self, article_id: str) -> None:
        self._report()
        self.kiosk.open_article(article_id)

    def _open_topic(self, topic_id: str) -> None:
        self._report()
        self.kiosk.open_topic(topic_id)

    def _report(self) -> None:
        """One `search` event per query the traveller settled on (not one per key)."""
        query = self.query.strip()
        if len(query) < MIN_QUERY or query == self._reported:
            return
        self._reported = query
        results = self.result_count if self.mode == "results" else 0
        self.kiosk.usage.record(
            "search", query=query, script="Latn", results=results, lang=self.kiosk.ui.lang
        )

    def leave(self) -> None:
        self._report()

    def reset(self) -> None:
        super().reset()
        self._reported = ""
        self.clear()
        self.query = ""
        self.mode = "popular"
        self.ids.results.clear_widgets()


SCREEN = SearchScreen
load_kv(__file__)
