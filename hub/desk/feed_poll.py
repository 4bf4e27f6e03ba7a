"""The scheduled read of every official feed (a job of `python -m hub serve`, hub.jobs): new
items join the moderation queue. A feed that is down, slow, or serves something that is not a
feed is logged and kept on its row, and read again at the next interval; nothing a feed server
does stops the other feeds or the hub."""

from __future__ import annotations

import logging
from pathlib import Path

from hub.desk.feed_store import FeedStore
from hub.desk.feeds import FeedError, check_feed

logger = logging.getLogger(__name__)


def poll_feeds(store: FeedStore) -> int:
    """Read every registered feed once; returns how many new items were queued."""
    fresh = 0
    for feed in store.feeds():
        try:
            fresh += check_feed(store, feed.id, feed.url)
        except FeedError:
            continue  # logged and kept on the feed's row by check_feed
        except Exception as error:  # a feed must never stop the others or the scheduler
            logger.exception("feed %s: unexpected failure", feed.url)
            store.checked(feed.id, [], f"unexpected failure: {type(error).__name__}")
    if fresh:
        logger.info("feeds: %d new items in the moderation queue", fresh)
    return fresh


def poll_job(database: Path) -> None:
    """The scheduler's entry: its own connection, closed after each run."""
    store = None
    try:
        store = FeedStore(database)
        poll_feeds(store)
    except Exception:  # the store itself failed (disk full, locked): retry next interval
        logger.exception("polling the official feeds failed; retrying at the next interval")
    finally:
        if store is not None:
            store.close()
