"""Official feeds polled on the hub's schedule: once per interval, every feed; a dead or lying
feed server is logged and kept on the feed's row, retried next time, and never stops the others
or the hub. Feeds are served on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from hub.desk.feed_poll import poll_feeds, poll_job
from hub.desk.feed_store import FeedStore
from hub.jobs import HubJobs
from hub.settings import HubSettings
from hub.store import HubStore

FEED = (Path(__file__).parent / "data" / "feed.xml").read_bytes()


class _Feeds(BaseHTTPRequestHandler):
    """/good: the feed; /broken: 500; /html: a web page claiming to be a feed; /cut: promises
    100 kB and hangs up after a few bytes."""

    def do_GET(self) -> None:
        if self.path == "/good":
            self._send(200, FEED)
        elif self.path == "/html":
            self._send(200, b"<html><body>Maintenance</body></html>")
        elif self.path == "/cut":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(FEED[:40])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
        else:
            self._send(500, b"oops")

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Feeds)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def _dead_url() -> str:
    """An address on 127.0.0.1 where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}/feed.xml"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[FeedStore]:
    feeds = FeedStore(tmp_path / "hub.db")
    yield feeds
    feeds.close()


def test_every_feed_is_read_and_bad_servers_are_recorded_not_raised(
    store: FeedStore, server: str
) -> None:
    for name in ("broken", "html", "cut", "good"):
        store.add(f"{server}/{name}", name, "admin")
    store.add(_dead_url(), "dead", "admin")
    assert poll_feeds(store) == 2
    errors = {feed.name: feed.error for feed in store.feeds()}
    assert errors["good"] is None
    assert all(errors[name] for name in ("broken", "html", "cut", "dead")), errors
    assert "not an RSS or Atom feed" in str(errors["html"])
    assert {item.title for item in store.queue()} >= {"Giờ làm việc dịp Tết"}


def test_a_feed_that_comes_back_is_read_at_the_next_interval(store: FeedStore, server: str) -> None:
    store.add(f"{server}/broken", "ministry", "admin")
    assert poll_feeds(store) == 0 and store.feeds()[0].error
    store.checked(1, [], None)
    with store._db.write() as conn:  # the ministry fixes its server
        conn.execute("UPDATE desk_feeds SET url = ? WHERE id = 1", [f"{server}/good"])
    assert poll_feeds(store) == 2
    assert store.feeds()[0].error is None
    assert poll_feeds(store) == 0  # items seen before are not queued twice


@pytest.mark.sqlite_only
def test_the_job_survives_a_database_it_cannot_open(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "not-a-db").mkdir()
    poll_job(tmp_path / "not-a-db")  # no exception reaches the scheduler
    assert "retrying at the next interval" in caplog.text


def test_the_hub_polls_feeds_once_per_interval(tmp_path: Path) -> None:
    store = HubStore(tmp_path / "hub.db")
    settings = HubSettings(
        tmp_path, 0, heartbeat_retention_days=0, heartbeat_rollup_retention_days=0,
        poll_feeds_every_minutes=30,
    )  # fmt: skip
    jobs = HubJobs(settings, store)
    jobs.start()
    try:
        assert jobs.scheduler is not None
        job = jobs.scheduler.get_job("poll-feeds")
        assert job.trigger.interval == timedelta(minutes=30)
        assert job.max_instances == 1 and job.coalesce
    finally:
        jobs.stop()
        store.close()
