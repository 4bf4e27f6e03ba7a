"""One content refresh: verify with TUF, fetch what is missing, swap in the new content, prune.

Old content stays whole and visible on every failure: the new content.db replaces the old one
only once it and every asset it references are verified and safely on disk.

The hub packages each channel's content as a ready database (hub.publishing.package): the refresh fetches
its asset list, starts the asset downloads (several at a time), and meanwhile downloads and
checks the database. When the hub offers no database of this software's layout (an older or
newer hub), the refresh fetches the catalog and builds the database itself instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from tuf.api.metadata import TargetFile
from tuf.ngclient import Updater

import catalog
from cache import (
    CONTENT_SCHEMA,
    CacheError,
    ContentStore,
    DatabaseInfo,
    StateStore,
    VersionRollbackError,
)
from catalog.load import paused_gc
from catalog.targets import catalog_target, database_target, manifest_target
from sync import assets
from sync.assets import AssetDownloads
from sync.clock import BUILD_TIME, ClockCheck, check_clock
from sync.config import DeviceConfig
from sync.database import DatabaseOffer, fetch_database, packaged, parse_manifest
from sync.delta import FALLBACKS_KEY, LAST_DELTA_KEY, apply_patch, patch_offer
from sync.fetcher import BudgetExceededError, Deadline, HubFetcher
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
        fetcher_type: type[HubFetcher] = HubFetcher,
        source: str = "",
    ) -> None:
        self.config = config
        self.state = state
        self.content = content
        self.now = now
        self.build_time = build_time
        self.media = MediaStore(config.media_dir)
        self.fetcher_type = fetcher_type
        self.source = source
        """Named in the recorded outcome when the update does not come from the hub (a stick)."""
        self._how = ""

    def run(self) -> RefreshReport:
        """Refresh once and record the outcome; never raises for a known kind of failure."""
        started = self.now()
        clock = check_clock(started, self.state.last_sync().last_success_at, self.build_time)
        if not clock.sane:
            logger.warning("clock suspect: %s", clock.reason)
        fetcher = self.fetcher_type(
            Deadline(self.config.budget_seconds),
            self.config.socket_timeout_seconds,
            self.media.staging_dir,
        )
        updater: Updater | None = None
        try:
            self.media.prepare()
            updater = open_updater(self.config, fetcher, clock.reference_time)
            report = self._refresh(updater, fetcher)
        except Exception as error:
            report = RefreshReport(classify(error), _describe(error))
        finally:
            fetcher.close()
        report = replace(report, requests=fetcher.requests, bytes_received=fetcher.bytes_received)
        if self.source:
            report = replace(report, detail=f"{self.source}: {report.detail}")
        self._record(report, clock, updater)
        return report

    def _refresh(self, updater: Updater, fetcher: HubFetcher) -> RefreshReport:
        updater.refresh()
        channel = self.config.channel
        catalog_info = updater.get_targetinfo(catalog_target(channel))
        if catalog_info is None:
            raise RejectedError(f"the hub publishes no channel {channel!r}")
        offer = self._database_offered(updater)
        info = offer.database if offer else catalog_info
        digest = info.hashes.get("sha256")
        current = self.content.content_version()
        if current is not None and digest == self.state.get(APPLIED_CATALOG_KEY):
            referenced = self.content.asset_ids()
            with self._downloads(updater, fetcher, referenced) as downloads:
                repaired = downloads.wait()
            pruned = self.media.prune(referenced)
            detail = f"content version {current} is current"
            if repaired:
                detail += f"; {repaired} missing assets restored"
            return RefreshReport(Outcome.CURRENT, detail, current, 0, 0, repaired, pruned)

        self.content.remove_abandoned_drafts()
        self._how = "built from the catalog"
        if offer:
            version, downloaded = self._install_database(updater, fetcher, offer)
        else:
            version, downloaded = self._apply_catalog(updater, fetcher, catalog_info)
        self.state.set(APPLIED_CATALOG_KEY, digest or "")
        self.state.set(LAST_DELTA_KEY, self._how[:500])
        pruned = self.media.prune(self.content.asset_ids())
        detail = f"content version {version} applied ({downloaded} new assets; {self._how})"
        return RefreshReport(Outcome.UPDATED, detail, version, 0, 0, downloaded, pruned)

    def _database_offered(self, updater: Updater) -> DatabaseOffer | None:
        """The channel's packaged database, when the hub offers one of this software's layout."""
        channel = self.config.channel
        info = updater.get_targetinfo(database_target(channel))
        manifest = updater.get_targetinfo(manifest_target(channel))
        if info is None or manifest is None:
            logger.info("the hub offers no content database; building it from the catalog")
            return None
        described = packaged(info)
        if described.schema != CONTENT_SCHEMA:
            logger.info(
                "the hub's content database has layout %s, not %s; building it from the catalog",
                described.schema,
                CONTENT_SCHEMA,
            )
            return None
        return DatabaseOffer(info, manifest, described)

    def _install_database(
        self, updater: Updater, fetcher: HubFetcher, offer: DatabaseOffer
    ) -> tuple[int, int]:
        """Fetch the asset list, then the images and the database side by side; swap it in."""
        channel, described = self.config.channel, offer.described
        if described.channel != channel:
            raise RejectedError(f"content database is for channel {described.channel!r}")
        self._refuse_rollback(described.content_version)
        manifest_url = target_url(updater, self.config.targets_url, offer.manifest)
        wanted = parse_manifest(fetcher.fetch_verified(manifest_url, offer.manifest))

        def as_promised(found: DatabaseInfo) -> None:
            if (found.channel, found.content_version) != (channel, described.content_version):
                raise RejectedError(
                    f"content database holds {found.channel!r} version {found.content_version}, "
                    f"signed as {channel!r} version {described.content_version}"
                )
            if found.asset_ids != wanted:
                raise RejectedError("content database and its signed asset list disagree")

        with (
            self._downloads(updater, fetcher, wanted) as downloads,
            self.content.draft() as draft,
        ):
            self._fetch_database(updater, fetcher, offer, draft)

            def images_in_place() -> None:
                downloads.wait()
                fetcher.deadline.check()

            self.content.install(draft, check=as_promised, before_commit=images_in_place)
        return described.content_version, len(downloads.jobs)

    def _fetch_database(
        self, updater: Updater, fetcher: HubFetcher, offer: DatabaseOffer, draft: Path
    ) -> None:
        """The new database into `draft`: from a patch when one fits, else downloaded whole."""
        described = offer.described
        try:
            patch = patch_offer(
                updater, self.config.channel, self.content.content_version(), described
            )
            length = apply_patch(updater, patch, self.content.path, draft, described)
            self._how = f"patch from version {patch.base_version}, {length} bytes"
            self.state.set(FALLBACKS_KEY, "0")
            return
        except BudgetExceededError:
            raise
        except Exception as error:  # any failed patch: the whole database, as before
            self._how = f"full download; no patch used: {_describe(error)}"
            expected = str(error).startswith("no ")  # no patch to try: not a failure
            if not expected:
                failures = int(self.state.get(FALLBACKS_KEY) or 0) + 1
                self.state.set(FALLBACKS_KEY, str(failures))
            log = logger.info if expected else logger.warning
            log("content version %d: %s", described.content_version, self._how)
        url = target_url(updater, self.config.targets_url, offer.database)
        fetch_database(fetcher, url, offer.database, described, draft)

    def _apply_catalog(
        self, updater: Updater, fetcher: HubFetcher, info: TargetFile
    ) -> tuple[int, int]:
        """Fetch and validate the catalog; build the database while the images download."""
        url = target_url(updater, self.config.targets_url, info)
        with paused_gc():  # the catalog is millions of objects, alive from load to apply
            document = catalog.load(fetcher.fetch_verified(url, info))
            if document.channel != self.config.channel:
                raise RejectedError(
                    f"catalog is for channel {document.channel!r}, not {self.config.channel!r}"
                )
            self._refuse_rollback(document.content_version)
            wanted = {asset.sha256 for asset in document.assets}
            with self._downloads(updater, fetcher, wanted) as downloads:

                def images_in_place() -> None:
                    downloads.wait()
                    fetcher.deadline.check()

                self.content.replace_content(document, before_commit=images_in_place)
        return document.content_version, len(downloads.jobs)

    def _refuse_rollback(self, version: int) -> None:
        mark = self.state.high_water_mark()
        if version < mark:
            raise VersionRollbackError(version, mark)

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
