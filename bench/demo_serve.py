"""`python -m hub demo --serve` from a fresh data folder: seconds until its login page answers,
against the floor: the same command again on the folder it seeded (it then only starts serving).

The README states the first figure to newcomers; keep it truthful when seeding changes.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

READY_TIMEOUT_S = 900.0
Row = tuple[str, float, str]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _seconds_to_ready(data: Path, log: Path) -> float:
    port = _free_port()
    command = [sys.executable, "-m", "hub", "demo", "--serve", "--data-dir", str(data)]
    started = time.perf_counter()
    with log.open("wb") as output:
        server = subprocess.Popen(
            [*command, "--port", str(port)], stdout=output, stderr=subprocess.STDOUT
        )
    try:
        while time.perf_counter() - started < READY_TIMEOUT_S:
            if server.poll() is not None:
                tail = log.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"the demo stopped ({server.returncode}):\n{tail}")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/login", timeout=2).status_code == 200:
                    return time.perf_counter() - started
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"the demo was not ready within {READY_TIMEOUT_S:.0f} s")
    finally:
        server.terminate()
        server.wait(timeout=30)


def run() -> list[Row]:
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "hub-demo"
        first = _seconds_to_ready(data, Path(scratch) / "first.log")
        again = _seconds_to_ready(data, Path(scratch) / "again.log")
    return [
        ("demo --serve on a seeded folder (floor)", again, "s"),
        ("demo --serve from a fresh folder, until /login answers", first, "s"),
        ("fresh / floor", first / again, "x"),
    ]
