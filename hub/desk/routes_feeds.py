"""Official feeds: admins register RSS/Atom feeds and check them; authors turn queued items into
draft articles (which then go through review) or dismiss them."""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Annotated

import yaml
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hub.desk.access import desk, require_powers, require_role
from hub.desk.feed_store import FeedItem, FeedStore
from hub.desk.feeds import FEED_URL, FeedError, check_feed
from hub.desk.roles import DeskPowers
from hub.desk.texts import Draft
from hub.desk.workflow import InvalidDraftError, article_info, save_draft
from hub.staff.render import page
from hub.staff.security import ForbiddenError, NotFoundError, check_csrf

logger = logging.getLogger(__name__)

router = APIRouter(tags=["staff: content desk"])
Powers = Annotated[DeskPowers, Depends(require_powers)]
ARTICLE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,59}$")


def feeds(request: Request) -> FeedStore:
    return desk(request).feeds


@router.get("/desk/feeds", response_class=HTMLResponse)
def feeds_page(request: Request, powers: Powers, error: str = "", note: str = "") -> Response:
    require_role(powers, "author")
    topics = yaml.safe_load(desk(request).store.file("topics.yaml") or b"[]") or []
    return page(
        request, "desk/feeds.html", title="Feeds", feeds=feeds(request).feeds(),
        queue=feeds(request).queue(), topics=[t["id"] for t in topics if isinstance(t, dict)],
        is_admin=powers.user.is_admin, error=error, note=note, head_css=True,
    )  # fmt: skip


@router.post("/desk/feeds", dependencies=[Depends(check_csrf)])
async def add_feed(request: Request, powers: Powers) -> Response:
    if not powers.user.is_admin:
        raise ForbiddenError
    form = await request.form()
    url, name = str(form.get("url", "")).strip(), str(form.get("name", "")).strip()[:100]
    if not FEED_URL.match(url) or not name:
        return RedirectResponse("/desk/feeds?error=bad_feed", 303)
    feeds(request).add(url, name, powers.user.username)
    desk(request).store.record(powers.user.username, "feed", url)
    return RedirectResponse("/desk/feeds", 303)


@router.post("/desk/feeds/{feed_id}/check", dependencies=[Depends(check_csrf)])
def check(request: Request, powers: Powers, feed_id: int) -> Response:
    if not powers.user.is_admin:
        raise ForbiddenError
    feed = feeds(request).feed(feed_id)
    if feed is None:
        raise NotFoundError
    try:
        fresh = check_feed(feeds(request), feed.id, feed.url)
    except FeedError:
        return RedirectResponse("/desk/feeds?error=feed_failed", 303)
    return RedirectResponse(f"/desk/feeds?note={fresh}", 303)


@router.post("/desk/feeds/{feed_id}/items", dependencies=[Depends(check_csrf)])
async def settle_item(request: Request, powers: Powers, feed_id: int) -> Response:
    require_role(powers, "author")
    form = await request.form()
    item = feeds(request).item(feed_id, str(form.get("guid", ""))[:500])
    feed = feeds(request).feed(feed_id)
    if item is None or feed is None or item.status != "new":
        raise NotFoundError
    if form.get("action") == "dismiss":
        feeds(request).settle(feed_id, item.guid, "dismissed")
        desk(request).store.record(powers.user.username, "dismiss", item.title[:200])
        return RedirectResponse("/desk/feeds", 303)
    article = str(form.get("id", ""))
    topic, lang = str(form.get("topic", "")), str(form.get("lang", "vi"))
    store = desk(request).store
    if not ARTICLE_ID.match(article) or article in store.articles() or powers.gates is not None:
        return RedirectResponse("/desk/feeds?error=bad_id", 303)
    meta = yaml.safe_dump({"topic": topic, "gates": "all"}, sort_keys=False)
    store.add_article(article, lang, meta.encode(), powers.user.username)
    info = article_info(store, article)
    assert info is not None
    try:
        save_draft(store, powers, info, lang, _draft(item, feed.name), based_on=0)
    except InvalidDraftError as error:
        logger.info("feed item %s needs fixing in the editor: %s", item.guid, error)
    feeds(request).settle(feed_id, item.guid, "drafted", article)
    return RedirectResponse(f"/desk/articles/{article}/{lang}", 303)


def _draft(item: FeedItem, feed_name: str) -> Draft:
    fields = {
        "title": item.title, "summary": item.summary[:280], "source": feed_name,
        "source_url": item.link, "as_of": item.published or date.today().isoformat(),
        "review_by": "", "takeaway_url": "",
    }  # fmt: skip
    return Draft(fields, item.summary)
