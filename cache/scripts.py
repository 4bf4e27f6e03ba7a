"""Spelling variants of Khmer, Lao and Chinese made one, the same way for content and queries.

- Khmer: coeng da (្ដ) and coeng ta (្ត) are written interchangeably (ប្ដូរ / ប្តូរ); both become
  coeng ta. The marks after a consonant are put in one order (subscripts, shifters and robat,
  vowels, other signs) whatever order they were typed in, and a split vowel (េ + ី) is joined.
- Lao: a tone mark typed before the vowel above or below it is put after it.
- Chinese: Traditional characters in a query become Simplified (OpenCC), loaded on first use.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_KHMER = re.compile("[\u1780-\u17ff]")
_KHMER_CLUSTER = re.compile(
    "([\u1780-\u17b5])((?:\u17d2[\u1780-\u17b3]|[\u17b6-\u17d1\u17d3\u17dd]){2,})"
)
_KHMER_MARK = re.compile("\u17d2[\u1780-\u17b3]|[\u17b6-\u17d1\u17d3\u17dd]")
_KHMER_OUT_OF_ORDER = re.compile(
    "[\u17b6-\u17d1\u17d3\u17dd]\u17d2[\u1780-\u17b3]"  # a vowel or sign before a subscript
    "|[\u17b6-\u17c8\u17cb\u17cd-\u17d1\u17d3\u17dd][\u17c9\u17ca\u17cc]"  # before a shifter
    "|[\u17c6-\u17c8\u17cb\u17cd-\u17d1\u17d3\u17dd][\u17b6-\u17c5]"  # a sign before a vowel
)
"""Marks in another order than the one kept: only then are clusters sorted (content rarely is)."""
_KHMER_JOINED = (("\u17c1\u17b8", "\u17be"), ("\u17c1\u17b6", "\u17c4"))
_LAO = re.compile("[\u0e80-\u0eff]")
_LAO_CLUSTER = re.compile("([\u0e81-\u0eae\u0edc-\u0edf])([\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd]{2,})")
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


def normalise_scripts(text: str) -> str:
    """`text` with Khmer and Lao spelling variants made one (other text is returned as is)."""
    if _KHMER.search(text):
        text = _normalise_khmer(text)
    if _LAO.search(text):
        text = _LAO_CLUSTER.sub(_sorted_lao, text)
    return text


def to_simplified(text: str) -> str:
    """Traditional Chinese characters in `text` as Simplified ones."""
    return _converter().convert(text) if _HAN.search(text) else text


def _normalise_khmer(text: str) -> str:
    text = text.replace("\u17d2\u178a", "\u17d2\u178f")
    for split, joined in _KHMER_JOINED:
        text = text.replace(split, joined)
    if not _KHMER_OUT_OF_ORDER.search(text):
        return text
    return _KHMER_CLUSTER.sub(_sorted_khmer, text)


def _sorted_khmer(match: re.Match[str]) -> str:
    marks = _KHMER_MARK.findall(match.group(2))
    return match.group(1) + "".join(sorted(marks, key=_khmer_rank))


def _khmer_rank(mark: str) -> int:
    if mark.startswith("\u17d2"):
        return 0
    if mark in "\u17c9\u17ca\u17cc":
        return 1
    if "\u17b6" <= mark <= "\u17c5":
        return 2
    return 3


def _sorted_lao(match: re.Match[str]) -> str:
    return match.group(1) + "".join(sorted(match.group(2), key=_lao_rank))


def _lao_rank(mark: str) -> int:
    if mark == "\u0ebc":
        return 0
    if "\u0ec8" <= mark <= "\u0ecb":
        return 2
    return 3 if mark == "\u0ecd" else 1


@lru_cache(maxsize=1)
def _converter() -> Any:
    from opencc import OpenCC  # about 0.1 s: only for Han text

    return OpenCC("t2s")
