"""Line-break opportunities for languages written without spaces between words.

Computed once, when the catalog is built, with ICU's dictionaries (icu4py), and carried in the
catalog so the kiosk wraps Khmer, Lao and Chinese at word boundaries, never inside a syllable.

ICU's dictionaries do not know every proper name: they split some (Móng Cái written in Khmer,
Hà Nội in Lao) between syllables. An author keeps a name together with U+2060 WORD JOINER
between its parts: no break is offered next to one (docs/authoring.md). Words the project's list
adds (catalog.words) are kept whole too, and an author's U+200B ZERO WIDTH SPACE is a break.
"""

from __future__ import annotations

from icu4py.breakers import LineBreaker

from catalog.model import SEGMENTED_LANGUAGES
from catalog.words import keep_words

WORD_JOINER = "\u2060"
"""Invisible; no line breaks on either side of it."""


def break_offsets(text: str, lang: str) -> list[int]:
    """Offsets strictly inside `text` where a line may break, or [] where spaces suffice."""
    if lang not in SEGMENTED_LANGUAGES or not text:
        return []
    offsets = [start for start, _end in LineBreaker(text, lang).segments() if 0 < start < len(text)]
    offsets = keep_words(text, lang, offsets)
    if WORD_JOINER in text:
        offsets = [offset for offset in offsets if not joined(text, offset)]
    return offsets


def joined(text: str, offset: int) -> bool:
    """Whether a word joiner sits on either side of `offset`."""
    return WORD_JOINER in text[max(0, offset - 1) : offset + 1]
