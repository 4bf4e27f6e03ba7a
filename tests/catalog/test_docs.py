import json
from pathlib import Path

from catalog.schema import json_schema

DOCS = Path(__file__).parents[2] / "docs"


def test_published_json_schema_matches_the_model():
    assert (DOCS / "catalog.schema.json").read_text() == json_schema(), (
        "run: python -m catalog.schema > docs/catalog.schema.json"
    )


def test_format_document_shows_valid_break_example():
    from hub.segment import break_offsets

    assert "`title_breaks: [6, 12, 15]`" in (DOCS / "catalog-format.md").read_text()
    assert break_offsets("ប្រទេសវៀតណាមមានទិដ្ឋាការ", "km") == [6, 12, 15]


def test_format_document_names_every_top_level_field():
    text = (DOCS / "catalog-format.md").read_text()
    schema = json.loads(json_schema())
    assert [name for name in schema["properties"] if f"`{name}`" not in text] == []
