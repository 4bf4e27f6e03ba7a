"""Lines break only where a reader expects: between words, never inside a syllable."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icu4py.breakers import CharacterBreaker, LineBreaker

from kiosk.text.fonts import font_for, font_size
from kiosk.text.measure import measurer
from kiosk.text.segment import break_offsets
from kiosk.text.wrap import wrap

DATA = Path(__file__).with_name("data")
CONTENT = Path(__file__).resolve().parents[2] / "assets" / "content"


def icu_breaks(text: str, lang: str) -> set[int]:
    offsets, position = set(), 0
    for segment in LineBreaker(text, lang):
        position += len(segment)
        offsets.add(position)
    return offsets


def paragraphs(lang: str) -> list[str]:
    """Real text: the test's sample, and the authoring content's paragraphs when there are any."""
    texts = [(DATA / f"{lang}.txt").read_text(encoding="utf-8").strip()]
    for path in sorted(CONTENT.glob(f"articles/*/{lang}.md"))[:3]:
        texts += [p for p in path.read_text(encoding="utf-8").split("\n\n") if len(p) > 80][:2]
    return texts


@pytest.mark.parametrize("lang", ["km", "lo"])
@pytest.mark.parametrize("width", [220, 360, 640])
def test_khmer_and_lao_lines_end_only_at_icu_word_breaks(
    font_dir: Path, lang: str, width: int
) -> None:
    spec, size = font_for(lang), font_size("body")
    for text in paragraphs(lang):
        text = " ".join(text.split("\n"))
        allowed = icu_breaks(text, lang)
        lines = wrap(text, sorted(allowed - {len(text)}), spec, size, width)
        assert len(lines) > 1
        assert "".join(text[line.start : line.end] for line in lines) == text
        for line in lines:
            assert line.end in allowed, f"line broken inside a word: {line.text!r}"
            assert measurer(spec, size).width(line.text) <= width


def test_without_break_offsets_khmer_still_breaks_between_words(font_dir: Path) -> None:
    text = (DATA / "km.txt").read_text(encoding="utf-8").strip()
    allowed = icu_breaks(text, "km")
    lines = wrap(text, break_offsets(text, "km"), font_for("km"), font_size("body"), 300)
    assert all(line.end in allowed for line in lines)


def test_english_breaks_at_spaces_and_cuts_only_a_word_longer_than_the_line(font_dir: Path) -> None:
    spec, size = font_for("en"), font_size("body")
    url = "https://evisa.xuatnhapcanh.gov.vn/en/apply-for-an-electronic-visa"
    text = f"Apply online at {url} three days before you travel."
    lines = [line.text for line in wrap(text, None, spec, size, 240)]
    assert lines[0] == "Apply online at"
    end = next(i for i in range(2, len(lines)) if "".join(lines[1:i]) == url)
    assert end > 2, "the address was not cut"
    assert " ".join(lines[end:]) == "three days before you travel."
    assert all(measurer(spec, size).width(line) <= 240 for line in lines)


def test_newlines_always_end_a_line(font_dir: Path) -> None:
    lines = wrap("Police 113\nFire 114\n\nAmbulance 115", None, font_for("en"), 22, 600)
    assert [line.text for line in lines] == ["Police 113", "Fire 114", "", "Ambulance 115"]


def test_a_twenty_thousand_character_body_wraps(font_dir: Path) -> None:
    sample = (DATA / "km.txt").read_text(encoding="utf-8").strip()
    text = (sample + " ") * (20_000 // len(sample) + 1)
    text = text[:20_000]
    lines = wrap(text, break_offsets(text, "km"), font_for("km"), font_size("body"), 700)
    assert "".join(text[line.start : line.end] for line in lines) == text


khmer_words = st.sampled_from(
    ["ការ", "ចូល", "ប្រទេស", "និង", "ទិដ្ឋាការ", "ស្ត្រី", "១២៣", "ATM", "e-Visa"]
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    words=st.lists(
        st.tuples(khmer_words, st.sampled_from(["", " ", "\n"])), min_size=1, max_size=30
    ),
    width=st.integers(min_value=10, max_value=500),
)
def test_any_khmer_text_is_tiled_by_lines_that_never_split_a_cluster(
    font_dir: Path, words: list[tuple[str, str]], width: int
) -> None:
    text = "".join(word + gap for word, gap in words)
    spec, size = font_for("km"), font_size("body")
    lines = wrap(text, break_offsets(text, "km"), spec, size, width)
    assert "".join(text[line.start : line.end] for line in lines) == text
    clusters, position = set(), 0
    for cluster in CharacterBreaker(text, "km"):
        position += len(cluster)
        clusters.add(position)
    for line in lines:
        assert line.end in clusters
        if len(list(CharacterBreaker(line.text, "km"))) > 1:
            assert measurer(spec, size).width(line.text) <= width
