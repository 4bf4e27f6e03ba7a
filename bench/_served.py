"""A static web server for the sync benchmark, as a CDN or the hub would serve the repository;
optionally behind a simulated link whose bandwidth all connections share."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO

CHUNK = 64 * 1024
SENDFILE_BYTES = 16 * 1024 * 1024


class Link:
    """One shared pipe: each chunk waits for its turn at `bytes_per_second`."""

    def __init__(self, bytes_per_second: float) -> None:
        self.bytes_per_second = bytes_per_second
        self._lock = threading.Lock()
        self._free_at = 0.0

    def send(self, size: int) -> None:
        with self._lock:
            start = max(time.perf_counter(), self._free_at)
            self._free_at = start + size / self.bytes_per_second
            done = self._free_at
        time.sleep(max(0.0, done - time.perf_counter()))


class _Handler(SimpleHTTPRequestHandler):
    link: Link | None = None

    def log_message(self, *_args: object) -> None:
        pass

    def copyfile(self, source: IO[bytes], outputfile: IO[bytes]) -> None:  # type: ignore[override]
        if self.link is None:  # as nginx or a CDN serves files: by sendfile, no copy in between
            outputfile.flush()
            offset, out = 0, self.connection.fileno()
            while sent := os.sendfile(out, source.fileno(), offset, SENDFILE_BYTES):
                offset += sent
            return
        while chunk := source.read(CHUNK):
            self.link.send(len(chunk))
            outputfile.write(chunk)


def _serve(site: str, bytes_per_second: float | None, ready: Connection) -> None:
    handler = type(
        "Handler", (_Handler,), {"link": Link(bytes_per_second) if bytes_per_second else None}
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=site))
    server.daemon_threads = True
    ready.send(server.server_port)
    server.serve_forever()


@contextmanager
def serving(site: Path, bytes_per_second: float | None = None) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 from a process of its own, as a hub or CDN would be; yields the
    base URL. (A server thread in the measuring process would compete with the client for
    Python's interpreter lock, which a real hub never does.)"""
    context = multiprocessing.get_context("spawn")
    here, there = context.Pipe()
    server = context.Process(target=_serve, args=(str(site), bytes_per_second, there), daemon=True)
    server.start()
    try:
        if not here.poll(30):
            raise RuntimeError("the benchmark's web server did not start")
        yield f"http://127.0.0.1:{here.recv()}"
    finally:
        server.terminate()
        server.join(10)
