"""The kiosk's text layer: fonts per script, line breaking at word boundaries, text widgets.

Screens use `kiosk.text.widgets` (ScriptLabel, ArticleBody, ScriptTextInput) and, for their
own needs, `kiosk.text.fonts` (font_for, font_size, register_fonts). See docs/text-rendering.md.
"""
