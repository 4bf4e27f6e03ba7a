"""Every language is drawn with a font that has every character it needs."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from fontTools.ttLib import TTCollection, TTFont

from kiosk.text import fontbuild
from kiosk.text.fonts import font_file, font_for, font_size, register_fonts

KHMER_WITH_LATIN = "ទូរស័ព្ទ 113 ឬ 1900 1234 ពេល passport បាត់ (24h, ATM) e-Visa ៣០ ដុល្លារ $25។"
LAO_WITH_LATIN = "ໂທ 113 ຫຼື 1900 1234 ຖ້າ passport ເສຍ (24h, ATM) e-Visa 25 USD."


def cmap(path: Path) -> dict[int, str]:
    return TTFont(path, lazy=True).getBestCmap()


@pytest.mark.parametrize(
    ("lang", "script"),
    [("vi", "Latn"), ("en", "Latn"), ("zh", "Hani"), ("lo", "Laoo"), ("km", "Khmr")],
)
def test_each_language_has_its_own_script_for_shaping(
    font_dir: Path, lang: str, script: str
) -> None:
    spec = font_for(lang)
    assert spec.script == script
    assert spec.name != spec.bold_name


@pytest.mark.parametrize(
    ("lang", "text"), [("km", KHMER_WITH_LATIN), ("lo", LAO_WITH_LATIN)], ids=["km", "lo"]
)
def test_latin_digits_and_words_inside_khmer_and_lao_have_glyphs(
    window: object, lang: str, text: str
) -> None:
    from kiosk.text.widgets import ScriptLabel

    for role in ("body", "title"):  # regular and bold font files
        label = ScriptLabel(text=text, lang=lang, role=role, width=500)
        label.texture_update()
        used = Path(label._label.options["font_name_r"])
        assert used in (font_file(lang), font_file(lang, bold=True))
        missing = {char for char in text if ord(char) not in cmap(used)}
        assert missing == set(), f"{used.name} has no glyph for {sorted(missing)}"
        assert label.texture is not None
        assert label.texture.width > 0


def test_the_noto_khmer_and_lao_originals_lack_latin_digits(font_dir: Path) -> None:
    """Why the kiosk builds its own fonts: the Debian Noto fonts alone would draw boxes."""
    for name in ("NotoSansKhmer-Regular.ttf", "NotoSansLao-Regular.ttf"):
        original = fontbuild._source(name.replace("Regular", "{Weight}"), "regular")
        assert ord("1") not in cmap(original)


@pytest.mark.parametrize("bold", [False, True])
def test_chinese_is_drawn_with_the_simplified_chinese_face(font_dir: Path, bold: bool) -> None:
    weight = "bold" if bold else "regular"
    source = fontbuild._source("NotoSansCJK-{Weight}.ttc", weight)
    faces = {
        face["name"].getDebugName(1): face.getBestCmap() for face in TTCollection(source, lazy=True)
    }
    built = cmap(font_file("zh", bold))
    for char in "直骨关门":  # their simplified Chinese and Japanese glyphs differ
        code = ord(char)
        assert built[code] == faces["Noto Sans CJK SC"][code]
        assert built[code] != faces["Noto Sans CJK JP"][code]


def test_vietnamese_font_has_every_tone_mark(font_dir: Path) -> None:
    letters = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
    marks = "\u0300\u0301\u0303\u0309\u0323"
    import unicodedata

    composed = {unicodedata.normalize("NFC", letter + mark) for letter in letters for mark in marks}
    for bold in (False, True):
        have = cmap(font_file("vi", bold))
        assert {
            char for char in composed | set("đĐ") | set(marks) if ord(char) not in have
        } == set()


def test_built_fonts_are_reused_not_rebuilt(font_dir: Path) -> None:
    before = {path.name: path.stat().st_mtime_ns for path in font_dir.iterdir()}
    assert register_fonts() == font_dir
    assert {path.name: path.stat().st_mtime_ns for path in font_dir.iterdir()} == before


def test_a_folder_of_prebuilt_fonts_is_used_as_it_is(font_dir: Path, tmp_path: Path) -> None:
    for path in font_dir.glob("*.*tf"):
        (tmp_path / path.name).symlink_to(path)
    try:
        assert register_fonts(tmp_path) == tmp_path
        assert font_file("km").parent == tmp_path
        assert all(path.is_symlink() for path in tmp_path.iterdir())
    finally:
        register_fonts()


def test_missing_fonts_without_sources_are_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fontbuild, "SOURCE_DIRS", (tmp_path / "nowhere",))
    with pytest.raises(fontbuild.FontError, match="fonts-noto-core"):
        fontbuild.build_font("khmr", "regular", tmp_path / "fonts")


def test_large_text_is_larger_and_the_scale_stays_small(font_dir: Path) -> None:
    roles = ("small", "body", "heading", "title")
    sizes = {font_size(role, large) for role in roles for large in (False, True)}
    assert all(font_size(role, True) > font_size(role) for role in roles)
    assert font_size("small") < font_size("body") < font_size("heading") < font_size("title")
    assert len(sizes) <= 5


def test_building_a_merged_font_logs_no_fonttools_chatter(
    font_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        fontbuild._merge_latin("laoo", "regular")
    assert [r.name for r in caplog.records if r.name.startswith("fontTools")] == []
    assert logging.getLogger("fontTools").level == logging.NOTSET  # restored afterwards
