"""A topic's articles, as cards with title and summary."""

from __future__ import annotations

from typing import Any

from kivy.properties import StringProperty

from kiosk.reuse import refill
from kiosk.screens.base import KioskScreen, load_kv
from kiosk.widgets.cards import ArticleCardButton


class TopicScreen(KioskScreen):
    topic_id = StringProperty("")
    title = StringProperty("")
    title_lang = StringProperty("en")

    def show(self, topic_id: str = "", **_params: Any) -> None:
        app = self.kiosk
        lang = app.ui.lang
        topic = next((t for t in app.content.reader.topics(lang) if t.id == topic_id), None)
        self.topic_id = topic_id
        self.title, self.title_lang = (topic.title, topic.lang) if topic else ("", lang)
        cards = app.content.reader.articles(topic_id, lang)
        refill(self.ids.cards, cards, ArticleCardButton, self._card, self._fill)
        self.ids.scroll.scroll_y = 1
        app.tracker.enter_view("topic_view", topic=topic_id, lang=lang)

    def _card(self) -> ArticleCardButton:
        button = ArticleCardButton()
        button.bind(on_release=lambda b: self.kiosk.open_article(b.card.id))
        return button

    def _fill(self, button: ArticleCardButton, card: Any) -> None:
        button.card, button.title, button.summary = card, card.title, card.summary
        button.lang, button.image = card.lang, self.kiosk.content.media_path(card.image)

    def leave(self) -> None:
        self.kiosk.tracker.leave_view()


SCREEN = TopicScreen
load_kv(__file__)
