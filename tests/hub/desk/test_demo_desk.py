"""The demo's desk holds work in every state, for staff to look at."""

from __future__ import annotations

from pathlib import Path

from hub.demo.content import write_demo_content
from hub.demo.desk import seed_desk
from hub.desk.evidence_store import EvidenceDrafts
from hub.desk.file_changes import FileChanges
from hub.desk.records import STATUSES
from hub.desk.store import DeskStore
from hub.staff.context import HUB_DB, open_staff_db
from tests.hub.hubui_support import PASSWORD, SMALL_GATES


def test_the_demo_desk_has_a_translation_in_every_state(tmp_path: Path) -> None:
    content = write_demo_content(tmp_path / "content", gates=SMALL_GATES)
    db = open_staff_db(tmp_path)
    seed_desk(tmp_path, content, db, PASSWORD)
    db.close()
    store = DeskStore(tmp_path / HUB_DB)
    seen = {item.status for item in store.translations()}
    actions = {entry.action for entry in store.audit_log()}
    store.close()
    changes, evidence = FileChanges(tmp_path / HUB_DB), EvidenceDrafts(tmp_path / HUB_DB)
    waiting = {change.path.split("/")[-1] for change in changes.pending()}
    terms = {draft.term: draft.published_at is not None for draft in evidence.all()}
    changes.close()
    evidence.close()
    assert seen == set(STATUSES) - {"missing"}
    assert {"edit", "submit", "approve", "reject", "propose"} <= actions
    assert waiting == {"contacts.yaml", "article.yaml"}
    assert terms == {"lost passport": True, "train to hanoi": False}
