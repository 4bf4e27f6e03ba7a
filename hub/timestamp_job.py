"""Re-signs the TUF timestamp on a schedule, so an idle hub never freezes its fleet.

Only the timestamp key is needed (it stays online). The job runs in the web service; a hub
without the service can run `python -m hub timestamp` from cron instead.
"""

from __future__ import annotations

import logging

from apscheduler.schedulers.background import BackgroundScheduler

from hub.keys import KeyStore, SigningKeyError
from hub.repository import Repository, RepositoryError
from hub.settings import HubSettings

logger = logging.getLogger(__name__)


def resign_timestamp(settings: HubSettings, *, force: bool = False) -> bool:
    repository = Repository(settings.repository_dir, KeyStore(settings.keys_dir))
    if not repository.exists():
        return False
    return repository.resign_timestamp(force=force)


class TimestampJob:
    def __init__(self, settings: HubSettings) -> None:
        self.settings = settings
        self.scheduler: BackgroundScheduler | None = None

    def start(self) -> None:
        minutes = self.settings.resign_timestamp_every_minutes
        if minutes <= 0:
            return
        self.scheduler = BackgroundScheduler(timezone="UTC")
        self.scheduler.add_job(
            self.run,
            "interval",
            minutes=minutes,
            id="resign-timestamp",
            coalesce=True,
            max_instances=1,
        )
        self.scheduler.start()
        self.run()

    def run(self) -> None:
        try:
            if resign_timestamp(self.settings):
                logger.info("timestamp re-signed")
        except (SigningKeyError, RepositoryError, OSError) as error:
            logger.error("could not re-sign the timestamp: %s", error)

    def stop(self) -> None:
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
            self.scheduler = None
