"""Khmer and Lao words kept whole: the project's word list, on the hub's side and the kiosk's."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from icu4py.breakers import LineBreaker

from catalog.words import BREAK_MARK, word_spans, words
from hub.segment import break_offsets as hub_breaks
from kiosk.text.segment import break_offsets as kiosk_breaks

CONTENT = Path(__file__).resolve().parents[2] / "assets" / "content"
REPEAT_MARKS = "\u17d7\u0ec6"  # Khmer lek too, Lao ko la: they repeat the word before them


def sample_names() -> list[tuple[str, str]]:
    """(language, text) of every Khmer and Lao topic name and article title of the sample."""
    names = []
    for topic in yaml.safe_load((CONTENT / "topics.yaml").read_text(encoding="utf-8")):
        names += [(lang, topic["title"][lang]) for lang in ("km", "lo") if lang in topic["title"]]
    for lang in ("km", "lo"):
        for path in sorted(CONTENT.glob(f"articles/*/{lang}.md")):
            front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
            names.append((lang, front["title"]))
    return names


def inside_a_word(text: str, lang: str, offsets: list[int]) -> list[str]:
    return [
        text[start:end]
        for start, end in word_spans(text, lang)
        for offset in offsets
        if start < offset < end
    ]


def icu(text: str, lang: str) -> list[int]:
    return [start for start, _end in LineBreaker(text, lang).segments() if 0 < start < len(text)]


@pytest.mark.parametrize(
    ("lang", "text", "word"),
    [
        ("km", "ការបើកបរនៅវៀតណាម៖ ប័ណ្ណបើកបរ និងច្បាប់សំខាន់ៗ", "សំខាន់ៗ"),
        ("lo", "ຊິມ ແລະ ອິນເຕີເນັດ", "ອິນເຕີເນັດ"),
        ("lo", "ຂໍວີຊາເອເລັກໂຕຣນິກທາງອອນລາຍກ່ອນເດີນທາງ", "ວີຊາ"),
    ],
)
def test_a_word_icu_splits_is_kept_whole_by_hub_and_kiosk(lang: str, text: str, word: str) -> None:
    start = text.index(word)
    assert any(start < o < start + len(word) for o in icu(text, lang)), "ICU keeps it: pick another"
    for offsets in (hub_breaks(text, lang), kiosk_breaks(text, lang)):
        assert not [o for o in offsets if start < o < start + len(word)]
        assert start in offsets or start == 0  # the word still moves to the next line whole


@pytest.mark.parametrize(("lang", "text"), sample_names())
def test_sample_titles_and_topics_break_only_between_words(lang: str, text: str) -> None:
    offsets = hub_breaks(text, lang)
    assert offsets == kiosk_breaks(text, lang)  # the catalog's breaks and the kiosk's agree
    assert inside_a_word(text, lang, offsets) == []
    assert [text[o] for o in offsets if text[o] in REPEAT_MARKS] == []  # no line starts with one


def test_every_listed_word_is_one_icu_splits_alone_or_in_the_sample() -> None:
    names = sample_names()
    for lang in ("km", "lo"):
        assert words(lang), lang
        for word in words(lang):
            contexts = [f" {word} "] + [text for code, text in names if code == lang]
            assert any(
                inside_a_word_of(word, text, icu(text, lang)) for text in contexts if word in text
            ), (lang, word)


def inside_a_word_of(word: str, text: str, offsets: list[int]) -> bool:
    start = text.find(word)
    while start != -1:
        if any(start < o < start + len(word) for o in offsets):
            return True
        start = text.find(word, start + 1)
    return False


def test_an_authors_break_mark_breaks_even_inside_a_listed_word() -> None:
    text = f"ຂໍວີ{BREAK_MARK}ຊາ"
    mark = text.index(BREAK_MARK) + 1
    assert mark in hub_breaks(text, "lo") and mark in kiosk_breaks(text, "lo")


def test_a_language_without_a_list_is_left_as_icu_breaks_it() -> None:
    assert words("zh") == () and words("xx") == ()
    assert hub_breaks("出行前在网上申请电子签证", "zh") == icu("出行前在网上申请电子签证", "zh")
