"""One content refresh: verify with TUF, fetch what is missing, apply in one transaction, prune.

Old content stays whole and visible on every failure: the catalog is committed only once it and
every asset it references are verified and safely on disk. The assets download (several at a
time) while the catalog is written inside that still uncommitted transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from tuf.ngclient import Updater

import catalog
from cache import CacheError, ContentStore, StateStore, VersionRollbackError
from catalog.load import paused_gc
from catalog.targets import catalog_target
from sync import assets
from sync.assets import AssetDownloads
from sync.clock import BUILD_TIME, ClockCheck, check_clock
from sync.config import DeviceConfig
from sync.fetcher import Deadline, HubFetcher
from sync.health import record_health
from sync.media import MediaStore
from sync.outcome import Outcome, RefreshReport, RejectedError, classify
from sync.tuf_session import open_updater, target_url

logger = logging.getLogger(__name__)

APPLIED_CATALOG_KEY = "sync.applied_catalog_sha256"


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Refresher:
    def __init__(
        self,
        config: DeviceConfig,
        state: StateStore,
        content: ContentStore,
        *,
        now: Callable[[], datetime] = _utcnow,
        build_time: datetime = BUILD_TIME,
    ) -> None:
        self.config = config
        self.state = state
        self.content = content
        self.now = now
        self.build_time = build_time
        self.media = MediaStore(config.media_dir)

    def run(self) -> RefreshReport:
        """Refresh once and record the outcome; never raises for a known kind of failure."""
        started = self.now()
        clock = check_clock(started, self.state.last_sync().last_success_at, self.build_time)
        if not clock.sane:
            logger.warning("clock suspect: %s", clock.reason)
        fetcher = HubFetcher(
            Deadline(self.config.budget_seconds),
            self.config.socket_timeout_seconds,
            self.media.staging_dir,
        )
        updater: Updater | None = None
        try:
            self.media.prepare()
            updater = open_updater(self.config, fetcher, clock.reference_time)
            with paused_gc():  # the catalog is millions of objects, alive from load to apply
                report = self._refresh(updater, fetcher)
        except Exception as error:
            report = RefreshReport(classify(error), _describe(error))
        finally:
            fetcher.close()
        report = replace(report, requests=fetcher.requests, bytes_received=fetcher.bytes_received)
        self._record(report, clock, updater)
        return report

    def _refresh(self, updater: Updater, fetcher: HubFetcher) -> RefreshReport:
        updater.refresh()
        channel = self.config.channel
        info = updater.get_targetinfo(catalog_target(channel))
        if info is None:
            raise RejectedError(f"the hub publishes no channel {channel!r}")
        digest = info.hashes.get("sha256")
        current = self.content.content_version()
        if current is not None and digest == self.state.get(APPLIED_CATALOG_KEY):
            with self._downloads(updater, fetcher, self.content.asset_ids()) as downloads:
                repaired = downloads.wait()
            pruned = self.media.prune(self.content.asset_ids())
            detail = f"content version {current} is current"
            if repaired:
                detail += f"; {repaired} missing assets restored"
            return RefreshReport(Outcome.CURRENT, detail, current, 0, 0, repaired, pruned)

        url = target_url(updater, self.config.targets_url, info)
        document = catalog.load(fetcher.fetch_verified(url, info))
        if document.channel != channel:
            raise RejectedError(f"catalog is for channel {document.channel!r}, not {channel!r}")
        mark = self.state.high_water_mark()
        if document.content_version < mark:
            raise VersionRollbackError(document.content_version, mark)
        wanted = {asset.sha256 for asset in document.assets}
        # the images download while the catalog is written; it is committed once they are in
        with self._downloads(updater, fetcher, wanted) as downloads:

            def images_in_place() -> None:
                downloads.wait()
                fetcher.deadline.check()

            self.content.replace_content(document, before_commit=images_in_place)
        self.state.set(APPLIED_CATALOG_KEY, digest or "")
        pruned = self.media.prune(self.content.asset_ids())
        downloaded = len(downloads.jobs)
        detail = f"content version {document.content_version} applied ({downloaded} new assets)"
        return RefreshReport(
            Outcome.UPDATED, detail, document.content_version, 0, 0, downloaded, pruned
        )

    def _downloads(self, updater: Updater, fetcher: HubFetcher, wanted: set[str]) -> AssetDownloads:
        """Start fetching each wanted asset not yet in the media folder (capped, hash-checked)."""
        jobs = assets.plan(updater, self.config.targets_url, wanted - self.media.present())
        return AssetDownloads(fetcher, self.media, jobs)

    def _record(self, report: RefreshReport, clock: ClockCheck, updater: Updater | None) -> None:
        at = clock.reference_time
        try:
            self.state.record_sync_outcome(report.outcome.ok, report.line(), at)
            record_health(self.state, self.config, clock, updater, at)
        except CacheError as error:
            logger.error("could not record the sync outcome: %s", error)
        log = logger.info if report.outcome.ok else logger.warning
        log("refresh %s", report.line())


def _describe(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    cause = error.__cause__
    if cause is not None and str(cause) and str(cause) not in text:
        text = f"{text}: {cause}"
    return f"{type(error).__name__}: {text}"[:500]
