"""Every character of the authoring content has a glyph in the font that draws its language.

Markdown files are named by language (articles/<id>/<lang>.md); in YAML, a text under a
language key (title: {km: ...}) is in that language. Everything else (ids, names of icons,
files not named by a language) is drawn with the Latin font and checked against it.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from catalog.model import LANGUAGES
from kiosk.text.coverage import missing_characters

CONTENT = Path(__file__).resolve().parents[2] / "assets" / "content"
LATIN = "en"


def collect() -> tuple[dict[str, dict[str, set[str]]], list[Path]]:
    """{lang: {file: characters}} for every .md and .yaml file, and the files read."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    files = sorted([*CONTENT.rglob("*.md"), *CONTENT.rglob("*.yaml"), *CONTENT.rglob("*.yml")])
    for path in files:
        text = path.read_text(encoding="utf-8")
        where = str(path.relative_to(CONTENT))
        if path.suffix == ".md":
            found[path.stem if path.stem in LANGUAGES else LATIN][where].update(text)
        else:
            _walk(yaml.safe_load(text), LATIN, found, where)
    return found, files


def _walk(node: Any, lang: str, found: dict[str, dict[str, set[str]]], where: str) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            found[LATIN][where].update(str(key))
            _walk(value, key if key in LANGUAGES else lang, found, where)
    elif isinstance(node, list):
        for item in node:
            _walk(item, lang, found, where)
    elif node is not None:
        found[lang][where].update(str(node))


COLLECTED, FILES = collect()


def test_the_content_folder_is_read() -> None:
    assert FILES, f"no .md or .yaml files under {CONTENT}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_every_content_character_has_a_glyph(font_dir: Path, lang: str, bold: bool) -> None:
    if not COLLECTED.get(lang):
        pytest.skip(f"no {lang} text in {CONTENT} yet")
    problems = {
        where: "".join(sorted(missing))
        for where, characters in COLLECTED.get(lang, {}).items()
        if (missing := missing_characters("".join(characters), lang, bold))
    }
    assert problems == {}, f"{lang} font lacks glyphs: {problems}"
