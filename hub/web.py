"""The hub web service. Each part of the hub contributes a router; this module assembles them."""

from __future__ import annotations

import logging

from fastapi import FastAPI

from hub.settings import HubSettings
from hub.staff import install_staff

logger = logging.getLogger(__name__)


def create_app(settings: HubSettings) -> FastAPI:
    app = FastAPI(title="Border-gate kiosk hub", openapi_url=None)
    app.state.settings = settings
    install_staff(app, settings.data_dir)
    return app
