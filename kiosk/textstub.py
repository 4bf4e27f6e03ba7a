"""Stand-ins for the text layer's widgets, used only until kiosk.text is available."""

from __future__ import annotations

from kivy.factory import Factory
from kivy.properties import BooleanProperty, ListProperty, OptionProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label
from kivy.uix.textinput import TextInput
from kivy.uix.widget import Widget

FONTS = {
    "vi": ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "Latn"),
    "en": ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "Latn"),
    "zh": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "Hani"),
    "lo": ("/usr/share/fonts/truetype/noto/NotoSansLao-Regular.ttf", "Laoo"),
    "km": ("/usr/share/fonts/truetype/noto/NotoSansKhmer-Regular.ttf", "Khmr"),
}
SIZES = {"small": 24, "body": 30, "heading": 38, "title": 48}


def font_for(lang: str, role: str = "body") -> str:
    return FONTS.get(lang, FONTS["en"])[0]


def register_fonts() -> None:
    return None


class ScriptLabel(Label):
    lang = StringProperty("en")
    breaks = ListProperty([])
    role = OptionProperty("body", options=("body", "title", "heading", "small"))
    large_text = BooleanProperty(False)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.fbind("lang", self._restyle)
        self._restyle()

    def _restyle(self, *_args: object) -> None:
        self.font_name, self.font_script_name = FONTS.get(self.lang, FONTS["en"])


class ArticleBody(BoxLayout):
    blocks = ListProperty([])
    lang = StringProperty("en")
    large_text = BooleanProperty(False)

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("orientation", "vertical")
        kwargs.setdefault("size_hint_y", None)
        super().__init__(**kwargs)
        self.bind(minimum_height=self.setter("height"))
        self.fbind("blocks", self._rebuild)
        self.fbind("lang", self._rebuild)

    def _rebuild(self, *_args: object) -> None:
        self.clear_widgets()
        for block in self.blocks[:200]:
            text = block.plain_text[:4000]
            role = "heading" if block.kind == "heading" else "body"
            label = ScriptLabel(text=("• " if block.kind == "item" else "") + text, lang=self.lang,
                                role=role, size_hint_y=None, color=(0, 0, 0, 1), font_size=30)
            label.bind(width=lambda w, v: setattr(w, "text_size", (v, None)),
                       texture_size=lambda w, v: setattr(w, "height", v[1]))
            self.add_widget(label)


class ScriptTextInput(TextInput):
    lang = StringProperty("en")


class QRCodeWidget(Widget):
    data = StringProperty("")


for _cls in (ScriptLabel, ArticleBody, ScriptTextInput, QRCodeWidget):
    if _cls.__name__ not in Factory.classes:
        Factory.register(_cls.__name__, cls=_cls)
