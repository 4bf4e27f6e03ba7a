"""Typing Chinese by pinyin: the letters still waiting for a word, and choosing a word for them.

The search field holds what was chosen so far followed by the pinyin being typed ("签证banli").
The candidate bar offers words for the pending letters (cache's `pinyin_candidates`); choosing
one replaces the letters it spells and leaves the rest pending ("chuzucheche" -> "出租车che").
"""

from __future__ import annotations

import re

_PENDING = re.compile("[a-zA-Z]+$")


def pending_pinyin(text: str) -> str:
    """The run of Latin letters at the end of `text` (lower case), or ""."""
    found = _PENDING.search(text)
    return found.group(0).lower() if found else ""


def choose(text: str, word: str, pinyin: str) -> str:
    """`text` with the pending letters that `pinyin` spells replaced by `word`."""
    pending = pending_pinyin(text)
    kept = text[: len(text) - len(pending)]
    rest = pending[len(pinyin) :] if pending.startswith(pinyin) else ""
    return kept + word + rest
