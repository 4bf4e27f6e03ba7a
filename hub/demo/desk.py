"""The demo's content desk: desk accounts, and work in every state (draft, in review, rejected,
stale, approved, missing, overdue; settings and a picture waiting for review; articles from
unanswered searches), made through the desk's own review rules."""

from __future__ import annotations

import logging
from pathlib import Path

from hub.demo.desk_pending import seed_pending
from hub.desk.feed_store import FeedItem, FeedStore
from hub.desk.folder import import_folder
from hub.desk.roles import DeskPowers, DeskRoles
from hub.desk.store import DeskStore
from hub.desk.texts import Draft
from hub.desk.workflow import approve, article_info, reject, save_draft, submit
from hub.staff.accounts import Accounts
from hub.staff.context import HUB_DB
from hub.staff.db import StaffDb

logger = logging.getLogger(__name__)

DESK_USERS = (
    ("bien-tap", None, (("author", ""),)),
    ("dich-km", None, (("translator", "km"),)),
    ("dich-lo", None, (("translator", "lo"),)),
    ("duyet", None, (("reviewer", ""),)),
    ("xuat-ban", None, (("publisher", ""),)),
    ("tay-ninh-bt", "tay-ninh", (("author", ""), ("translator", "km"))),
)
"""(username, province, desk roles): the demo's content staff (staff role: analyst)."""


def seed_desk(
    data_dir: Path, content_dir: Path, staff_db: StaffDb, password: str
) -> list[tuple[str, str | None]]:
    """Desk accounts and work in progress; returns the (username, province) pairs made."""
    accounts, roles = Accounts(staff_db), DeskRoles(staff_db)
    powers: dict[str, DeskPowers] = {}
    for username, province, held in DESK_USERS:
        user = accounts.add(username, password, "analyst", province)
        for role, lang in held:
            roles.grant(user.id, role, lang)
        powers[username] = DeskPowers(user, frozenset(held), None)
    store = DeskStore(Path(data_dir) / HUB_DB)
    feeds = FeedStore(Path(data_dir) / HUB_DB)
    try:
        import_folder(store, content_dir, "import-folder")
        _work(store, powers)
        _feed(feeds)
        seed_pending(data_dir, store, powers["bien-tap"])
    finally:
        store.close()
        feeds.close()
    return [(username, province) for username, province, _ in DESK_USERS]


def _feed(feeds: FeedStore) -> None:
    """A registered feed with two items waiting for moderation (as if just checked)."""
    feeds.add("https://xuatnhapcanh.gov.vn/rss", "Cục Quản lý xuất nhập cảnh", "admin")
    items = [
        FeedItem(1, "demo-1", "Mở rộng cấp thị thực điện tử cho công dân mọi quốc gia",
                 "https://xuatnhapcanh.gov.vn/tin/1", "Thị thực điện tử có giá trị đến 90 ngày.",
                 "2026-11-30", "new", None),
        FeedItem(1, "demo-2", "Giờ làm việc của các cửa khẩu dịp Tết",
                 "https://xuatnhapcanh.gov.vn/tin/2", "Các cửa khẩu quốc tế làm việc bình thường.",
                 "2026-12-02", "new", None),
    ]  # fmt: skip
    feeds.checked(1, items, None)


def _edit(store: DeskStore, who: DeskPowers, article: str, lang: str, change: dict) -> None:
    info = article_info(store, article)
    current = store.translation(article, lang)
    if info is None or current is None:
        return
    draft = Draft.from_text(current.text)
    draft.body = change.pop("body", draft.body)
    draft.fields.update(change)
    save_draft(store, who, info, lang, draft, current.revision)


def _work(store: DeskStore, p: dict[str, DeskPowers]) -> None:
    articles = sorted(store.articles())
    if len(articles) < 5:
        return
    stale, review, rejected, overdue, approved = articles[:5]
    # the source of one article changed: its other languages are stale
    _edit(store, p["bien-tap"], stale, "vi", {"as_of": "2026-12-01"})
    # a Khmer translation waits for review; a Lao one was sent back
    _edit(store, p["dich-km"], review, "km", {"review_by": "2027-06-30"})
    submit(store, p["dich-km"], article_info(store, review), "km")  # type: ignore[arg-type]
    _edit(store, p["dich-lo"], rejected, "lo", {"review_by": "2027-06-30"})
    submit(store, p["dich-lo"], article_info(store, rejected), "lo")  # type: ignore[arg-type]
    reject(
        store, p["duyet"], article_info(store, rejected), "lo", "Số điện thoại đường dây nóng sai"
    )  # type: ignore[arg-type]
    # one article's facts are past their review-by date
    _edit(store, p["bien-tap"], overdue, "vi", {"review_by": "2026-01-31"})
    # and one change went all the way through review
    _edit(store, p["dich-km"], approved, "km", {"review_by": "2027-06-30"})
    submit(store, p["dich-km"], article_info(store, approved), "km")  # type: ignore[arg-type]
    approve(store, p["duyet"], article_info(store, approved), "km")  # type: ignore[arg-type]
