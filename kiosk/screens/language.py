"""Language picker: every offered language named in its own script, in the gate's order."""

from __future__ import annotations

from typing import Any

from kivy.factory import Factory
from kivy.properties import ListProperty

from kiosk.i18n import _
from kiosk.languages import endonym
from kiosk.screens.base import KioskScreen, load_kv


class LanguageScreen(KioskScreen):
    keeps_history = False
    codes = ListProperty([])

    def show(self, **_params: Any) -> None:
        codes = self.kiosk.content.language_codes()
        if codes == self.codes and self.ids.choices.children:
            return  # the same languages as last time: the buttons are there
        self.codes = codes
        prompts = self.ids.prompts
        prompts.clear_widgets()
        for code in self.codes:
            prompts.add_widget(Factory.PromptLine(text=_("Choose your language", code), lang=code))
        choices = self.ids.choices
        choices.clear_widgets()
        for code in self.codes:
            button = Factory.LanguageChoice(text=endonym(code), lang=code)
            button.code = code
            button.bind(on_release=self._chosen)
            choices.add_widget(button)

    def _chosen(self, button: Any) -> None:
        app = self.kiosk
        app.choose_language(button.code)
        app.go_home()


SCREEN = LanguageScreen
load_kv(__file__)
