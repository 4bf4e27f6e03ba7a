"""A full disk never crashes or freezes the UI, and recording resumes when space returns."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from cache.usage_store import UsageEvent, UsageStore
from kiosk.usage import BackgroundRecorder


class TinyDisk(UsageStore):
    """usage.db on a disk that is full while `full` is set (SQLite's max_page_count)."""

    full = True
    attempts = 0

    def append(self, events: Sequence[UsageEvent]) -> int:
        conn = self._db().conn
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages if self.full else 1_000_000}")
        TinyDisk.attempts += 1
        return super().append(events)


def test_a_full_disk_never_blocks_recording_and_recording_resumes(tmp_path: Path) -> None:
    path = tmp_path / "usage.db"
    recorder = BackgroundRecorder(lambda: TinyDisk(path), interval_s=0.05)
    for i in range(3_000):
        recorder.record("article_view", article=f"a{i % 300}", topic="t", lang="en", dwell_s=3)
    assert not recorder.flush(timeout_s=10)  # nothing could be written ...
    assert TinyDisk.attempts >= 1
    assert (
        recorder.writer.failing and recorder.writer.backlog == 3_000
    )  # ... the writer knows, and keeps the events in memory
    recorder.record("session_start", lang="en")  # and the UI thread carries on

    TinyDisk.full = False  # space returns
    assert recorder.flush(timeout_s=30)
    recorder.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM usage_events").fetchone()[0] == 3_001
        assert conn.execute("SELECT sum(count) FROM usage_hourly").fetchone()[0] == 3_001


def test_a_disk_that_never_opens_keeps_events_in_bounded_memory(tmp_path: Path) -> None:
    def unavailable() -> UsageStore:
        raise OSError(28, "No space left on device")

    recorder = BackgroundRecorder(unavailable, interval_s=0.05)
    for _ in range(1_000):
        recorder.record("emergency_opened", lang="lo")
    assert not recorder.flush(timeout_s=5)
    recorder.close(timeout_s=5)
    assert recorder.writer.backlog == 1_000
