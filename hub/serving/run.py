"""`python -m hub serve` (and `hub demo --serve`): the hub app under uvicorn, in one process or in
`workers` processes sharing the listening socket. uvicorn's `auto` picks uvloop and httptools
when installed (requirements.txt pins both); each worker logs which ones it runs.

With several workers, the background jobs of hub.jobs run in every worker but each interval's
run is claimed in the database, so it happens once; uvicorn restarts a worker that dies.
"""

from __future__ import annotations

import logging
import os

import uvicorn

from hub.serving.factory import FACTORY, SETTINGS_VARIABLE, settings_to_text
from hub.settings import HubSettings

logger = logging.getLogger(__name__)

BACKLOG = 2048
"""Connections waiting to be accepted: a fleet's kiosks may all upload at once."""


class ServeError(ValueError):
    """The serving options cannot work (e.g. fewer than one worker)."""


def serve(
    settings: HubSettings,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    log_level: str = "info",
) -> None:
    """Serve the hub until stopped (SIGINT or SIGTERM)."""
    if workers < 1:
        raise ServeError("--workers must be 1 or more")
    os.environ[SETTINGS_VARIABLE] = settings_to_text(settings)
    logger.info(
        "serving %s on http://%s:%d with %d worker(s)", settings.data_dir, host, port, workers
    )
    uvicorn.run(
        FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        loop="auto",
        http="auto",
        log_level=log_level,
        backlog=BACKLOG,
    )
