"""Official feeds and their moderation queue in the hub store (tables desk_feeds, desk_feed_items)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hub.desk.store import now_text
from hub.store import backend
from hub.store.schema import migrations


@dataclass(frozen=True)
class Feed:
    id: int
    url: str
    name: str
    added_by: str
    added_at: str
    checked_at: str | None
    error: str | None


@dataclass(frozen=True)
class FeedItem:
    feed_id: int
    guid: str
    title: str
    link: str
    summary: str
    published: str | None
    status: str
    article: str | None


class FeedStore:
    def __init__(self, path: Path | str) -> None:
        self._db = backend.connect(path, "hub", legacy=migrations)

    def close(self) -> None:
        self._db.close()

    def add(self, url: str, name: str, username: str) -> None:
        with self._db.write() as conn:
            conn.execute(
                "INSERT INTO desk_feeds (url, name, added_by, added_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [url, name, username, now_text()],
            )

    def feeds(self) -> list[Feed]:
        rows = self._db.reader().execute("SELECT * FROM desk_feeds ORDER BY name")
        return [Feed(*row) for row in rows]

    def feed(self, feed_id: int) -> Feed | None:
        row = self._db.reader().execute("SELECT * FROM desk_feeds WHERE id = ?", [feed_id])
        found = row.fetchone()
        return Feed(*found) if found else None

    def checked(self, feed_id: int, items: list[FeedItem], error: str | None) -> int:
        """Record a check; new items join the queue (items seen before are left as they are).
        Returns how many were new."""
        with self._db.write() as conn:
            conn.execute(
                "UPDATE desk_feeds SET checked_at = ?, error = ? WHERE id = ?",
                [now_text(), error, feed_id],
            )
            if not items:
                return 0
            added = conn.executemany(
                "INSERT INTO desk_feed_items VALUES (?, ?, ?, ?, ?, ?, 'new', NULL)"
                " ON CONFLICT DO NOTHING",
                [(feed_id, i.guid, i.title, i.link, i.summary, i.published) for i in items],
            )
            return max(added.rowcount, 0)

    def queue(self, status: str = "new") -> list[FeedItem]:
        rows = self._db.reader().execute(
            "SELECT * FROM desk_feed_items WHERE status = ? ORDER BY published DESC, title",
            [status],
        )
        return [FeedItem(*row) for row in rows]

    def item(self, feed_id: int, guid: str) -> FeedItem | None:
        row = self._db.reader().execute(
            "SELECT * FROM desk_feed_items WHERE feed_id = ? AND guid = ?", [feed_id, guid]
        )
        found = row.fetchone()
        return FeedItem(*found) if found else None

    def settle(self, feed_id: int, guid: str, status: str, article: str | None = None) -> None:
        with self._db.write() as conn:
            conn.execute(
                "UPDATE desk_feed_items SET status = ?, article = ? WHERE feed_id = ? AND guid = ?",
                [status, article, feed_id, guid],
            )
