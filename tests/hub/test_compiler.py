import json
from pathlib import Path

import pytest

from hub.__main__ import main
from hub.compiler import compile_channel, list_channels
from hub.sourcefile import ContentError

GATES = """\
- id: mong-cai
  name: {vi: Móng Cái, en: Mong Cai, zh: 芒街}
  province: {vi: Quảng Ninh, en: Quang Ninh}
  neighbour_country: CN
  timezone: Asia/Ho_Chi_Minh
  languages:
    - {code: zh, fallback: [en, vi]}
    - {code: vi, fallback: [en]}
    - {code: en, fallback: [vi]}
    - {code: km, fallback: [en, vi]}
- id: moc-bai
  name: {vi: Mộc Bài, en: Moc Bai}
  province: {vi: Tây Ninh, en: Tay Ninh}
  neighbour_country: KH
  timezone: Asia/Ho_Chi_Minh
  languages:
    - {code: km, fallback: [en, vi]}
    - {code: vi, fallback: [en]}
    - {code: en, fallback: [vi]}
"""
TOPICS = """\
- id: entry-visa
  order: 10
  icon: passport
  title: {vi: Nhập cảnh, en: Entry}
"""
CONTACTS = """\
- id: police
  kind: police
  number: "113"
  gates: all
  name: {vi: Công an, en: Police}
- id: moc-bai-hospital
  kind: hospital
  number: "115"
  gates: [moc-bai]
  name: {vi: Bệnh viện, en: Hospital}
"""


def markdown(title: str, body: str = "A paragraph.", **extra: str) -> str:
    meta = {
        "title": title,
        "summary": "Short.",
        "source": "Viet Nam Immigration Department",
        "source_url": "https://xuatnhapcanh.gov.vn",
        "as_of": "2026-11-01",
        **extra,
    }
    front = "\n".join(f"{key}: {value}" for key, value in meta.items())
    return f"---\n{front}\n---\n\n{body}\n"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    (tmp_path / "gates.yaml").write_text(GATES)
    (tmp_path / "topics.yaml").write_text(TOPICS)
    (tmp_path / "contacts.yaml").write_text(CONTACTS)
    add_article(
        tmp_path,
        "e-visa",
        "gates: all",
        {"en": "Apply for an e-visa", "vi": "Xin thị thực điện tử"},
    )
    add_article(tmp_path, "moc-bai-about", "gates: [moc-bai]", {"en": "About Moc Bai"})
    return tmp_path


def add_article(
    root: Path, article_id: str, gates: str, titles: dict[str, str], body: str = "A paragraph."
) -> Path:
    folder = root / "articles" / article_id
    folder.mkdir(parents=True)
    (folder / "article.yaml").write_text(f"topic: entry-visa\npriority: 10\n{gates}\n")
    for lang, title in titles.items():
        (folder / f"{lang}.md").write_text(markdown(title, body))
    return folder


def problems(content: Path, channel: str = "mong-cai") -> list[str]:
    with pytest.raises(ContentError) as caught:
        compile_channel(content, channel)
    return caught.value.problems


def test_channel_gets_national_articles_and_only_its_own_gate_pages(content):
    assert [a.id for a in compile_channel(content, "mong-cai").catalog.articles] == ["e-visa"]
    assert [a.id for a in compile_channel(content, "moc-bai").catalog.articles] == [
        "e-visa",
        "moc-bai-about",
    ]


def test_contacts_are_chosen_per_gate(content):
    assert [c.id for c in compile_channel(content, "moc-bai").catalog.contacts] == [
        "police",
        "moc-bai-hospital",
    ]


def test_list_channels_names_every_gate(content):
    assert list_channels(content) == ["mong-cai", "moc-bai"]


def test_missing_translation_is_coverage_not_failure(content):
    compiled = compile_channel(content, "mong-cai")
    assert compiled.coverage["e-visa"] == {
        "vi": True,
        "en": True,
        "zh": False,
        "lo": False,
        "km": False,
    }


