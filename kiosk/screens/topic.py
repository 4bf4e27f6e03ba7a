"""A topic's articles, as cards with title and summary."""

from __future__ import annotations

from typing import Any

from kivy.properties import StringProperty

from kiosk.screens.base import KioskScreen, load_kv
from kiosk.widgets.common import ArticleCardButton


class TopicScreen(KioskScreen):
    topic_id = StringProperty("")
    title = StringProperty("")
    title_lang = StringProperty("en")

    def show(self, topic_id: str = "", **_params: Any) -> None:
        app = self.kiosk
        lang = app.ui.lang
        topic = next((t for t in app.content.store.topics(lang) if t.id == topic_id), None)
        self.topic_id = topic_id
        self.title, self.title_lang = (topic.title, topic.lang) if topic else ("", lang)
        cards = self.ids.cards
        cards.clear_widgets()
        for card in app.content.store.articles(topic_id, lang):
            button = ArticleCardButton(
                card=card,
                title=card.title,
                summary=card.summary,
                lang=card.lang,
                image=app.content.media_path(card.image),
            )
            button.bind(on_release=lambda b: self.kiosk.open_article(b.card.id))
            cards.add_widget(button)
        self.ids.scroll.scroll_y = 1
        app.tracker.enter_view("topic_view", topic=topic_id, lang=lang)

    def leave(self) -> None:
        self.kiosk.tracker.leave_view()


SCREEN = TopicScreen
load_kv(__file__)
