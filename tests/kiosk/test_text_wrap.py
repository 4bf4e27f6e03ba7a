"""Lines break only where a reader expects: between words, never inside a syllable."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icu4py.breakers import CharacterBreaker, LineBreaker

from hub.compiler import compile_channel
from kiosk.i18n import _
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


def sample(lang: str) -> str:
    return (DATA / f"{lang}.txt").read_text(encoding="utf-8").strip()


@lru_cache(maxsize=2)
def catalog_texts(lang: str) -> list[tuple[str, list[int]]]:
    """Every title, summary and body block of the sample content, with its catalog breaks."""
    gate = {"km": "moc-bai", "lo": "cau-treo"}[lang]
    catalog = compile_channel(CONTENT, gate).catalog
    texts = []
    for article in catalog.articles:
        translation = article.translations.get(lang)
        if translation is None:
            continue
        texts.append((translation.title, translation.title_breaks))
        texts.append((translation.summary, translation.summary_breaks))
        texts += [(block.plain_text, block.breaks) for block in translation.body]
    return [(text, breaks) for text, breaks in texts if text]


def assert_breaks_between_words(text: str, breaks: list[int], lang: str, width: int) -> None:
    """Every line ends where a line may break, unless a single word is wider than the line."""
    spec, size = font_for(lang), font_size("body")
    measure = measurer(spec, size)
    allowed = {*breaks, len(text)}
    lines = wrap(text, breaks, spec, size, width)
    assert "".join(text[line.start : line.end] for line in lines) == text
    for line in lines:
        assert (
            measure.width(line.text) <= width or len(list(CharacterBreaker(line.text, lang))) == 1
        )
        if line.end not in allowed:
            word_start = max((b for b in allowed if b < line.end), default=0)
            word_end = min(b for b in allowed if b > line.end)
            word = text[word_start:word_end].rstrip()
            assert measure.width(word) > width, f"line broken inside a word: {line.text!r}"


@pytest.mark.parametrize("lang", ["km", "lo"])
@pytest.mark.parametrize("width", [220, 360, 640])
def test_khmer_and_lao_lines_end_only_at_icu_word_breaks(
    font_dir: Path, lang: str, width: int
) -> None:
    text = sample(lang)
    allowed = icu_breaks(text, lang)
    lines = wrap(text, sorted(allowed - {len(text)}), font_for(lang), font_size("body"), width)
    assert len(lines) > 2
    assert "".join(text[line.start : line.end] for line in lines) == text
    for line in lines:
        assert line.end in allowed, f"line broken inside a word: {line.text!r}"
        assert measurer(font_for(lang), font_size("body")).width(line.text) <= width


@pytest.mark.parametrize("lang", ["km", "lo"])
@pytest.mark.parametrize("width", [300, 480, 720])
def test_the_sample_content_wraps_at_its_catalog_breaks(
    font_dir: Path, lang: str, width: int
) -> None:
    texts = catalog_texts(lang)
    assert len(texts) > 50
    for text, breaks in texts:
        assert_breaks_between_words(text, breaks, lang, width)


def test_without_break_offsets_khmer_still_breaks_between_words(font_dir: Path) -> None:
    text = sample("km")
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
    text = ((sample("km") + " ") * 50)[:20_000]
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


CAPTIONS = ("Back", "Home", "Search", "Larger text", "High contrast", "Emergency")


@pytest.mark.parametrize("lang", ["vi", "en", "zh", "lo", "km"])
def test_a_text_as_wide_as_the_line_stays_on_one_line(font_dir: Path, lang: str) -> None:
    """Pieces measured apart can add up to a few pixels more than the line measured whole."""
    spec = font_for(lang)
    for size in (24, 30, 38, 48, 60):
        measure = measurer(spec, size)
        for caption in CAPTIONS:
            text = _(caption, lang)
            lines = wrap(text, break_offsets(text, lang), spec, size, measure.width(text))
            assert [line.text for line in lines] == [text], (size, text)


def test_no_line_breaks_next_to_a_word_joiner_whatever_gave_the_offsets() -> None:
    text = "ដើរទៅម៉ុង\u2060កាយ Mong\u2060 Cai"
    every = list(range(1, len(text)))
    for offsets in (break_offsets(text, "km", every), break_offsets(text, "km")):
        assert offsets, "some breaks stay"
        assert all("\u2060" not in text[o - 1 : o + 1] for o in offsets)
    assert all("\u2060" not in text[o - 1 : o + 1] for o in break_offsets(text, "en"))
