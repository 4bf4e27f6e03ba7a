"""An article: title, body, "Information as of", source, a QR code to take it away, and
"Was this helpful?". Says so when the article is shown in a fallback language."""

from __future__ import annotations

import logging
from typing import Any

from kivy.properties import BooleanProperty, ListProperty, StringProperty

from kiosk.article_text import cap_blocks, cap_breaks, cap_title
from kiosk.i18n import _
from kiosk.languages import language_name
from kiosk.localize import long_date
from kiosk.screens.base import KioskScreen, load_kv
from kiosk.takeaway import takeaway_url

logger = logging.getLogger(__name__)


class ArticleScreen(KioskScreen):
    article_id = StringProperty("")
    title = StringProperty("")
    title_breaks = ListProperty([])
    text_lang = StringProperty("en")
    """The language the article's text is in (a fallback language when `fell_back`)."""
    fell_back = BooleanProperty(False)
    fallback_notice = StringProperty("")
    image = StringProperty("")
    blocks = ListProperty([])
    as_of_line = StringProperty("")
    qr_data = StringProperty("")
    answered = BooleanProperty(False)
    missing = BooleanProperty(False)

    def show(self, article_id: str = "", **_params: Any) -> None:
        app = self.kiosk
        lang = app.ui.lang
        view = app.content.store.article(article_id, lang)
        self.article_id = article_id
        self.answered = False
        self.ids.scroll.scroll_y = 1
        if view is None:
            logger.warning("article %s is no longer in the content", article_id)
            self.missing = True
            self.title, self.blocks, self.qr_data, self.as_of_line = "", [], "", ""
            self.fallback_notice = _("This article is no longer available.", lang)
            return
        self.missing = False
        tr = view.translation
        self.text_lang = view.lang
        self.title = cap_title(tr.title)
        self.title_breaks = cap_breaks(list(tr.title_breaks), len(self.title))
        self.fell_back = view.fell_back
        self.fallback_notice = (
            _("This article is not available in your language yet. It is shown in {language}.",
              lang).format(language=language_name(view.lang, lang))
            if view.fell_back else ""
        )  # fmt: skip
        self.image = app.content.media_path(view.image)
        self.blocks = cap_blocks(list(tr.body))
        self.as_of_line = _("Information as of {date} · Source: {source}", lang).format(
            date=long_date(tr.as_of, lang), source=tr.source.name
        )
        self.qr_data = takeaway_url(
            app.settings.takeaway_base_url,
            app.device_id(),
            view.lang,
            view.id,
            tr.takeaway_url,
            tr.source.url,
        )
        app.tracker.enter_view("article_view", article=view.id, topic=view.topic, lang=view.lang)
        app.usage.record("qr_shown", article=view.id, lang=view.lang)
        if view.fell_back:
            app.usage.record("fallback_shown", article=view.id, requested_lang=lang, lang=view.lang)

    def answer(self, helpful: bool) -> None:
        if self.answered or self.missing:
            return
        self.answered = True
        self.kiosk.usage.record(
            "helpful", article=self.article_id, lang=self.text_lang, helpful=helpful
        )

    def leave(self) -> None:
        self.kiosk.tracker.leave_view()

    def reset(self) -> None:
        super().reset()
        self.answered = False


SCREEN = ArticleScreen
load_kv(__file__)
