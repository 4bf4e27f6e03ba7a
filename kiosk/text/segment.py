"""Where a line may break: the catalog's break offsets, ICU's, or after spaces.

Khmer, Lao and Chinese are written without spaces between words; their break opportunities come
from ICU's dictionaries (computed at build time for catalog text, here for other text such as
topic titles). Other languages break after spaces. Grapheme clusters are the last resort for a
word longer than a line: a cluster (a Khmer syllable's consonant with its marks) never splits.
No line breaks next to U+2060 WORD JOINER, whatever gave the offsets: authors put it between
the parts of a name that ICU would split (the shaper draws nothing for it). Nor inside a word of
the project's list (catalog.words), as in the hub's catalog breaks.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache

from icu4py.breakers import CharacterBreaker, LineBreaker

from catalog.model import SEGMENTED_LANGUAGES
from catalog.words import keep_words

log = logging.getLogger(__name__)

BREAKING_SPACES = frozenset(
    " \t\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u200b\u205f\u3000"
)
"""Spaces after which a line may break (not the no-break spaces U+00A0, U+2007, U+202F)."""
WORD_JOINER = "\u2060"


def break_offsets(text: str, lang: str, breaks: Sequence[int] | None = None) -> list[int]:
    """Ascending offsets strictly inside `text` where a line may break.

    Given `breaks` are used when there are any (out-of-range and unordered ones are dropped);
    otherwise segmented languages ask ICU and the others break after runs of spaces.
    """
    if breaks:
        offsets = _clean(breaks, len(text))
    elif lang in SEGMENTED_LANGUAGES:
        offsets = list(_icu_breaks(text, lang))
    else:
        offsets = _space_breaks(text)
    if lang in SEGMENTED_LANGUAGES:
        offsets = keep_words(text, lang, offsets)
    if WORD_JOINER in text:
        offsets = [o for o in offsets if WORD_JOINER not in text[max(0, o - 1) : o + 1]]
    return offsets


def grapheme_offsets(text: str, lang: str) -> list[int]:
    """Ascending offsets strictly inside `text` between grapheme clusters."""
    return _offsets(CharacterBreaker(text, lang), len(text))


def _clean(breaks: Sequence[int], length: int) -> list[int]:
    cleaned: list[int] = []
    for offset in breaks:
        if 0 < offset < length and (not cleaned or offset > cleaned[-1]):
            cleaned.append(offset)
    return cleaned


@lru_cache(maxsize=256)
def _icu_breaks(text: str, lang: str) -> tuple[int, ...]:
    return tuple(_offsets(LineBreaker(text, lang), len(text)))


def _offsets(segments: object, length: int) -> list[int]:
    offsets, position = [], 0
    for segment in segments:  # type: ignore[attr-defined]
        position += len(segment)
        if position < length:
            offsets.append(position)
    return offsets


def _space_breaks(text: str) -> list[int]:
    return [
        i
        for i in range(1, len(text))
        if text[i - 1] in BREAKING_SPACES and text[i] not in BREAKING_SPACES
    ]
