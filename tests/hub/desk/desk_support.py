"""A hub data folder with desk accounts, for the desk's page and browser tests."""

from __future__ import annotations

from pathlib import Path

from hub.desk.roles import DeskRoles
from hub.staff.accounts import Accounts
from hub.staff.context import open_staff_db
from tests.hub.hubui_support import PASSWORD, make_data_dir

DESK_USERS = (
    ("author", None, [("author", "")]),
    ("khmer", None, [("translator", "km")]),
    ("reviewer", None, [("reviewer", "")]),
    ("publisher", None, [("publisher", "")]),
    ("ninh-author", "quang-ninh", [("author", ""), ("translator", "zh")]),
)
"""Username, province, desk roles; the data folder also has the UI tests' admin and analysts."""


def desk_data_dir(root: Path) -> Path:
    data = make_data_dir(root)
    db = open_staff_db(data)
    accounts, roles = Accounts(db), DeskRoles(db)
    for username, province, held in DESK_USERS:
        user = accounts.add(username, PASSWORD, "analyst", province)
        for role, lang in held:
            roles.grant(user.id, role, lang)
    db.close()
    return data
