"""Reading an official RSS or Atom feed (feedparser) into the desk's moderation queue, and turning
a queued item into a draft article. Nothing from a feed is ever published by itself: a draft goes
through translation and review like any other text."""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser

import feedparser
import requests

from hub.desk.feed_store import FeedItem, FeedStore
from hub.desk.texts import BIDI_CONTROLS

logger = logging.getLogger(__name__)

MAX_FEED_BYTES = 5 * 1024 * 1024
TIMEOUT_S = 15
FEED_URL = re.compile(r"^https?://[^\s<>\"']{3,490}$")


class FeedError(Exception):
    """The feed could not be read; the message says why."""


def fetch(url: str) -> bytes:
    try:
        with requests.get(url, timeout=TIMEOUT_S, stream=True) as response:
            response.raise_for_status()
            data = b""
            for chunk in response.iter_content(64 * 1024):
                data += chunk
                if len(data) > MAX_FEED_BYTES:
                    raise FeedError(f"the feed is larger than {MAX_FEED_BYTES} bytes")
            return data
    except requests.RequestException as error:
        raise FeedError(f"cannot read the feed: {type(error).__name__}") from error


def parse(data: bytes) -> list[FeedItem]:
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        raise FeedError(f"not an RSS or Atom feed ({type(parsed.bozo_exception).__name__})")
    if not parsed.get("version") and not parsed.entries:  # a web page where a feed should be
        raise FeedError("not an RSS or Atom feed (no feed format recognised)")
    items = []
    for entry in parsed.entries[:200]:
        link = str(entry.get("link", ""))[:500]
        guid = str(entry.get("id") or link or entry.get("title", ""))[:500]
        if not guid:
            continue
        items.append(
            FeedItem(
                0, guid, plain_text(entry.get("title", ""))[:300], link if FEED_URL.match(link) else "",
                plain_text(entry.get("summary", ""))[:4000], _published(entry), "new", None,
            )
        )  # fmt: skip
    return items


def check_feed(store: FeedStore, feed_id: int, url: str) -> int:
    """Fetch and queue; returns how many items are new. A failure is kept on the feed's row."""
    try:
        items = parse(fetch(url))
    except FeedError as error:
        store.checked(feed_id, [], str(error))
        logger.warning("feed %s: %s", url, error)
        raise
    fresh = [FeedItem(feed_id, *_fields(item)) for item in items]
    return store.checked(feed_id, fresh, None)


def _fields(item: FeedItem) -> tuple:
    return (item.guid, item.title, item.link, item.summary, item.published, "new", None)


def _published(entry: dict) -> str | None:
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    if not moment:
        return None
    return f"{moment.tm_year:04d}-{moment.tm_mon:02d}-{moment.tm_mday:02d}"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(markup: str) -> str:
    """Feed text without its markup or invisible direction overrides."""
    reader = _Text()
    reader.feed(str(markup))
    reader.close()
    text = " ".join(" ".join(reader.parts).split())
    return BIDI_CONTROLS.sub("", text)
