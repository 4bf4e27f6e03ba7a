"""Search with the on-screen keyboard. Results appear as the traveller types; with no results
the screen offers topics instead of a dead end; popular questions are one tap away.

The keyboard opens in the traveller's language (Vietnamese, pinyin, Lao or Khmer; ABC for
others) and one tap switches to ABC. With pinyin, a bar offers Chinese words for the letters
typed (kiosk.pinyin_input). Matching emergency and help contacts come before articles."""

from __future__ import annotations

from typing import Any

from kivy.properties import BooleanProperty, NumericProperty, OptionProperty, StringProperty

from kiosk.kivy_setup import use_dummy_clipboard
from kiosk.pinyin_input import choose, pending_pinyin
from kiosk.reuse import refill, refill_mixed
from kiosk.screens.base import KioskScreen, load_kv
from kiosk.typed_script import script_of
from kiosk.widgets.cards import ArticleCardButton
from kiosk.widgets.common import KioskButton
from kiosk.widgets.keyboard import TRAVELLER_LAYOUT

MIN_QUERY = 2
MAX_RESULTS = 20
POPULAR = 6


class SearchScreen(KioskScreen):
    query = StringProperty("")
    mode = OptionProperty("popular", options=("popular", "results", "empty"))
    result_count = NumericProperty(0)
    layout = StringProperty("latin")
    native_layout = StringProperty("vi")
    """The layout offered beside ABC: the traveller's own (Vietnamese for English readers)."""
    offering = BooleanProperty(False)
    """Whether the pinyin candidate bar shows words."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._reported = ""

    def on_kv_post(self, _base: Any) -> None:
        self.ids.keyboard.bind(text=self._typed)

    def show(self, **_params: Any) -> None:
        lang = self.kiosk.ui.lang
        self.native_layout = TRAVELLER_LAYOUT.get(lang, "vi")
        self.set_layout(TRAVELLER_LAYOUT.get(lang, "latin"))
        self._refresh()

    def refresh_language(self) -> None:
        self._refresh()

    def set_layout(self, layout: str) -> None:
        self.layout = layout
        self.ids.keyboard.layout = layout
        self._offer_words()

    def choose_word(self, word: str, pinyin: str) -> None:
        keyboard = self.ids.keyboard
        keyboard.text = choose(keyboard.text, word, pinyin)

    def clear(self) -> None:
        self.ids.keyboard.text = ""

    def _typed(self, _keyboard: Any, text: str) -> None:
        self.query = text
        self._offer_words()
        self._refresh()

    def _offer_words(self) -> None:
        pending = pending_pinyin(self.ids.keyboard.text) if self.layout == "pinyin" else ""
        words = self.kiosk.content.reader.pinyin_candidates(pending) if pending else []
        refill(self.ids.candidates, words, KioskButton, self._word_button, _fill_word)
        self.offering = bool(words)

    def _refresh(self) -> None:
        app = self.kiosk
        lang = app.ui.lang
        box = self.ids.results
        query = self.query.strip()
        if len(query) < MIN_QUERY:
            self.mode = "popular"
            featured = app.content.reader.featured(lang, POPULAR)
            refill(box, featured, ArticleCardButton, self._card, _fill_card)
            return
        found = [*app.content.reader.search_contacts(query, lang), *self._search(query, lang)]
        self.result_count = len(found)
        if found:
            self.mode = "results"
            refill_mixed(box, found, _kind_of, self._result, _fill_result)
            return
        self.mode = "empty"
        refill(box, app.content.reader.topics(lang), KioskButton, self._topic_button, _fill_topic)

    def _search(self, query: str, lang: str) -> list[Any]:
        """Search the traveller's language, then the languages it falls back to: a Khmer or Lao
        reader typing Latin letters still finds the English and Vietnamese texts."""
        reader = self.kiosk.content.reader
        for code in (lang, *self.kiosk.content.fallback_chain(lang)):
            cards = reader.search(query, code, MAX_RESULTS)
            if cards:
                return cards
        return []

    def _result(self, kind: type) -> Any:
        return self._contact_button() if kind is ContactButton else self._card()

    def _contact_button(self) -> ContactButton:
        button = ContactButton(halign="left", kind="danger")
        button.bind(on_release=lambda _b: self._open_emergency())
        return button

    def _word_button(self) -> KioskButton:
        button = KioskButton(lang="zh", role="heading")
        button.bind(on_release=lambda b: self.choose_word(b.text, b.pinyin))
        return button

    def _open_emergency(self) -> None:
        self._report()
        self.kiosk.open_emergency()

    def _card(self) -> ArticleCardButton:
        button = ArticleCardButton()
        button.bind(on_release=lambda b: self._open_article(b.card.id))
        return button

    def _topic_button(self) -> KioskButton:
        button = KioskButton(halign="left")
        button.bind(on_release=lambda b: self._open_topic(b.topic_id))
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
            "search", query=query, script=script_of(query), results=results, lang=self.kiosk.ui.lang
        )

    def leave(self) -> None:
        self._report()

    def reset(self) -> None:
        super().reset()
        self._reported = ""
        self.clear()
        self.query = ""
        self.mode = "popular"  # clear() put the popular questions back: no typed query remains


class ContactButton(KioskButton):
    """A contact found by search: its name and number; a tap opens the emergency screen."""


def _kind_of(item: Any) -> type:
    return ArticleCardButton if hasattr(item, "title") else ContactButton


def _fill_result(button: Any, item: Any) -> None:
    if isinstance(button, ContactButton):
        button.text, button.lang = f"{item.name}  {item.number}", item.lang
        button.contact_id = item.id
    else:
        _fill_card(button, item)


def _fill_word(button: KioskButton, word: tuple[str, str]) -> None:
    button.text, button.pinyin = word


def _fill_card(button: ArticleCardButton, card: Any) -> None:
    """Titles only: more results fit above the keyboard."""
    button.card, button.title, button.summary, button.lang = card, card.title, "", card.lang


def _fill_topic(button: KioskButton, topic: Any) -> None:
    button.text, button.lang = topic.title, topic.lang
    button.topic_id = topic.id


SCREEN = SearchScreen
use_dummy_clipboard()  # before the first TextInput exists: no xclip/xsel probing
load_kv(__file__)
