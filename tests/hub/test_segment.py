"""Break opportunities the hub puts in the catalog: never inside a name kept together."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hub.compiler import compile_channel
from hub.segment import WORD_JOINER, break_offsets

CONTENT = Path(__file__).resolve().parents[2] / "assets" / "content"
WJ = WORD_JOINER

JOINED_NAMES = [
    ("km", "ច្រកព្រំដែនអន្តរជាតិ", f"ម៉ុង{WJ}កាយ"),  # Móng Cái
    ("km", "ច្រកព្រំដែនអន្តរជាតិ", f"ម៉ុ{WJ}ក{WJ}បៃ"),  # Mộc Bài
    ("km", "ច្រកព្រំដែនអន្តរជាតិ", f"កៅ{WJ}ត្រែ{WJ}វ"),  # Cầu Treo
    ("lo", "ດ່ານສາກົນ", f"ມົງ{WJ}ກາຍ"),  # Móng Cái
    ("lo", "ເສັ້ນທາງຈາກ", f"ຮ່າ{WJ}ໂນ້ຍ"),  # Hà Nội
]


def inside(offsets: list[int], start: int, end: int) -> list[int]:
    return [offset for offset in offsets if start < offset < end]


@pytest.mark.parametrize(("lang", "before", "name"), JOINED_NAMES)
def test_a_name_joined_with_word_joiners_gets_no_break_inside_it(
    lang: str, before: str, name: str
) -> None:
    text = before + name + before
    start, end = len(before), len(before) + len(name)
    assert inside(break_offsets(text, lang), start, end) == []
    assert start in break_offsets(text, lang)  # it still moves to the next line whole
    plain = text.replace(WJ, "")
    assert inside(break_offsets(plain, lang), start, start + len(name.replace(WJ, ""))) != [], (
        "ICU keeps this name together without joiners: pick one it splits"
    )


khmer_and_lao_words = st.sampled_from(
    ["ច្រក", "ព្រំដែន", "ម៉ុង", "កាយ", "ប្រទេស", "ទិដ្ឋាការ", "ດ່ານ", "ສາກົນ", "ມົງ", "ກາຍ", "ຮ່າ"]
)


@given(
    words=st.lists(st.tuples(khmer_and_lao_words, st.booleans()), min_size=1, max_size=12),
    lang=st.sampled_from(["km", "lo"]),
)
def test_no_break_is_offered_next_to_a_word_joiner(
    words: list[tuple[str, bool]], lang: str
) -> None:
    text = "".join(word + (WJ if join else "") for word, join in words)
    for offset in break_offsets(text, lang):
        assert WJ not in text[offset - 1 : offset + 1], (text, offset)


GATE_NAMES = {
    "km": ["ម៉ុងកាយ", "ម៉ុកបៃ", "កៅត្រែវ"],  # Móng Cái, Mộc Bài, Cầu Treo
    "lo": ["ມົງກາຍ", "ມົກບ່າຍ", "ເກົາແຈວ"],
}


def occurrences(text: str, name: str) -> list[tuple[int, int]]:
    """Where `name` is in `text`, with or without word joiners between its letters."""
    pattern = f"{WJ}?".join(map(re.escape, name))
    return [match.span() for match in re.finditer(pattern, text)]


@pytest.mark.parametrize("channel", ["mong-cai", "cau-treo", "moc-bai"])
def test_the_sample_gate_names_are_never_broken_in_khmer_and_lao(channel: str) -> None:
    catalog = compile_channel(CONTENT, channel).catalog
    seen = 0
    for lang, names in GATE_NAMES.items():
        gate_name = catalog.gate.name[lang]
        texts = [(gate_name, break_offsets(gate_name, lang))]
        for article in catalog.articles:
            translation = article.translations[lang]
            texts += [
                (translation.title, translation.title_breaks),
                (translation.summary, translation.summary_breaks),
                *((block.plain_text, block.breaks) for block in translation.body),
            ]
        for text, breaks in texts:
            for name in names:
                for start, end in occurrences(text, name):
                    seen += 1
                    assert inside(breaks, start, end) == [], (lang, name, text[:40])
    assert seen >= 10
