"""The hub web service. Each part of the hub contributes a router; this module assembles them."""

from __future__ import annotations

import logging

from fastapi import FastAPI

from hub.device_setup import add_device_api
from hub.settings import HubSettings

logger = logging.getLogger(__name__)


def create_app(settings: HubSettings) -> FastAPI:
    app = FastAPI(title="Border-gate kiosk hub", openapi_url=None)
    app.state.settings = settings
    add_device_api(app, settings)
    return app
