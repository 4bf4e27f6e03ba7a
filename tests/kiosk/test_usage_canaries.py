"""Canary strings typed into search never reach any file the kiosk or sync writes (SQLite files
and their -wal, logs) nor any upload body."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.usage import open_recorder
from sync.config import load_device_config, write_enrolment
from sync.heartbeat import send_heartbeat
from sync.upload import upload_usage
from tests.usage_support import FAKE_ROOT, enrolled, hub_app, running

ROOT = Path(__file__).resolve().parents[2]
CANARIES = ("B1234567", "P<VNMNGUYEN<<VAN<A", "+84 912 345 678", "nguyen.van.a@example.com")
FRAGMENTS = ("1234567", "VNMNGUYEN", "912 345", "912345678", "nguyen.van.a", "@example")


class BodyRecorder:
    """ASGI middleware keeping every request body the hub receives."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.bodies: list[bytes] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        async def receive_and_keep() -> Any:
            message = await receive()
            if message.get("type") == "http.request":
                self.bodies.append(message.get("body", b""))
            return message

        await self.app(scope, receive_and_keep, send)


@pytest.fixture
def debug_log(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "etc" / "data" / "logs" / "kiosk.log"
    path.parent.mkdir(parents=True)
    handler = logging.FileHandler(path)
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield path
    root.removeHandler(handler)
    root.setLevel(previous)
    handler.close()


def leaks(folders: list[Path], bodies: list[bytes]) -> list[str]:
    """Where any canary or fragment of one appears, in any case, as UTF-8 or UTF-16."""
    blobs = {str(p): p.read_bytes() for f in folders for p in f.rglob("*") if p.is_file()}
    blobs.update({f"upload body {i}": body for i, body in enumerate(bodies)})
    found = []
    for where, blob in blobs.items():
        lowered = blob.lower()
        for needle in CANARIES + FRAGMENTS:
            for encoded in (needle.lower().encode(), needle.lower().encode("utf-16-le")):
                if encoded in lowered:
                    found.append(f"{needle!r} in {where}")
    return found


def test_canaries_typed_into_search_never_reach_a_file_a_log_or_an_upload(
    tmp_path: Path, debug_log: Path
) -> None:
    app, hub_store = hub_app(tmp_path / "hub")
    recorder_app = BodyRecorder(app)
    device_id, token = enrolled(hub_store)
    config_dir = tmp_path / "etc"
    with running(recorder_app) as url:
        (config_dir / "kiosk.toml").write_text(f'[sync]\ndata_dir = "{config_dir / "data"}"\n')
        write_enrolment(config_dir, device_id, token, "mong-cai", url, FAKE_ROOT)
        config = load_device_config(config_dir / "kiosk.toml")

        recorder = open_recorder(config.usage_db)
        recorder.record("session_start", lang="en")
        for canary in CANARIES:
            recorder.record("search", query=canary, script="Latn", results=0, lang="en")
            recorder.record("search", query=f"visa {canary} help", script="Latn", results=2)
        recorder.record("search", query="no such thing", script="Latn", results=0, lang="en")
        recorder.record("session_end", duration_s=80)
        assert recorder.flush()
        assert (config.data_dir / "usage.db-wal").exists()  # scanned while the kiosk runs
        assert leaks([config_dir], []) == []

        assert upload_usage(config).ok
        assert send_heartbeat(config).ok
        sync_log = config.data_dir / "logs" / "sync.log"
        with sync_log.open("w") as stream:
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "sync",
                    "--config",
                    str(config_dir / "kiosk.toml"),
                    "upload",
                ],
                cwd=ROOT,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
                stdout=stream,
                stderr=subprocess.STDOUT,
                check=False,
            )
        assert done.returncode == 0
        recorder.close()

    assert debug_log.stat().st_size > 0 and sync_log.stat().st_size > 0
    assert any(b"visa help" in body for body in recorder_app.bodies)  # the cleaned query went
    assert leaks([config_dir, tmp_path / "hub"], recorder_app.bodies) == []
