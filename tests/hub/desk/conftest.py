"""Fixtures of the desk's tests: a desk store holding a tiny authoring folder, and accounts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hub.desk.roles import DeskPowers
from hub.desk.store import DeskStore
from hub.staff.accounts import User

EN = """---
title: Visa on arrival
summary: Who can get a visa at the gate.
source: Immigration Department
source_url: https://xuatnhapcanh.gov.vn
as_of: 2026-11-01
review_by: 2027-05-01
---

Bring your passport.
"""
KM = EN.replace("title: Visa on arrival", "title: ទិដ្ឋាការ")


def write_folder(root: Path) -> Path:
    (root / "articles" / "visa").mkdir(parents=True)
    (root / "gates.yaml").write_text("- id: moc-bai\n")
    (root / "topics.yaml").write_text("- id: crossing\n")
    (root / "articles" / "visa" / "article.yaml").write_text("topic: crossing\ngates: [moc-bai]\n")
    (root / "articles" / "visa" / "en.md").write_text(EN)
    (root / "articles" / "visa" / "km.md").write_text(KM)
    return root


@pytest.fixture
def store(tmp_path: Path) -> Iterator[DeskStore]:
    from hub.desk.folder import import_folder

    desk = DeskStore(tmp_path / "hub.db")
    import_folder(desk, write_folder(tmp_path / "content"), "import")
    yield desk
    desk.close()


def powers(name: str, *roles: tuple[str, str], gates: set[str] | None = None) -> DeskPowers:
    user = User(1, name, "analyst", "tay-ninh" if gates else None, True, "2026-01-01")
    return DeskPowers(user, frozenset(roles), frozenset(gates) if gates is not None else None)
