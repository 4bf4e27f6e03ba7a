"""Which characters of a text the font for its language cannot draw.

Kivy draws a box for a character its font lacks (there is no fallback font), so content is
checked against the very font file that will draw it. Line ends, tabs and the invisible
format characters a shaper ignores (zero-width space and joiners, direction marks, variation
selectors, byte order mark) need no glyph.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

from kiosk.text.fonts import font_file

log = logging.getLogger(__name__)

_IGNORABLE = (
    (0x0009, 0x000D), (0x00AD, 0x00AD), (0x034F, 0x034F), (0x180B, 0x180F), (0x200B, 0x200F),
    (0x202A, 0x202E), (0x2060, 0x206F), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
)  # fmt: skip


def needs_glyph(char: str) -> bool:
    code = ord(char)
    return not any(low <= code <= high for low, high in _IGNORABLE)


@lru_cache(maxsize=16)
def font_characters(path: Path) -> frozenset[int]:
    """Every code point the font file maps to a glyph."""
    font = TTFont(path, lazy=True)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


def missing_characters(text: str, lang: str, bold: bool = False) -> set[str]:
    """Characters of `text` that the font drawing `lang` has no glyph for."""
    have = font_characters(font_file(lang, bold))
    return {char for char in set(text) if ord(char) not in have and needs_glyph(char)}
