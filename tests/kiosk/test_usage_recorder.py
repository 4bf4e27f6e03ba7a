"""The kiosk's recorder: a non-blocking enqueue on the UI thread, durable within about a second."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from cache.usage_store import UsageEvent, UsageStore
from kiosk.usage import EVENT_KINDS, BackgroundRecorder, UsageRecorder, open_recorder

ROOT = Path(__file__).resolve().parents[2]


def wait_for(condition, timeout_s: float = 30.0) -> bool:
    """Poll a condition (a liveness guard, not a timing assertion)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def rows(path: Path) -> dict[tuple[str, str], int]:
    store = UsageStore(path)
    try:
        return {(kind, dims): count for (_, kind, dims), (count, _, _) in store.totals().items()}
    finally:
        store.close()


def test_the_recorder_satisfies_the_interface_screens_use(tmp_path: Path) -> None:
    recorder: UsageRecorder = open_recorder(tmp_path / "usage.db")
    assert "search" in EVENT_KINDS and "session_end" in EVENT_KINDS
    assert isinstance(recorder, BackgroundRecorder)
    recorder.close()


def test_record_never_raises_on_unknown_kinds_or_odd_dimensions(tmp_path: Path) -> None:
    recorder = open_recorder(tmp_path / "usage.db")
    recorder.record("no_such_kind", lang="en")
    recorder.record("article_view", article=None, lang=object(), dwell_s="long")  # type: ignore[arg-type]
    recorder.record("search", query=b"\xff", results="many")  # type: ignore[arg-type]
    recorder.record("search")
    recorder.record("error", where="x" * 10_000)
    assert recorder.flush()
    recorder.close()
    stored = rows(tmp_path / "usage.db")
    assert sum(stored.values()) == 4  # the unknown kind alone is dropped
    assert all(len(json.loads(dims).get("where", "")) <= 64 for _, dims in stored)


def test_unknown_dimensions_are_dropped(tmp_path: Path) -> None:
    recorder = open_recorder(tmp_path / "usage.db")
    recorder.record("qr_shown", article="visa", lang="en", name="Nguyen Van A")  # type: ignore[arg-type]
    recorder.close()
    assert rows(tmp_path / "usage.db") == {("qr_shown", '{"article":"visa","lang":"en"}'): 1}


def test_search_query_is_cleaned_before_it_is_queued(tmp_path: Path) -> None:
    stuck = threading.Event()

    def never_opens() -> UsageStore:
        stuck.wait(30)
        raise OSError("test: no disk")

    recorder = BackgroundRecorder(never_opens)
    recorder.record("search", query="visa B1234567", script="Latn", results=0, lang="en")
    queued = list(recorder._pending)  # what sits in memory, waiting for the writer
    assert queued[0][2]["query"] == "visa"
    stuck.set()
    recorder.close(timeout_s=1)


def test_events_are_stored_within_about_a_second_without_a_flush(tmp_path: Path) -> None:
    recorder = open_recorder(tmp_path / "usage.db", interval_s=1.0)
    recorder.record("emergency_opened", lang="km")
    assert wait_for(lambda: rows(tmp_path / "usage.db") != {})
    recorder.close()


def test_sessions_are_engaged_by_two_interactions_or_twenty_seconds(tmp_path: Path) -> None:
    recorder = open_recorder(tmp_path / "usage.db")
    for interactions, duration in ((0, 5), (1, 25), (2, 5), (1, 5)):
        recorder.record("session_start", lang="en")
        for _ in range(interactions):
            recorder.record("topic_view", topic="visa", lang="en", dwell_s=1)
        recorder.record("session_end", duration_s=duration)
    recorder.close()
    stored = rows(tmp_path / "usage.db")
    assert stored[("session_end", '{"engaged":true}')] == 2
    assert stored[("session_end", '{"engaged":false}')] == 2


def test_record_returns_while_the_writer_is_stuck(tmp_path: Path) -> None:
    entered, release = threading.Event(), threading.Event()

    class SlowDisk(UsageStore):
        def append(self, events: list[UsageEvent]) -> int:  # type: ignore[override]
            entered.set()
            release.wait(30)
            return super().append(events)

    recorder = BackgroundRecorder(lambda: SlowDisk(tmp_path / "usage.db"))
    recorder.record("session_start", lang="vi")
    assert entered.wait(30)  # the writer now hangs in append
    for _ in range(5_000):
        recorder.record("topic_view", topic="visa", lang="vi", dwell_s=2)  # must not block
    release.set()
    assert recorder.flush(timeout_s=30)
    recorder.close()
    assert sum(rows(tmp_path / "usage.db").values()) == 5_001


CHILD = """
import sys, time
from kiosk.usage import open_recorder
recorder = open_recorder(sys.argv[1])
for i in range(int(sys.argv[2])):
    recorder.record("article_view", article="visa", topic="entry", lang="en", dwell_s=i % 90)
print("recorded", flush=True)
sys.stdin.readline()
for i in range(int(sys.argv[2])):
    recorder.record("qr_shown", article="visa", lang="en")
print("recorded more", flush=True)
time.sleep(600)
"""


def test_a_crash_loses_at_most_the_last_second(tmp_path: Path) -> None:
    path = tmp_path / "usage.db"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), "300"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert child.stdout is not None and child.stdin is not None
        assert child.stdout.readline().strip() == "recorded"
        assert wait_for(lambda: path.exists() and sum(rows(path).values()) == 300)
        child.stdin.write("\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "recorded more"
        child.send_signal(signal.SIGKILL)  # the second batch is at most a second old
    finally:
        child.kill()
        child.wait()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        raw = conn.execute("SELECT kind, count(*) FROM usage_events GROUP BY kind").fetchall()
    stored = rows(path)
    assert stored[("article_view", '{"article":"visa","lang":"en","topic":"entry"}')] == 300
    assert 0 <= stored.get(("qr_shown", '{"article":"visa","lang":"en"}'), 0) <= 300
    assert dict(raw) == {
        kind: count for (kind, _), count in stored.items()
    }  # raw and aggregates agree


def test_long_numbers_never_survive_in_ids(tmp_path: Path) -> None:
    recorder = open_recorder(tmp_path / "usage.db")
    recorder.record("error", where="search:B1234567 +84 912 345 678")
    recorder.record("article_view", article="visa-2025", topic="entry", lang="en", dwell_s=3)
    recorder.close()
    stored = rows(tmp_path / "usage.db")
    assert ("error", '{"where":"search:b_"}') in stored
    assert ("article_view", '{"article":"visa-2025","lang":"en","topic":"entry"}') in stored
