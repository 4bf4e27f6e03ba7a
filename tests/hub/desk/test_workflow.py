"""Review rules: drafts, staleness, the two-person rule, province scope, conflicts, restore."""

from __future__ import annotations

import pytest

from hub.desk.store import DeskStore, RevisionConflictError
from hub.desk.texts import Draft
from hub.desk.workflow import (
    DeskForbiddenError,
    InvalidDraftError,
    approve,
    article_info,
    reject,
    restore,
    save_draft,
    submit,
)
from tests.hub.desk.conftest import EN, powers

AUTHOR = powers("anh", ("author", ""))
KM_TRANSLATOR = powers("sok", ("translator", "km"))
REVIEWER = powers("lan", ("reviewer", ""))


def _edited(title: str) -> Draft:
    draft = Draft.from_text(EN)
    draft.fields["title"] = title
    return draft


def test_changing_the_source_marks_other_languages_stale(store: DeskStore) -> None:
    info = article_info(store, "visa")
    assert info is not None and info.source_lang == "en"
    save_draft(store, AUTHOR, info, "en", _edited("Visa at the gate"), based_on=1)
    assert store.translation("visa", "km").status == "stale"  # type: ignore[union-attr]
    assert store.translation("visa", "en").status == "draft"  # type: ignore[union-attr]


def test_the_last_editor_cannot_approve_their_own_text(store: DeskStore) -> None:
    info = article_info(store, "visa")
    assert info is not None
    both = powers("anh", ("author", ""), ("reviewer", ""))
    save_draft(store, both, info, "en", _edited("Visa at the gate"), based_on=1)
    submit(store, both, info, "en")
    with pytest.raises(DeskForbiddenError):
        approve(store, both, info, "en")
    approve(store, REVIEWER, info, "en")
    assert store.translation("visa", "en").approved_by == "lan"  # type: ignore[union-attr]


def test_a_rejection_needs_a_reason_and_returns_the_text_to_draft(store: DeskStore) -> None:
    info = article_info(store, "visa")
    assert info is not None
    save_draft(store, KM_TRANSLATOR, info, "km", _edited("ទិដ្ឋាការ ថ្មី"), based_on=1)
    submit(store, KM_TRANSLATOR, info, "km")
    with pytest.raises(InvalidDraftError):
        reject(store, REVIEWER, info, "km", "  ")
    reject(store, REVIEWER, info, "km", "wrong fee")
    assert store.translation("visa", "km").status == "draft"  # type: ignore[union-attr]
    assert store.audit_log()[0].detail == "wrong fee"


def test_a_translator_may_not_edit_another_language(store: DeskStore) -> None:
    info = article_info(store, "visa")
    assert info is not None
    with pytest.raises(DeskForbiddenError):
        save_draft(store, KM_TRANSLATOR, info, "lo", _edited("ວີຊາ"), based_on=0)
    assert store.translation("visa", "lo") is None


def test_province_staff_may_not_edit_another_provinces_article(store: DeskStore) -> None:
    info = article_info(store, "visa")
    assert info is not None
    elsewhere = powers("hai", ("author", ""), gates={"mong-cai"})
    with pytest.raises(DeskForbiddenError):
        save_draft(store, elsewhere, info, "en", _edited("x"), based_on=1)
    own = powers("tam", ("author", ""), gates={"moc-bai", "xa-mat"})
    assert save_draft(store, own, info, "en", _edited("Visa"), based_on=1) == 2


def test_a_second_save_from_the_same_revision_is_a_conflict(store: DeskStore) -> None:
    info = article_info(store, "visa")
    assert info is not None
    save_draft(store, KM_TRANSLATOR, info, "km", _edited("ទី១"), based_on=1)
    with pytest.raises(RevisionConflictError) as raised:
        save_draft(store, powers("dara", ("translator", "km")), info, "km", _edited("ទី២"), 1)
    assert "ទី១" in raised.value.current.text


def test_a_bad_link_is_refused_and_named_on_its_field(store: DeskStore) -> None:
    info = article_info(store, "visa")
    assert info is not None
    draft = _edited("Visa")
    draft.fields["source_url"] = "javascript:alert(1)"
    with pytest.raises(InvalidDraftError) as raised:
        save_draft(store, AUTHOR, info, "en", draft, based_on=1)
    assert list(raised.value.problems) == ["source_url"]
    assert store.translation("visa", "en").revision == 1  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", "Visa \u202eelbaT"), ("body", "x" * 10_000_000), ("summary", "a\x00b")],
)
def test_hostile_text_is_refused(store: DeskStore, field: str, value: str) -> None:
    info = article_info(store, "visa")
    assert info is not None
    draft = _edited("Visa")
    if field == "body":
        draft.body = value
    else:
        draft.fields[field] = value
    with pytest.raises(InvalidDraftError) as raised:
        save_draft(store, AUTHOR, info, "en", draft, based_on=1)
    assert field in raised.value.problems


def test_restoring_makes_a_new_draft_that_needs_review(store: DeskStore) -> None:
    info = article_info(store, "visa")
    assert info is not None
    save_draft(store, AUTHOR, info, "en", _edited("Changed"), based_on=1)
    assert restore(store, AUTHOR, info, "en", 1) == 3
    current = store.translation("visa", "en")
    assert current is not None and current.status == "draft" and "Visa on arrival" in current.text
    assert store.audit_log()[0].action == "restore"