def test_markdown_subset_becomes_blocks(content):
    body = "## Steps\n\nBring **your passport** and [apply](https://evisa.gov.vn).\n\n- one\n- two\n\n<b>x</b>"
    add_article(content, "steps", "gates: all", {"en": "Steps"}, body)
    blocks = compile_channel(content, "mong-cai").catalog.articles[1].translations["en"].body
    assert [b.kind for b in blocks] == ["heading", "paragraph", "item", "item", "paragraph"]
    assert [(s.text, s.bold, s.href) for s in blocks[1].spans] == [
        ("Bring ", False, None),
        ("your passport", True, None),
        (" and ", False, None),
        ("apply", False, "https://evisa.gov.vn"),
        (".", False, None),
    ]
    assert blocks[4].plain_text == "<b>x</b>"


def test_khmer_text_carries_word_break_opportunities(content):
    add_article(content, "khmer", "gates: all", {"km": "ប្រទេសវៀតណាមមានទិដ្ឋាការ"})
    title = compile_channel(content, "mong-cai").catalog.articles[1].translations["km"]
    assert [
        title.title[a:b]
        for a, b in zip([0, *title.title_breaks], [*title.title_breaks, None], strict=True)
    ] == [
        "ប្រទេស",
        "វៀតណាម",
        "មាន",
        "ទិដ្ឋាការ",
    ]


def test_english_text_needs_no_break_offsets(content):
    assert (
        compile_channel(content, "mong-cai").catalog.articles[0].translations["en"].title_breaks
        == []
    )


def test_overlong_title_points_at_its_line(content):
    path = content / "articles" / "e-visa" / "en.md"
    path.write_text(markdown("x" * 201))
    assert problems(content) == [f"{path}:2: title: String should have at most 200 characters"]


def test_missing_source_url_points_at_the_file(content):
    path = content / "articles" / "e-visa" / "vi.md"
    path.write_text(path.read_text().replace("source_url: https://xuatnhapcanh.gov.vn\n", ""))
    assert problems(content)[0].startswith(f"{path}:")
    assert "source_url" in problems(content)[0]


def test_unknown_topic_points_at_the_topic_line(content):
    path = content / "articles" / "e-visa" / "article.yaml"
    path.write_text("priority: 10\ntopic: weather\n")
    assert problems(content) == [f"{path}:2: unknown topic 'weather'"]


def test_unknown_front_matter_key_is_a_typo_caught(content):
    path = content / "articles" / "e-visa" / "en.md"
    path.write_text(markdown("Title", sorce="typo"))
    assert f"{path}:7: unknown front matter key 'sorce'" in problems(content)


def test_broken_yaml_points_at_the_line(content):
    (content / "topics.yaml").write_text("- id: entry-visa\n  order: [10\n")
    assert problems(content)[0].startswith(f"{content / 'topics.yaml'}:")
    assert "invalid YAML" in problems(content)[0]


def test_bad_topic_field_points_at_its_line(content):
    (content / "topics.yaml").write_text(TOPICS.replace("order: 10", "order: -1"))
    assert problems(content) == [
        f"{content / 'topics.yaml'}:2: order: Input should be greater than or equal to 0",
        f"{content / 'articles' / 'e-visa' / 'article.yaml'}:1: unknown topic 'entry-visa'",
    ]


def test_unknown_channel_lists_the_known_ones(content):
    assert problems(content, "lao-bao") == [
        f"{content / 'gates.yaml'}:1: no gate with id 'lao-bao' (known: mong-cai, moc-bai)"
    ]


def test_every_problem_is_reported_in_one_run(content):
    (content / "articles" / "e-visa" / "en.md").write_text(markdown("x" * 201))
    (content / "articles" / "moc-bai-about" / "article.yaml").write_text(
        "topic: nope\ngates: all\n"
    )
    assert len(problems(content)) == 2


def test_cli_writes_the_catalog_and_prints_coverage(content, tmp_path, capsys):
    output = tmp_path / "out" / "catalog.json"
    assert main(["build-catalog", str(content), "--channel", "mong-cai", "-o", str(output)]) == 0
    assert json.loads(output.read_bytes())["channel"] == "mong-cai"
    err = capsys.readouterr().err
    assert "e-visa" in err and "ok  ok  --  --  --" in err


def test_cli_fails_with_every_problem_and_writes_nothing(content, tmp_path, capsys):
    (content / "articles" / "e-visa" / "en.md").write_text(markdown("x" * 201))
    output = tmp_path / "catalog.json"
    assert main(["build-catalog", str(content), "--channel", "mong-cai", "-o", str(output)]) == 1
    assert not output.exists()
    assert "1 problem(s); no catalog written." in capsys.readouterr().err
