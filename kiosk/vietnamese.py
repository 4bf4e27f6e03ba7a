"""Vietnamese tone marks for the on-screen keyboard's dedicated tone keys.

The Vietnamese layout has keys for the letters with modifiers (ă â đ ê ô ơ ư) and five tone
keys (sắc, huyền, hỏi, ngã, nặng). A tone key puts its mark on the right vowel of the word just
typed, using the traditional placement rules, replacing any tone the word had; pressing the
same tone again removes it. Text is kept in NFC.
"""

from __future__ import annotations

import unicodedata

ACUTE, GRAVE, HOOK, TILDE, DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
TONES: dict[str, str] = {"sac": ACUTE, "huyen": GRAVE, "hoi": HOOK, "nga": TILDE, "nang": DOT}
TONE_MARKS = frozenset(TONES.values())
MODIFIERS = frozenset({"\u0306", "\u0302", "\u031b"})  # breve, circumflex, horn
VOWELS = frozenset("aeiouy")


def _letters(word: str) -> list[list[str]]:
    """Split an NFD word into letters: a base character plus its combining marks."""
    letters: list[list[str]] = []
    for char in unicodedata.normalize("NFD", word):
        if unicodedata.combining(char) and letters:
            letters[-1].append(char)
        else:
            letters.append([char])
    return letters


def _base(letter: list[str]) -> str:
    return letter[0].lower()


def _tone_position(letters: list[list[str]]) -> int | None:
    bases = "".join(_base(letter) for letter in letters)
    start = 0
    if bases.startswith("qu") or (bases.startswith("gi") and any(b in VOWELS for b in bases[2:])):
        start = 2
    cluster: list[int] = []
    for index in range(start, len(letters)):
        if bases[index] in VOWELS:
            cluster.append(index)
        elif cluster:
            break
    if not cluster:
        return None
    modified = [i for i in cluster if MODIFIERS & set(letters[i][1:])]
    if modified:
        return modified[-1]
    has_final = cluster[-1] < len(letters) - 1
    if has_final or len(cluster) == 1:
        return cluster[-1]
    if len(cluster) == 2:
        return cluster[0]
    return cluster[1]


def apply_tone(text: str, tone: str) -> str:
    """Put the tone mark `tone` (one of TONE_MARKS) on the last word of `text`."""
    if tone not in TONE_MARKS:
        raise ValueError(f"not a Vietnamese tone mark: {tone!r}")
    end = len(text)
    start = end
    while start > 0 and (text[start - 1].isalpha() or unicodedata.combining(text[start - 1])):
        start -= 1
    word = text[start:end]
    if not word:
        return text
    letters = _letters(word)
    position = _tone_position(letters)
    if position is None:
        return text
    had = next((mark for letter in letters for mark in letter if mark in TONE_MARKS), None)
    letters = [[c for c in letter if c not in TONE_MARKS] for letter in letters]
    if had != tone:
        letters[position].append(tone)
    rebuilt = "".join("".join(letter) for letter in letters)
    return text[:start] + unicodedata.normalize("NFC", rebuilt)
