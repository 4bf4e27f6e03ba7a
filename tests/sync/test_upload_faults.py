"""Hub faults during upload: a 500, garbage, a truncated answer, or no answer at all.
Nothing is marked sent, nothing is lost, and the next upload to a working hub delivers it all."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from cache.usage_store import UsageEvent, UsageStore
from sync.upload import upload_usage
from tests.usage_support import device_config, device_totals, enrolled, hub_app, hub_totals, running

T0 = 1_790_000_000.0


def answering(status: int, body: bytes, content_type: str) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return None

    return Handler


@contextlib.contextmanager
def faulty_hub(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def silent_hub() -> Iterator[str]:
    """Accepts TCP connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            with contextlib.suppress(OSError):
                held.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(5)
        for connection in held:
            connection.close()
        listener.close()


def filled_store(path: Path) -> UsageStore:
    store = UsageStore(path)
    events = [
        UsageEvent(T0 + i * 60, "article_view", {"article": f"a{i % 7}", "lang": "en"}, i % 90)
        for i in range(600)
    ]
    store.append(events)
    return store


def assert_nothing_lost_then_delivered(tmp_path: Path, hub_url: str, **config: object) -> None:
    app, hub_store = hub_app(tmp_path / "hub")
    device_id, token = enrolled(hub_store)
    store = filled_store(tmp_path / "device" / "usage.db")
    pending = store.unsent_count()
    broken = device_config(tmp_path / "device", hub_url, device_id, token, **config)
    outcome = upload_usage(broken, store=store, batch_rows=50)
    assert not outcome.ok and outcome.error
    assert outcome.sent_rows == 0 and outcome.remaining_rows == pending
    assert store.unsent_count() == pending
    with running(app) as url:
        working = device_config(tmp_path / "device", url, device_id, token)
        assert upload_usage(working, store=store, batch_rows=50).ok
    assert hub_totals(hub_store, device_id) == device_totals(store)
    store.close()


def test_hub_returning_500_loses_nothing(tmp_path: Path) -> None:
    with faulty_hub(answering(500, b"Internal Server Error", "text/plain")) as url:
        assert_nothing_lost_then_delivered(tmp_path, url)


def test_hub_returning_garbage_loses_nothing(tmp_path: Path) -> None:
    with faulty_hub(answering(200, b"<html><body>Welcome</body></html>", "text/html")) as url:
        assert_nothing_lost_then_delivered(tmp_path, url)


@pytest.mark.parametrize(
    "body", [b'{"accep', b'{"accepted": "all"}', b'{"accepted": 1}', b"[]"], ids=str
)
def test_hub_returning_a_wrong_acknowledgement_loses_nothing(tmp_path: Path, body: bytes) -> None:
    with faulty_hub(answering(200, body, "application/json")) as url:
        assert_nothing_lost_then_delivered(tmp_path, url)


def test_hub_that_never_answers_loses_nothing(tmp_path: Path) -> None:
    with silent_hub() as url:
        assert_nothing_lost_then_delivered(tmp_path, url, socket_timeout_seconds=0.5)


def test_hub_that_is_down_loses_nothing(tmp_path: Path) -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    assert_nothing_lost_then_delivered(tmp_path, f"http://127.0.0.1:{port}")
