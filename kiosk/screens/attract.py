"""Attract screen: greets in every offered language and loops featured articles. Any touch
starts a session. New content is swapped in only while this screen is shown."""

from __future__ import annotations

from typing import Any

from kivy.clock import Clock
from kivy.properties import ListProperty, StringProperty
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
        self._timer: Any = None

    def show(self, **_params: Any) -> None:
        app = self.kiosk
        self.greetings = app.content.language_codes()
        self.slides = self._build_slides()
        self.index = 0
        self._display()
        if self._timer is None:
            self._timer = Clock.schedule_interval(self.next_slide, app.settings.attract_slide_s)

    def _build_slides(self) -> list[Any]:
        by_lang = {}
        for lang in self.greetings:
            cards = self.kiosk.content.store.featured(lang, FEATURED_PER_LANGUAGE)
            by_lang[lang] = [card for card in cards if not card.fell_back]
        slides = []
        for round_ in range(FEATURED_PER_LANGUAGE):
            for lang in self.greetings:
                if round_ < len(by_lang[lang]) and len(slides) < MAX_SLIDES:
                    slides.append(by_lang[lang][round_])
        return slides

    def next_slide(self, *_args: Any) -> None:
        if self.slides:
            self.index = (self.index + 1) % len(self.slides)
            self._display()

    def _display(self) -> None:
        if not self.slides:
            self.slide_title = self.slide_summary = self.slide_image = ""
            return
        card = self.slides[self.index]
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


class GreetingList(BoxLayout):
    """ "Hello" and "Touch the screen to start" in each offered language, each in its script."""

    codes = ListProperty([])

    def on_codes(self, _instance: object, codes: list[str]) -> None:
        self.clear_widgets()
        for code in codes:
            self.add_widget(GreetingRow(lang=code))


SCREEN = AttractScreen
load_kv(__file__)
