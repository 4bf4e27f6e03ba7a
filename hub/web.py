"""The hub web service. Each part of the hub contributes a router; this module assembles them."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from hub.devices.api import ApiLimits
from hub.devices.setup import add_device_api
from hub.jobs import HubJobs
from hub.publishing.routes import repository_router
from hub.settings import HubSettings
from hub.staff import install_staff

logger = logging.getLogger(__name__)


def create_app(settings: HubSettings, limits: ApiLimits | None = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        jobs = HubJobs(settings, app.state.hub_store)
        jobs.start()
        try:
            yield
        finally:
            jobs.stop()
            close_app(app)

    app = FastAPI(title="Border-gate kiosk hub", lifespan=lifespan, openapi_url=None)
    app.state.settings = settings
    app.include_router(repository_router(settings.repository_dir))
    add_device_api(app, settings, limits)
    install_staff(app, settings.data_dir, store=app.state.hub_store)
    return app


def close_app(app: FastAPI) -> None:
    """Close the app's database connections (the desk's, the staff's and the hub store's).
    Safe to call twice: the lifespan calls it at shutdown, and tests that never start the
    lifespan call it themselves."""
    app.state.desk.close()
    app.state.staff.close()
    app.state.hub_store.close()
