import json

import pytest

import catalog
from catalog.model import MAX_BODY_CHARS, MAX_CATALOG_BYTES, MAX_TITLE
from tests.factories import article, catalog_document, translation


def load(document: dict) -> catalog.Catalog:
    return catalog.load(json.dumps(document))


def error_of(document: dict) -> str:
    with pytest.raises(catalog.CatalogError) as caught:
        load(document)
    return str(caught.value)


def test_valid_catalog_round_trips_unchanged():
    loaded = load(catalog_document())
    assert catalog.load(catalog.dump(loaded)) == loaded


def test_dump_is_canonical_so_equal_catalogs_hash_equal():
    assert catalog.dump(load(catalog_document())) == catalog.dump(load(catalog_document()))


def test_error_names_the_article_and_the_field():
    bad = article("visa-exemption")
    bad["translations"]["km"]["title"] = "x" * (MAX_TITLE + 1)
    message = error_of(catalog_document(articles=[article(), bad]))
    assert "article 'visa-exemption' > translations > km > title" in message
    assert str(MAX_TITLE) in message


def test_missing_required_field_is_named():
    bad = article()
    del bad["translations"]["en"]["source"]
    assert "article 'entry-procedure' > translations > en > source: Field required" in error_of(
        catalog_document(articles=[bad])
    )


def test_body_over_the_cap_is_refused():
    long_body = [{"kind": "paragraph", "spans": [{"text": "a" * 4000}]}] * (
        MAX_BODY_CHARS // 4000 + 1
    )
    bad = article(translations={"en": translation("en", body=long_body)})
    assert "body has" in error_of(catalog_document(articles=[bad]))


def test_unknown_markup_block_kind_is_refused():
    bad = article(
        translations={"en": translation("en", body=[{"kind": "script", "spans": [{"text": "x"}]}])}
    )
    assert "kind" in error_of(catalog_document(articles=[bad]))


def test_kivy_markup_characters_are_kept_as_plain_data():
    text = "[b]Bold?[/b] [color=ff0000]red[/color] & [ref=x]link[/ref] &bl;"
    doc = catalog_document(articles=[article(translations={"en": translation("en", title=text)})])
    loaded = catalog.load(catalog.dump(load(doc)))
    assert loaded.articles[0].translations["en"].title == text


def test_javascript_links_are_refused():
    span = {"text": "click", "href": "javascript:alert(1)"}
    bad = article(
        translations={"en": translation("en", body=[{"kind": "paragraph", "spans": [span]}])}
    )
    assert "href" in error_of(catalog_document(articles=[bad]))


def test_control_characters_in_text_are_refused():
    bad = article(translations={"en": translation("en", title="Entry\x00procedure")})
    assert "control characters" in error_of(catalog_document(articles=[bad]))


def test_article_with_unknown_topic_is_refused():
    assert "unknown topic 'weather'" in error_of(
        catalog_document(articles=[article(topic="weather")])
    )


def test_duplicate_article_ids_are_refused():
    assert "duplicate id 'entry-procedure'" in error_of(
        catalog_document(articles=[article(), article()])
    )


def test_fallback_to_a_language_not_offered_is_refused():
    doc = catalog_document(languages=[{"code": "km", "fallback": ["en"]}, {"code": "vi"}])
    assert "fallback 'en'" in error_of(doc)


def test_unknown_time_zone_is_refused():
    doc = catalog_document()
    doc["gate"]["timezone"] = "Mars/Olympus"
    assert "unknown time zone" in error_of(doc)


def test_image_must_be_a_listed_asset():
    bad = article(image="a" * 64)
    assert "is not in assets" in error_of(catalog_document(articles=[bad]))


def test_asset_over_the_size_cap_is_refused():
    doc = catalog_document(assets=[{"sha256": "b" * 64, "media_type": "image/png", "size": 10**9}])
    assert "asset #0 > size" in error_of(doc)


def test_break_offsets_outside_the_text_are_refused():
    bad = article(translations={"km": translation("km", title_breaks=[3, 2])})
    assert "out of order or out of range" in error_of(catalog_document(articles=[bad]))


def test_unknown_fields_are_refused():
    assert "Extra inputs are not permitted" in error_of(catalog_document(surprise=True))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe", "not valid JSON"),
        (b"[1, 2]", "must be a JSON object"),
        (b"[" * 100_000, "nested too deeply"),
        (b" " * (MAX_CATALOG_BYTES + 1), "at most"),
    ],
)
def test_malformed_documents_give_a_clear_error(data, expected):
    with pytest.raises(catalog.CatalogError, match=expected):
        catalog.load(data)
