"""Re-signs the TUF timestamp, so an idle hub never freezes its fleet.

Only the timestamp key is needed (it stays online). When the hub publishes with a delegated key
(hub.publishing.delegation), the delegated role and the snapshot are re-signed too once they
pass half their life, with the keys the hub holds. The web service runs `resign_job` on a
schedule (hub.jobs); a hub without the service can run `python -m hub timestamp` from cron.
"""

from __future__ import annotations

import logging

from hub.lock import repository_lock
from hub.publishing.delegation import resign_delegated
from hub.publishing.keys import KeyStore, SigningKeyError
from hub.publishing.repository import Repository, RepositoryError
from hub.settings import HubSettings

logger = logging.getLogger(__name__)

LOCK_WAIT_SECONDS = 30.0
"""A publish holding the repository longer is let be; the next run re-signs."""


def resign_timestamp(settings: HubSettings, *, force: bool = False) -> bool:
    repository = Repository(settings.repository_dir, KeyStore(settings.keys_dir))
    if not repository.exists():
        return False
    if repository.delegation() is not None:
        with repository_lock(settings.data_dir, wait_seconds=LOCK_WAIT_SECONDS):
            if resign_delegated(repository):
                return True
    return repository.resign_timestamp(force=force)


def resign_job(settings: HubSettings) -> None:
    """The scheduled run: re-sign when due; a failure is logged and tried again next time."""
    try:
        if resign_timestamp(settings):
            logger.info("timestamp re-signed")
    except (SigningKeyError, RepositoryError, OSError) as error:
        logger.error("could not re-sign the timestamp: %s", error)
