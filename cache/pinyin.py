"""Pinyin for Chinese text, computed when content is written (pypinyin), never on the kiosk's UI.

Stored text gets the toneless pinyin of each run of Han characters, syllables run together
("出租车" -> "chuzuche"), so a traveller typing pinyin with or without spaces or tone marks finds
it. The words of titles, topics, contacts and synonyms, with their pinyin, are the
vocabulary the pinyin keyboard offers as candidates.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from icu4py.breakers import WordBreaker

HAN_RUN = re.compile("[\u3400-\u9fff\uf900-\ufaff]+")
MAX_WORD = 8
"""Longer runs are not offered as one candidate."""
WHOLE_RUN = 4
"""Runs up to this long get their pinyin in one piece, phrase by phrase."""


def pinyin_text(text: str) -> str:
    """The pinyin of every Han run in `text`, runs separated by spaces ("" when there is none)."""
    return " ".join(_run_pinyin(run) for run in HAN_RUN.findall(text))


def vocabulary(texts: Iterable[str]) -> Counter[tuple[str, str]]:
    """(pinyin, word) -> how often the word, or two words in a row (出租 + 车), occur in `texts`."""
    counts: Counter[tuple[str, str]] = Counter()
    for text in texts:
        for run in HAN_RUN.findall(text):
            words = _words(run)
            pairs = ["".join(words[n : n + 2]) for n in range(len(words) - 1)]
            for word in (*words, *pairs):
                if len(word) <= MAX_WORD:
                    counts[(word_pinyin(word), word)] += 1
    return counts


def _run_pinyin(run: str) -> str:
    """Short runs whole (pypinyin reads 的士 as "dishi"), long ones word by word (memoised)."""
    if len(run) <= WHOLE_RUN:
        return word_pinyin(run)
    return "".join(word_pinyin(word) for word in _words(run))


@lru_cache(maxsize=65_536)
def word_pinyin(word: str) -> str:
    """Toneless pinyin of one word, syllables run together."""
    from pypinyin import lazy_pinyin  # its dictionaries take about a second

    return "".join(lazy_pinyin(word, errors="ignore"))


@lru_cache(maxsize=4_096)
def _words(run: str) -> tuple[str, ...]:
    """ICU's dictionary words of a run of Han characters."""
    return tuple(run[start:end] for start, end in WordBreaker(run, "zh").segments())
