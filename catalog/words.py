"""The project's word list for Khmer and Lao: words ICU's dictionaries split between syllables.

ICU finds line breaks in Khmer and Lao with its dictionaries, which miss loanwords (ວີຊາ visa,
ອິນເຕີເນັດ internet), compounds (ໜັງສືຜ່ານແດນ passport) and words with a repetition mark
(សំខាន់ៗ). A break is never offered inside a word of the list: one word a line, in
`catalog/words/<lang>.txt` (lines starting with # are notes). The hub's catalog breaks and the
kiosk's own both pass through `keep_words`, so both sides wrap alike.

An author who wants a break where neither ICU nor the list offers one writes U+200B ZERO WIDTH
SPACE there (docs/authoring.md): ICU breaks after it, and a word of the list with one inside is
no longer that word, so the author's mark wins.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

logger = logging.getLogger(__name__)

WORDS_DIR = Path(__file__).resolve().parent / "words"
BREAK_MARK = "\u200b"
"""ZERO WIDTH SPACE: an author's line-break opportunity, drawn as nothing."""


@lru_cache(maxsize=8)
def words(lang: str) -> tuple[str, ...]:
    """The list's words for `lang`, longest first (none for a language without a list)."""
    path = WORDS_DIR / f"{lang}.txt"
    if not path.is_file():
        return ()
    found = {
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    }
    return tuple(sorted(found, key=lambda word: (-len(word), word)))


def word_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of a word of the list in `text` (they may overlap)."""
    spans = []
    for word in words(lang):
        start = text.find(word)
        while start != -1:
            spans.append((start, start + len(word)))
            start = text.find(word, start + 1)
    return spans


def keep_words(text: str, lang: str, offsets: Sequence[int]) -> list[int]:
    """`offsets` without those strictly inside a word of the list."""
    spans = word_spans(text, lang)
    if not spans:
        return list(offsets)
    return [o for o in offsets if not any(start < o < end for start, end in spans)]
