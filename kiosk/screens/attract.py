"""Attract screen: greets in every offered language and loops featured articles. Any touch
starts a session. New content is swapped in only while this screen is shown."""

from __future__ import annotations

from typing import Any

from kivy.clock import Clock
from kivy.properties import ListProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.screens.base import KioskScreen, load_kv

MAX_SLIDES = 12
FEATURED_PER_LANGUAGE = 6


class AttractScreen(KioskScreen):
    keeps_history = False
    greetings = ListProperty([])
    """Offered language codes, in picker order."""
    slide_title = StringProperty("")
    slide_summary = StringProperty("")
    slide_lang = StringProperty("en")
    slide_image = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.slides: list[Any] = []
        self.index = 0
        self._featured: dict[str, list[Any]] = {}
        self._timer: Any = None

    def show(self, **_params: Any) -> None:
        app = self.kiosk
        self.greetings = app.content.language_codes()
        self._featured = {}
        self.slides = []  # the whole loop is read when the second slide is due
        self.index = 0
        first = next((cards[0] for lang in self.greetings if (cards := self._own(lang))), None)
        self._display(first)
        if self._timer is None:
            self._timer = Clock.schedule_interval(self.next_slide, app.settings.attract_slide_s)

    def _own(self, lang: str) -> list[Any]:
        """The language's featured articles written in it (no fallbacks), read once a show."""
        if lang not in self._featured:
            cards = self.kiosk.content.reader.featured(lang, FEATURED_PER_LANGUAGE)
            self._featured[lang] = [card for card in cards if not card.fell_back]
        return self._featured[lang]

    def _build_slides(self) -> list[Any]:
        """Featured articles taking turns by language: each language's first, then seconds."""
        slides = []
        for round_ in range(FEATURED_PER_LANGUAGE):
            for lang in self.greetings:
                cards = self._own(lang)
                if round_ < len(cards) and len(slides) < MAX_SLIDES:
                    slides.append(cards[round_])
        return slides

    def next_slide(self, *_args: Any) -> None:
        if not self.slides:
            self.slides = self._build_slides()
        if self.slides:
            self.index = (self.index + 1) % len(self.slides)
            self._display(self.slides[self.index])

    def _display(self, card: Any) -> None:
        if card is None:
            self.slide_title = self.slide_summary = self.slide_image = ""
            return
        self.slide_lang = card.lang
        self.slide_title = card.title
        self.slide_summary = card.summary
        self.slide_image = self.kiosk.content.media_path(card.image)

    def leave(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def on_touch_down(self, touch: Any) -> bool:
        if not self.collide_point(*touch.pos):
            return False
        app = self.kiosk
        app.start_session()
        app.nav.show("language")
        return True


class GreetingRow(BoxLayout):
    lang = StringProperty("en")
    hello_width = NumericProperty(0)
    """Width of the "Hello" column: the widest greeting of the list, so the rows line up."""


class GreetingList(BoxLayout):
    """ "Hello" and "Touch the screen to start" in each offered language, each in its script."""

    codes = ListProperty([])

    def on_codes(self, _instance: object, codes: list[str]) -> None:
        self.clear_widgets()
        for code in codes:
            row = GreetingRow(lang=code)
            row.ids.hello.fbind("line_width", self._line_up)
            self.add_widget(row)
        self._line_up()

    def _line_up(self, *_args: object) -> None:
        widest = max((row.ids.hello.line_width for row in self.children), default=0)
        for row in self.children:
            row.hello_width = widest + 2  # a pixel either side: whole-pixel placement


SCREEN = AttractScreen
load_kv(__file__)
