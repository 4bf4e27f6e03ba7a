"""Fetching a catalog's assets: a few at a time over the fetcher's connection pool, in the
background, while the catalog is written to the cache.

Assets are content-addressed and each is checked against its signed length and sha256 before it
is installed, so one that lands in the media folder before its catalog is applied is harmless:
nothing refers to it yet. The catalog is committed only after `wait()` says every asset it needs
is durably in place. When one download fails, the others stop at their next chunk; the verified
ones are kept for the next attempt.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from dataclasses import dataclass
from types import TracebackType

from tuf.api.metadata import TargetFile
from tuf.ngclient import Updater

from catalog.targets import asset_target
from sync.fetcher import POOL_CONNECTIONS, HubFetcher
from sync.media import MediaStore
from sync.outcome import RejectedError
from sync.tuf_session import target_url

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AssetJob:
    sha256: str
    url: str
    info: TargetFile


def plan(updater: Updater, targets_url: str, missing: set[str]) -> list[AssetJob]:
    """Where each missing asset is, as signed; refuses an asset the hub has not signed as such."""
    jobs = []
    for sha256 in sorted(missing):
        info = updater.get_targetinfo(asset_target(sha256))
        if info is None or info.hashes.get("sha256") != sha256:
            raise RejectedError(f"asset {sha256} is referenced but not signed as such")
        jobs.append(AssetJob(sha256, target_url(updater, targets_url, info), info))
    return jobs


class AssetDownloads:
    """Downloads `jobs` on worker threads, starting at once. Use as a context manager."""

    def __init__(
        self,
        fetcher: HubFetcher,
        media: MediaStore,
        jobs: list[AssetJob],
        workers: int = POOL_CONNECTIONS,
    ) -> None:
        self.fetcher = fetcher
        self.media = media
        self.jobs = jobs
        self._stop = threading.Event()
        self._pool = ThreadPoolExecutor(max(1, min(workers, len(jobs))), "asset-download")
        self._futures: list[Future[None]] = [self._pool.submit(self._download, j) for j in jobs]

    def wait(self) -> int:
        """Block until every asset is durably in the media folder; re-raise the first failure."""
        wait_for(self._futures, return_when=FIRST_EXCEPTION)
        done = [future for future in self._futures if future.done()]
        errors = [error for future in done if (error := future.exception()) is not None]
        if errors:
            self._stop_all()
            raise errors[0]
        self.media.flush()
        if self.jobs:
            logger.info("%d assets downloaded", len(self.jobs))
        return len(self.jobs)

    def _download(self, job: AssetJob) -> None:
        if self._stop.is_set():
            return
        with self.fetcher.staged(job.url, job.info.length) as download:
            download.check(job.info)
            self.media.install(download.handle, download.path, job.sha256)

    def _stop_all(self) -> None:
        """Stop queued downloads, and running ones at their next chunk; wait for them to end."""
        self._stop.set()
        self.fetcher.cancelled.set()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> AssetDownloads:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if not all(future.done() for future in self._futures):
            self._stop_all()  # the refresh failed elsewhere (catalog apply, budget, ...)
        self._pool.shutdown(wait=True)
        self.media.flush()  # verified downloads are kept, even when a later one fails
