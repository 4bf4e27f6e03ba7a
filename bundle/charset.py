"""Which characters the bundle's fonts must carry.

Everything the content and the UI write (the authoring folder, the UI's gettext catalogs, layouts
and keyboards), plus each script's basic repertoire so content published after the build still
renders: every Vietnamese letter and tone mark, the whole Khmer and Lao blocks, and the 3,755
most common Simplified Chinese characters (GB2312 level 1).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".md", ".yaml", ".yml", ".po", ".kv", ".json", ".py", ".txt"})

LATIN_RANGES = (
    (0x0020, 0x007E), (0x00A0, 0x024F), (0x0300, 0x036F), (0x1E00, 0x1EFF), (0x2000, 0x206F),
    (0x2070, 0x209F), (0x20A0, 0x20CF), (0x2100, 0x218F), (0x2190, 0x21FF), (0x2200, 0x22FF),
    (0x25A0, 0x25FF),
)  # fmt: skip
"""As kiosk.text.fontbuild borrows for Khmer and Lao: Latin with every Vietnamese letter."""
SCRIPT_RANGES: dict[str, tuple[tuple[int, int], ...]] = {
    "latn": (),
    "khmr": ((0x1780, 0x17FF), (0x19E0, 0x19FF), (0x200B, 0x200D), (0x25CC, 0x25CC)),
    "laoo": ((0x0E80, 0x0EFF), (0x200B, 0x200D), (0x25CC, 0x25CC)),
    "hani": ((0x3000, 0x303F), (0xFF00, 0xFFEF)),
}
"""Each script's block, zero-width joiners and the dotted circle shapers use for lone marks."""


def text_characters(folders: Iterable[Path]) -> set[str]:
    """Every character in the text files under `folders`."""
    found: set[str] = set()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix in TEXT_SUFFIXES and path.is_file():
                found.update(path.read_text(encoding="utf-8", errors="ignore"))
    return {char for char in found if char.isprintable() or char in "\u200b\u200c\u200d"}


def common_hanzi() -> set[str]:
    """GB2312 level 1: the 3,755 most used Simplified Chinese characters (rows 16 to 55)."""
    found = set()
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                found.add(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return found


def codepoints_for(script: str, used: set[str]) -> set[int]:
    """What the font of `script` keeps: what is used, Latin, and the script's own repertoire."""
    points = {ord(char) for char in used}
    for low, high in (*LATIN_RANGES, *SCRIPT_RANGES.get(script, ())):
        points.update(range(low, high + 1))
    if script == "hani":
        points.update(ord(char) for char in common_hanzi())
    return points
