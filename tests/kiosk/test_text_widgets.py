"""What a traveller sees of the text widgets: their language's script, whole words, plain text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from icu4py.breakers import LineBreaker

from catalog.model import Block, Span
from kiosk.text.fonts import font_for, font_size

DATA = Path(__file__).with_name("data")
KHMER = (DATA / "km.txt").read_text(encoding="utf-8").strip()
MARKUP = "Bring [b]cash[/b], not [/color] or &bl; [ref=x]link[/ref] [size=99]big[/size] &amp;"


def label_lines(label: object) -> list[str]:
    """The lines a label drew, as its core label laid them out."""
    return ["".join(word.text for word in line.words) for line in label._label._cached_lines]  # type: ignore[attr-defined]


def article_lines(body: object) -> list[str]:
    from kiosk.text.article import WrappedLines

    lines: list[str] = []
    for widget in body.walk(restrict=True):  # type: ignore[attr-defined]
        if isinstance(widget, WrappedLines):
            widget.texture_update()
            lines += label_lines(widget)
    return lines


def test_script_label_shapes_with_its_language_script(window: object) -> None:
    from kiosk.text.widgets import ScriptLabel

    label = ScriptLabel(text=KHMER[:40], lang="km")
    assert (label.font_name, label.font_script_name) == (font_for("km").name, "Khmr")
    label.lang = "zh"
    assert (label.font_name, label.font_script_name) == (font_for("zh").name, "Hani")
    label.role = "title"
    assert label.font_name == font_for("zh").bold_name


def test_large_text_makes_the_label_bigger(window: object) -> None:
    from kiosk.text.widgets import ScriptLabel

    label = ScriptLabel(text="Entry and visas", role="body")
    label.large_text = True
    assert label.font_size == font_size("body", large_text=True) > font_size("body")


def test_a_font_size_set_by_a_screen_is_kept_and_wrapped_at(window: object) -> None:
    from kiosk.text.measure import measurer
    from kiosk.text.widgets import ScriptLabel

    label = ScriptLabel(text=KHMER, lang="km", width=400)
    label.font_size = 41
    label.lang = "lo"
    label.lang = "km"
    label.large_text = True
    assert label.font_size == 41
    label.texture_update()
    assert all(measurer(font_for("km"), 41).width(line) <= 400 for line in label_lines(label))


def test_a_font_size_given_or_set_by_a_kv_rule_is_kept(window: object) -> None:
    from kivy.factory import Factory
    from kivy.lang import Builder

    from kiosk.text.widgets import ScriptLabel

    assert ScriptLabel(text="Customs", font_size=33, lang="km").font_size == 33
    Builder.load_string("<TestFactLine@ScriptLabel>:\n    font_size: 27\n    role: 'title'\n")
    line = Factory.TestFactLine(text="Customs")
    line.lang = "lo"
    assert line.font_size == 27


def test_font_scale_fits_the_type_scale_to_the_screen(window: object) -> None:
    from kiosk.text.widgets import ArticleBody, ScriptLabel

    label = ScriptLabel(text="Customs", role="heading", font_scale=0.5)
    assert label.font_size == font_size("heading", scale=0.5) == round(font_size("heading") / 2)
    body = ArticleBody(
        blocks=[Block(kind="paragraph", spans=[Span(text="Customs")])], font_scale=0.5
    )
    body.build()
    body.children[0].rewrap()
    assert body.children[0].children[0].font_size == font_size("body", scale=0.5)


def test_script_label_wraps_khmer_between_words_and_rewraps_when_narrower(
    window: object, settle: Callable[[], None]
) -> None:
    from kiosk.text.widgets import ScriptLabel

    label = ScriptLabel(text=KHMER, lang="km", size_hint_x=None, width=600)
    window.add_widget(label)  # type: ignore[attr-defined]
    try:
        settle()
        wide = label_lines(label)
        label.width = 300
        settle()
        narrow = label_lines(label)
    finally:
        window.remove_widget(label)  # type: ignore[attr-defined]
    assert len(narrow) > len(wide) > 1
    allowed, position = set(), 0
    for segment in LineBreaker(KHMER, "km"):
        position += len(segment)
        allowed.add(position)
    position = 0
    for line in narrow:
        position = KHMER.index(line, position) + len(line)
        position += len(KHMER[position:]) - len(KHMER[position:].lstrip(" "))
        assert position in allowed, f"line does not end with a whole word: {line!r}"
    assert label.height == label.texture_size[1]
    assert label.texture_size[0] <= 300


def test_markup_characters_in_a_label_are_shown_literally(window: object) -> None:
    from kiosk.text.widgets import ScriptLabel

    label = ScriptLabel(text=MARKUP, width=2000, markup=True)
    label.texture_update()
    assert label.markup is False
    assert label_lines(label) == [MARKUP]


def test_markup_characters_in_an_article_are_shown_literally(window: object) -> None:
    from kiosk.text.widgets import ArticleBody

    blocks = [
        Block(kind="paragraph", spans=[Span(text=MARKUP[:20]), Span(text=MARKUP[20:], bold=True)])
    ]
    body = ArticleBody(blocks=blocks, lang="en", width=3000)
    body.build()
    for block in body.children:
        block.rewrap()
    assert "".join(article_lines(body)) == MARKUP


def test_article_shows_headings_paragraphs_bullets_and_bold_spans(
    window: object, settle: Callable[[], None]
) -> None:
    from kiosk.text.article import BulletItem, TextBlock
    from kiosk.text.widgets import ArticleBody, ScriptLabel

    spec = font_for("km")
    blocks = [
        Block(kind="heading", spans=[Span(text="ការចូលប្រទេស")]),
        Block(kind="paragraph", spans=[Span(text=KHMER[:60]), Span(text=KHMER[60:120], bold=True)]),
        Block(kind="item", spans=[Span(text="លិខិតឆ្លងដែន", href="https://example.org/passport")]),
        Block(kind="item", spans=[Span(text="ទិដ្ឋាការ")]),
    ]
    body = ArticleBody(blocks=blocks, lang="km", width=500)
    window.add_widget(body)  # type: ignore[attr-defined]
    try:
        settle()
        kinds = [type(child) for child in reversed(body.children)]
        assert kinds == [TextBlock, TextBlock, BulletItem, BulletItem]
        heading, paragraph = body.children[-1], body.children[-2]
        assert heading.children[0].font_name == spec.bold_name
        assert f"[font={spec.bold_name}]" in "".join(label.text for label in paragraph.children)
        bullets = [
            w
            for item in body.children[:2]
            for w in item.walk(restrict=True)
            if isinstance(w, ScriptLabel)
        ]
        assert [bullet.text for bullet in bullets] == ["•", "•"]
        assert "លិខិតឆ្លងដែន" in article_lines(body)
        short = body.height
        body.large_text = True
        settle()
        assert body.height > short > 0
    finally:
        window.remove_widget(body)  # type: ignore[attr-defined]


def test_a_fifty_thousand_character_body_is_shown_capped(window: object) -> None:
    from catalog.model import MAX_BODY_CHARS
    from kiosk.text.widgets import ArticleBody

    spans = [Span(text=((KHMER + " ") * 9)[:3_900]) for _ in range(13)]  # about 50,000 characters
    blocks = [Block(kind="paragraph", spans=spans[i : i + 1]) for i in range(13)]
    body = ArticleBody(blocks=blocks, lang="km", width=700)
    body.build()
    for block in body.children:
        block.rewrap()
    shown = "".join(article_lines(body))
    assert MAX_BODY_CHARS * 0.9 < len(shown) <= MAX_BODY_CHARS + 1
    assert shown.endswith("…")
    from kiosk.text.article import WrappedLines

    labels = [w for w in body.walk(restrict=True) if isinstance(w, WrappedLines)]
    assert all(label.texture_size[1] < 2_000 for label in labels)


def test_a_fifty_thousand_character_label_is_cut_with_an_ellipsis(window: object) -> None:
    from kiosk.text.widgets import MAX_TEXTURE_HEIGHT, ScriptLabel

    label = ScriptLabel(text=KHMER * (50_000 // len(KHMER)), lang="km", width=400)
    label.texture_update()
    assert label.texture_size[1] <= MAX_TEXTURE_HEIGHT
    assert label_lines(label)[-1].endswith("…")


def test_max_lines_ends_the_last_line_with_an_ellipsis(window: object) -> None:
    from kiosk.text.widgets import ScriptLabel

    label = ScriptLabel(text=KHMER, lang="km", width=300, max_lines=2)
    label.texture_update()
    lines = label_lines(label)
    assert len(lines) == 2
    assert lines[-1].endswith("…")


@pytest.mark.parametrize(
    ("lang", "script"), [("km", "Khmr"), ("lo", "Laoo"), ("zh", "Hani"), ("vi", "Latn")]
)
def test_search_input_shapes_typed_text_with_the_language_script(
    window: object, lang: str, script: str
) -> None:
    from kiosk.text.widgets import ScriptTextInput

    field = ScriptTextInput(lang=lang)
    field._refresh_line_options()
    assert field._get_line_options()["font_script_name"] == script
    assert field._label_cached.options["font_script_name"] == script
    assert field.font_name == font_for(lang).name
    field.insert_text("ស្ត្រី 113" if lang == "km" else "113 ATM")
    assert field.text


def test_widgets_render_in_every_script(
    window: object, settle: Callable[[], None], tmp_path: Path
) -> None:
    from kivy.uix.boxlayout import BoxLayout

    from kiosk.text.widgets import ArticleBody, ScriptLabel

    samples = {"km": KHMER[:120], "lo": (DATA / "lo.txt").read_text(encoding="utf-8")[:120]}
    samples |= {
        "zh": "旅客须持有效期至少六个月的护照。紧急电话 113。",
        "vi": "Hộ chiếu còn hạn ít nhất 6 tháng.",
    }
    for lang, text in samples.items():
        root = BoxLayout(orientation="vertical", size_hint=(None, None), size=(500, 600))
        root.add_widget(ScriptLabel(text=text[:20], lang=lang, role="title"))
        root.add_widget(
            ArticleBody(blocks=[Block(kind="paragraph", spans=[Span(text=text)])], lang=lang)
        )
        window.add_widget(root)  # type: ignore[attr-defined]
        try:
            settle()
            assert root.export_to_png(str(tmp_path / f"{lang}.png")) is not False
        finally:
            window.remove_widget(root)  # type: ignore[attr-defined]
        assert (tmp_path / f"{lang}.png").stat().st_size > 1_000


def test_an_unknown_block_kind_is_shown_as_a_paragraph(
    window: object, settle: Callable[[], None]
) -> None:
    from kiosk.text.article import TextBlock
    from kiosk.text.widgets import ArticleBody

    table = Block.model_construct(kind="table", spans=[Span(text="Row [b]one[/b]")], breaks=[])
    body = ArticleBody(blocks=[table], lang="en", width=600)
    window.add_widget(body)  # type: ignore[attr-defined]
    try:
        settle()
        (block,) = body.children
        assert isinstance(block, TextBlock) and block.role == "body"
        assert article_lines(body) == ["Row [b]one[/b]"]
    finally:
        window.remove_widget(body)  # type: ignore[attr-defined]


def test_an_article_shown_again_reuses_its_block_widgets(
    window: object, settle: Callable[[], None]
) -> None:
    from kiosk.text.widgets import ArticleBody

    first = [
        Block(kind="heading", spans=[Span(text="Visa")]),
        Block(kind="paragraph", spans=[Span(text="Apply online.")]),
    ]
    body = ArticleBody(blocks=first, lang="en", width=600)
    settle()
    before = list(body.children)
    body.blocks = [
        Block(kind="paragraph", spans=[Span(text="Customs")]),
        Block(kind="item", spans=[Span(text="Cash")]),
    ]
    settle()
    assert body.children[-1] is before[-1]  # the first block's widget, now a paragraph
    assert article_lines(body) == ["Customs", "Cash"]


JOINED = {  # the sample gate names, kept together with U+2060 WORD JOINER
    "km": "ច្រកព្រំដែនអន្តរជាតិម៉ុង\u2060កាយ",
    "lo": "ດ່ານສາກົນມົງ\u2060ກາຍ",
    "zh": "芒\u2060街国际口岸",  # Noto Sans CJK has no glyph for it: still nothing is drawn
    "vi": "Cửa khẩu quốc tế Móng\u2060Cái",
}


@pytest.mark.parametrize("lang", list(JOINED))
def test_a_word_joiner_draws_nothing(window: object, lang: str) -> None:
    from kiosk.text.widgets import ScriptLabel

    joined, plain = (
        ScriptLabel(text=text, lang=lang, role="heading", width=2000)
        for text in (JOINED[lang], JOINED[lang].replace("\u2060", ""))
    )
    for label in (joined, plain):
        label.texture_update()
    assert joined.texture_size == plain.texture_size
    assert joined.texture.pixels == plain.texture.pixels  # no box for a missing glyph


@pytest.mark.parametrize(
    ("lang", "gate", "name"),
    [("km", "ច្រកព្រំដែនអន្តរជាតិ", "ម៉ុង\u2060កាយ"), ("lo", "ດ່ານສາກົນ", "ມົງ\u2060ກາຍ")],
)
def test_a_joined_name_moves_to_the_next_line_whole(
    window: object, lang: str, gate: str, name: str
) -> None:
    from kiosk.text.widgets import ScriptLabel

    label = ScriptLabel(text=gate + name, lang=lang, role="heading")
    label.width = label.line_width - 1  # a pixel too narrow for one line
    assert label.wrapped_text().split("\n") == [gate, name]
