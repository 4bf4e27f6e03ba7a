"""Wires the device API and the hub store into the hub web app."""

from __future__ import annotations

from fastapi import FastAPI

from hub.devices.api import ApiLimits, device_router
from hub.devices.errors import install_error_handler
from hub.devices.openapi import install_openapi
from hub.publishing.trusted_root import read_trusted_root
from hub.settings import HubSettings
from hub.store import HubStore


def hub_store(settings: HubSettings) -> HubStore:
    """The hub store in the hub data folder (hub.db)."""
    return HubStore(settings.database_path)


def add_device_api(
    app: FastAPI, settings: HubSettings, limits: ApiLimits | None = None
) -> HubStore:
    """Mount /api/v1 (enrol, usage, heartbeat) and keep the store on app.state.hub_store."""
    store = hub_store(settings)
    override = settings.trusted_root_path
    app.state.hub_store = store
    install_error_handler(app)
    router = device_router(
        store, lambda: read_trusted_root(settings.repository_dir, override), limits
    )
    app.include_router(router)
    install_openapi(app, router)
    return store
