"""Writes on PostgreSQL: uploads of different kiosks are written side by side, while a write
that is not one kiosk's (pruning, publishing, staff changes) waits for every one of them."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from hub.store import HubStore
from hub.store.backend.local_server import LocalServer, running
from hub.store.records import UsageRow
from tests.usage_support import enrolled

pytestmark = pytest.mark.own_postgresql

ROW = UsageRow("2026-11-20T03:00:00Z", "article_view", {"article": "visa"}, 4, 30.0)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LocalServer]:
    with running(tmp_path / "postgresql") as started:
        yield started


def _waiting_on_a_lock(url: str, count: int) -> None:
    """Until `count` other sessions wait for a lock (PostgreSQL's own view; no fixed sleep)."""
    deadline = time.monotonic() + 60
    with psycopg.connect(url, autocommit=True) as conn:
        while True:
            waiting = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
            ).fetchone()[0]
            if waiting >= count:
                return
            assert time.monotonic() < deadline, "no session waits for the lock"
            time.sleep(0.05)


def test_another_kiosks_upload_is_written_while_one_kiosk_write_is_open(
    server: LocalServer,
) -> None:
    store = HubStore(server.create_database("hub"))
    first, _ = enrolled(store)
    second, _ = enrolled(store)
    release, entered = threading.Event(), threading.Event()

    def hold_first() -> None:
        with store._db.write(scope=first):
            entered.set()
            release.wait(60)

    holder = threading.Thread(target=hold_first)
    holder.start()
    try:
        assert entered.wait(60)
        assert store.upsert_usage(second, [ROW]) == 1  # not queued behind the first kiosk
        assert [t.count for t in store.usage_totals(["device"])] == [4]
    finally:
        release.set()
        holder.join(60)
        store.close()


def test_a_write_for_the_whole_store_waits_for_a_kiosks_write(
    server: LocalServer,
) -> None:
    url = server.create_database("hub")
    store = HubStore(url)
    kiosk, _ = enrolled(store)
    release, entered, done = threading.Event(), threading.Event(), threading.Event()

    def hold_kiosk() -> None:
        with store._db.write(scope=kiosk):
            entered.set()
            release.wait(60)

    def whole_store_write() -> None:
        with store._db.write():
            done.set()

    holder, writer = threading.Thread(target=hold_kiosk), threading.Thread(target=whole_store_write)
    holder.start()
    try:
        assert entered.wait(60)
        writer.start()
        _waiting_on_a_lock(url, 1)
        assert not done.is_set()  # it waits in PostgreSQL for the kiosk's write
        release.set()
        writer.join(60)
        assert done.is_set()
    finally:
        release.set()
        holder.join(60)
        store.close()
