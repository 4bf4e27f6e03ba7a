"""Folding text for search, the same way for stored text and for what travellers type.

Folding makes "thu tuc" meet "thủ tục" and "duong" meet "đường": compatibility forms are
unified, Latin diacritics are dropped (đ/Đ become d), case is folded and zero-width characters
go. Marks of other scripts are kept: a Khmer or Lao vowel sign is part of the word, not an accent;
their spelling variants are made one (cache.scripts). In queries, Traditional Chinese becomes
Simplified and pinyin tone numbers go ("chu1zu1che1" is "chuzuche").
"""

from __future__ import annotations

import re
import unicodedata

from cache.scripts import normalise_scripts, to_simplified

MAX_QUERY_CHARS = 200
"""Longer queries are cut: nobody types more at a kiosk, and FTS work grows with the query."""
MAX_QUERY_TOKENS = 12

# Combining marks used on Latin letters (and Greek, Cyrillic), and zero-width characters. Khmer,
# Lao and CJK marks live in their own blocks and are not touched.
_DROPPED = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    "\u00ad\u200b-\u200d\u2060\ufeff]"
)
# Latin letters whose stroke is not a combining mark, after case folding.
_TONE_NUMBERED = re.compile(r"^(?:[a-z]{1,6}[1-5])+$")
"""Pinyin with a tone number after every syllable (ni3hao3); "115" or "marker1word" are not."""
_LETTERS = (("đ", "d"), ("ð", "d"), ("ł", "l"), ("ø", "o"), ("ı", "i"))


def fold(text: str) -> str:
    """The searchable form of `text`."""
    stripped = _DROPPED.sub("", unicodedata.normalize("NFKD", text))
    folded = unicodedata.normalize("NFC", stripped).casefold()
    for letter, plain in _LETTERS:
        if letter in folded:
            folded = folded.replace(letter, plain)
    return normalise_scripts(folded)


def query_tokens(query: str) -> list[str]:
    """Split what a traveller typed into folded words: letters, marks and digits only.

    Everything else (spaces, punctuation, symbols, emoji, control characters) separates words,
    so nothing the traveller types can reach the FTS query syntax.
    """
    folded = to_simplified(fold(query[:MAX_QUERY_CHARS]))
    tokens: list[str] = []
    current: list[str] = []
    for char in folded:
        if unicodedata.category(char)[0] in "LMN":
            if current and _is_han(char) != _is_han(current[-1]):
                tokens.append("".join(current))  # 签证banli: chosen words, then pinyin
                current = []
            current.append(char)
        elif current:
            tokens.append("".join(current))
            current = []
    if current:
        tokens.append("".join(current))
    unique = list(dict.fromkeys(_toneless(token) for token in tokens))
    return unique[:MAX_QUERY_TOKENS]


def _toneless(token: str) -> str:
    return re.sub("[1-5]", "", token) if _TONE_NUMBERED.match(token) else token


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"
