"""The sync daemon's one network seam: a python-tuf fetcher with explicit timeouts and a deadline.

Every request gets a socket timeout no longer than what is left of the refresh's wall-clock
budget, and the deadline is checked each time bytes arrive, so a hub that accepts TCP and never
answers (or dribbles bytes) cannot hold a refresh much past its budget. urllib3's own retries are off:
the scheduler retries, with backoff. Downloads are staged in the daemon's own folder, never
beyond their signed length.

One fetcher serves several download threads at once (see sync.assets): its connection pool holds
a connection per thread, and its counters are shared under a lock.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import urllib3
from tuf.api import exceptions
from tuf.api.metadata import TargetFile
from tuf.ngclient.fetcher import FetcherInterface

logger = logging.getLogger(__name__)

USER_AGENT = "border-kiosk-sync/1"
CHUNK_BYTES = 1024 * 1024
"""The most taken from the socket at once: large enough that a fast link costs few loops."""
POOL_CONNECTIONS = 4
"""Asset download threads; each keeps a connection open to the hub, and so does the refresh."""


@dataclass(frozen=True)
class Staged:
    """A finished download in the staging folder, with its length and sha256."""

    handle: IO[bytes]
    path: Path
    length: int
    sha256: str

    def check(self, info: TargetFile) -> None:
        """Raise unless this is exactly the signed target (length and sha256)."""
        check_target(info, self.length, self.sha256)


def check_target(info: TargetFile, length: int, sha256: str) -> None:
    """Raise unless `length` and `sha256` are exactly the signed target's."""
    if length != info.length or sha256 != info.hashes.get("sha256"):
        raise exceptions.LengthOrHashMismatchError(
            f"{info.path}: {length} bytes, sha256 {sha256[:12]}...; "
            f"signed: {info.length} bytes, sha256 {info.hashes.get('sha256', '?')[:12]}..."
        )


class BudgetExceededError(exceptions.DownloadError):
    """The refresh ran out of its wall-clock budget."""


class DownloadCancelledError(exceptions.DownloadError):
    """The refresh stopped this download because another one failed."""


class Deadline:
    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._ends_at = clock() + seconds
        self.seconds = seconds

    def remaining(self) -> float:
        return self._ends_at - self._clock()

    def check(self) -> None:
        if self.remaining() <= 0:
            raise BudgetExceededError(f"the {self.seconds:g} s sync budget is used up")


class HubFetcher(FetcherInterface):
    """urllib3 fetcher bounded by a Deadline; counts requests and bytes for status and benchmarks."""

    def __init__(self, deadline: Deadline, socket_timeout: float, staging_dir: Path) -> None:
        self.deadline = deadline
        self.socket_timeout = socket_timeout
        self.staging_dir = staging_dir
        self.requests = 0
        self.bytes_received = 0
        self.cancelled = threading.Event()
        self._counting = threading.Lock()
        self._pool = urllib3.PoolManager(
            num_pools=2,
            maxsize=POOL_CONNECTIONS + 1,
            headers={"User-Agent": USER_AGENT},
            retries=False,
        )

    def _fetch(self, url: str) -> Iterator[bytes]:
        self._check()
        remaining = self.deadline.remaining()
        timeout = max(0.05, min(self.socket_timeout, remaining))
        capped = remaining < self.socket_timeout
        with self._counting:
            self.requests += 1
        try:
            response = self._pool.request(
                "GET",
                url,
                preload_content=False,
                timeout=urllib3.Timeout(connect=timeout, read=timeout),
                redirect=False,
            )
        except urllib3.exceptions.TimeoutError as error:
            self._timed_out(error, capped)
            raise exceptions.SlowRetrievalError(f"{url}: no answer in {timeout:.1f} s") from error
        except urllib3.exceptions.HTTPError as error:
            raise exceptions.DownloadError(f"{url}: {error}") from error
        if response.status >= 300:
            response.close()  # the error body is unread: never hand this connection back
            response.release_conn()
            raise exceptions.DownloadHTTPError(f"{url}: HTTP {response.status}", response.status)
        return self._chunks(url, response, capped)

    def _chunks(
        self, url: str, response: urllib3.BaseHTTPResponse, capped: bool
    ) -> Iterator[bytes]:
        complete = False
        try:
            while chunk := response.read1(CHUNK_BYTES):  # what has arrived, up to a chunk
                self._check()
                with self._counting:
                    self.bytes_received += len(chunk)
                yield chunk
            complete = True
        except urllib3.exceptions.TimeoutError as error:
            self._timed_out(error, capped)
            raise exceptions.SlowRetrievalError(f"{url}: stalled") from error
        except urllib3.exceptions.HTTPError as error:
            raise exceptions.DownloadError(f"{url}: {error}") from error
        finally:
            if not complete:
                response.close()  # never hand a half-read connection back to the pool
            response.release_conn()

    def _check(self) -> None:
        self.deadline.check()
        if self.cancelled.is_set():
            raise DownloadCancelledError("stopped: another download failed")

    def _timed_out(self, error: Exception, capped: bool) -> None:
        """A socket timeout that the budget shortened means the budget is used up."""
        if capped or self.deadline.remaining() <= 0:
            raise BudgetExceededError(
                f"the {self.deadline.seconds:g} s sync budget is used up"
            ) from error

    @contextmanager
    def download_file(self, url: str, max_length: int) -> Iterator[IO[bytes]]:
        """Stream `url` into a staged file, refusing to store more than `max_length` bytes."""
        with self.staged(url, max_length) as download:
            yield download.handle

    def fetch_verified(self, url: str, info: TargetFile) -> bytes:
        """The signed target at `url`, in memory: capped at its signed length, hash-checked."""
        data = bytearray()
        digest = hashlib.sha256()
        for chunk in self.fetch(url):
            if len(data) + len(chunk) > info.length:
                raise exceptions.DownloadLengthMismatchError(
                    f"{url}: more than the {info.length} signed bytes"
                )
            data += chunk
            digest.update(chunk)
        check_target(info, len(data), digest.hexdigest())
        return bytes(data)

    @contextmanager
    def staged(self, url: str, max_length: int) -> Iterator[Staged]:
        """Like download_file, hashing as it writes; the caller may os.replace the staged path."""
        self.staging_dir.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=self.staging_dir, prefix="dl-")
        path = Path(name)
        digest = hashlib.sha256()
        try:
            with os.fdopen(fd, "w+b") as handle:
                received = 0
                for chunk in self.fetch(url):
                    received += len(chunk)
                    if received > max_length:
                        raise exceptions.DownloadLengthMismatchError(
                            f"{url}: more than the {max_length} signed bytes"
                        )
                    handle.write(chunk)
                    digest.update(chunk)
                handle.flush()
                handle.seek(0)
                yield Staged(handle, path, received, digest.hexdigest())
        finally:
            path.unlink(missing_ok=True)

    def close(self) -> None:
        self._pool.clear()
