"""Language picker: every offered language named in its own script, in the gate's order."""

from __future__ import annotations

from typing import Any

from kivy.factory import Factory
from kivy.properties import ListProperty

from kiosk.i18n import _
from kiosk.languages import endonym
from kiosk.screens.base import KioskScreen, load_kv
from kiosk.widgets.common import KioskButton


class LanguageScreen(KioskScreen):
    keeps_history = False
    codes = ListProperty([])

    def show(self, **_params: Any) -> None:
        app = self.kiosk
        self.codes = app.content.language_codes()
        prompts = self.ids.prompts
        prompts.clear_widgets()
        for code in self.codes:
            prompts.add_widget(Factory.PromptLine(text=_("Choose your language", code), lang=code))
        choices = self.ids.choices
        choices.clear_widgets()
        for code in self.codes:
            button = KioskButton(text=endonym(code), lang=code, kind="primary")
            button.code = code
            button.bind(on_release=self._chosen)
            choices.add_widget(button)

    def _chosen(self, button: Any) -> None:
        app = self.kiosk
        app.choose_language(button.code)
        app.go_home()


SCREEN = LanguageScreen
load_kv(__file__)
