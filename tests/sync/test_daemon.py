"""`python -m sync run` end to end: the daemon, as a process, against a real hub on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from cache import ContentStore, StateStore
from tests.sync.hubkit import enrol_device

ROOT = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 90  # generous bound on each wait; the daemon's own schedule is what ends them


def _wait_until(condition: Callable[[], bool], daemon: subprocess.Popen) -> None:
    """Poll until `condition()` holds; fail if the daemon dies or the generous bound passes."""
    bound = time.monotonic() + WAIT_SECONDS
    while not condition():
        assert daemon.poll() is None, "the daemon exited"
        assert time.monotonic() < bound, "the daemon never got there"
        time.sleep(0.1)


@pytest.mark.slow
def test_sync_daemon_applies_content_on_schedule_and_stops_cleanly_on_sigterm(
    tmp_path, publisher, hub
):
    first = publisher.publish(assets=2)
    config = enrol_device(
        tmp_path / "kiosk",
        hub.url,
        publisher.repository.root_bytes(),
        interval_minutes=0.02,  # a run every 1.2 s
        jitter_seconds=0,
    )
    data_dir = config.parent / "data"
    data_dir.mkdir(parents=True)
    state = StateStore(data_dir / "usage.db")
    content = ContentStore(data_dir / "content.db", state)  # a reader, as the kiosk app is
    log = (tmp_path / "daemon.log").open("w+")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    daemon = subprocess.Popen(
        [sys.executable, "-m", "sync", "--config", str(config), "run"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        _wait_until(lambda: content.content_version() == first.content_version, daemon)
        second = publisher.publish(assets=2)  # picked up by a later scheduled run
        _wait_until(lambda: content.content_version() == second.content_version, daemon)
        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(WAIT_SECONDS) == 0
    finally:
        if daemon.poll() is None:
            daemon.kill()
            daemon.wait()
        content.close()
        state.close()
    log.seek(0)
    output = log.read()
    log.close()
    assert "stopping" in output and "Traceback" not in output, output
    assert _content_is_whole(data_dir, second)


def _content_is_whole(data_dir: Path, catalog) -> bool:
    state = StateStore(data_dir / "usage.db")
    content = ContentStore(data_dir / "content.db", state)
    try:
        media = {p.name for p in (data_dir / "media").iterdir() if p.is_file()}
        return content.integrity_ok() and media == {a.sha256 for a in catalog.assets}
    finally:
        content.close()
        state.close()
