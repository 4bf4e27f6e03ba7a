"""SIGTERM sent straight to a running kiosk (as `systemctl stop` does) stops it cleanly: it exits
with 0 and what travellers did is in usage.db. A window close request is still refused."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from cache import UsageStore
from catalog import dump
from tests.kiosk.catalogs import kiosk_catalog

ROOT = Path(__file__).resolve().parents[2]
STARTUP_LIMIT_S = 180
"""Only a guard against a kiosk that never comes up; nothing here measures time."""

# Runs `python -m kiosk run` as a device does; a helper thread waits for the app and then plays
# a traveller (a language, the emergency screen) and writes READY once the kiosk is idle again.
CHILD = """
import sys, threading, time
from pathlib import Path

ready = Path(sys.argv[1])


def traveller():
    while True:
        module = sys.modules.get("kivy.app")
        app = module.App.get_running_app() if module else None
        if app is not None and getattr(app, "nav", None) is not None:
            break
        time.sleep(0.02)
    from kivy.clock import Clock

    def play(_dt):
        app.choose_language("en")
        app.open_emergency()
        app.root_window.dispatch("on_request_close")  # refused, as always
        Clock.schedule_once(lambda _dt: ready.write_text(app.nav.current), 0.2)

    Clock.schedule_once(play, 0)


threading.Thread(target=traveller, daemon=True).start()
from kiosk.__main__ import main

sys.exit(main(sys.argv[2:]))
"""


def _start_kiosk(tmp_path: Path) -> tuple[subprocess.Popen[str], Path, Path]:
    embedded = tmp_path / "catalog.json"
    embedded.write_bytes(dump(kiosk_catalog()))
    data, ready = tmp_path / "data", tmp_path / "ready"
    command = [sys.executable, "-c", CHILD, str(ready), "run", "--windowed"]
    command += ["--embedded", str(embedded), "--data-dir", str(data)]
    kiosk = subprocess.Popen(
        command, cwd=ROOT, env=dict(os.environ), stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + STARTUP_LIMIT_S
    while not ready.exists() and kiosk.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    return kiosk, ready, data


def _what_it_said(kiosk: subprocess.Popen[str]) -> str:
    """The end of a kiosk's log that never became ready (stopped first if still running)."""
    if kiosk.poll() is None:
        kiosk.kill()
    _, errors = kiosk.communicate()
    return f"not ready after {STARTUP_LIMIT_S} s or exited ({kiosk.returncode}):\n{errors[-4000:]}"


def test_sigterm_stops_the_kiosk_cleanly_with_usage_on_disk(tmp_path: Path) -> None:
    kiosk, ready, data = _start_kiosk(tmp_path)
    try:
        assert ready.exists(), _what_it_said(kiosk)
        assert ready.read_text() == "emergency"  # still running after the close request
        kiosk.send_signal(signal.SIGTERM)
        try:
            _, errors = kiosk.communicate(timeout=STARTUP_LIMIT_S)
        except subprocess.TimeoutExpired:
            raise AssertionError("the kiosk kept running after SIGTERM") from None
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()
    assert kiosk.returncode == 0, errors[-3000:]
    assert "window close request ignored" in errors
    assert "stopped by SIGTERM" in errors
    store = UsageStore(data / "usage.db")
    kinds = {kind for (_, kind, _) in store.totals()}
    store.close()
    assert {"session_start", "language_chosen", "emergency_opened", "session_end"} <= kinds
