"""synonyms.yaml is checked when content is built, and again by the catalog on the kiosk."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from catalog.model import Catalog
from hub.authoring.synonyms import load_synonyms
from tests.cache.sample import make_catalog


def problems_of(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "synonyms.yaml").write_text(text, encoding="utf-8")
    problems: list[str] = []
    load_synonyms(tmp_path, problems)
    return problems


def test_a_good_file_gives_its_groups(tmp_path: Path) -> None:
    (tmp_path / "synonyms.yaml").write_text("zh:\n  - [公安, 警察]\nen:\n  - [cab, taxi]\n")
    problems: list[str] = []

    assert load_synonyms(tmp_path, problems) == {"zh": [["公安", "警察"]], "en": [["cab", "taxi"]]}
    assert problems == []


def test_no_file_means_no_synonyms(tmp_path: Path) -> None:
    assert load_synonyms(tmp_path, []) == {}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("xx:\n  - [a, b]\n", "unknown language 'xx'"),
        ("en:\n  - [taxi]\n", "at least 2 items"),
        ("en:\n  - [taxi, " + "c" * 41 + "]\n", "at most 40 characters"),
        ("en:\n  - [taxi, '']\n", "at least 1 character"),
        ("- [a, b]\n", "expected a mapping"),
        ("en: taxi\n", "valid list"),
    ],
)
def test_a_bad_file_names_the_line_and_the_problem(tmp_path: Path, text: str, problem: str) -> None:
    problems = problems_of(tmp_path, text)

    assert problems and problem in problems[0]
    assert "synonyms.yaml:" in problems[0]


def test_the_catalog_refuses_a_bad_group_on_the_kiosk_too() -> None:
    document = make_catalog().model_dump(mode="json")
    document["synonyms"] = {"en": [["taxi"]]}

    with pytest.raises(ValidationError):
        Catalog.model_validate(document)
