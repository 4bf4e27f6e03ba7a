"""The search field: a TextInput that shapes what is typed with its language's script.

Kivy's TextInput has no `font_script_name`; it is passed to the core label that measures and
draws the lines (`_get_line_options`).
"""

from __future__ import annotations

from typing import Any

from kivy.core.text import Label as CoreLabel
from kivy.properties import StringProperty
from kivy.uix.textinput import TextInput

from kiosk.text import kv
from kiosk.text.widgets import _ManagedFont


class ScriptTextInput(_ManagedFont, TextInput):
    """A TextInput (for search) that shapes typed text with its language's font and script."""

    font_script_name = StringProperty("Latn")
    """ISO 15924 script code used to shape the text; follows `lang`."""
    bold_roles = frozenset()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.fbind("font_script_name", self._trigger_refresh_line_options)
        self._watch_font(kwargs)

    def _get_line_options(self) -> dict[str, Any]:
        if self._line_options is None:
            options = super()._get_line_options()
            options["font_script_name"] = self.font_script_name
            self._label_cached = CoreLabel(**options)
        return self._line_options


kv.load()
