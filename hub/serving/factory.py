"""The hub app as each uvicorn worker builds it: settings come from the environment.

uvicorn starts several workers only from an import string, so the serving command writes the
hub's settings as JSON into HUB_SETTINGS and every worker calls `app_from_environment()`.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from dataclasses import asdict, fields
from pathlib import Path
from typing import get_type_hints

from fastapi import FastAPI

from hub.settings import HubSettings

logger = logging.getLogger(__name__)

SETTINGS_VARIABLE = "HUB_SETTINGS"
FACTORY = "hub.serving.factory:app_from_environment"


class ServingSettingsError(RuntimeError):
    """HUB_SETTINGS is missing or does not describe the hub's settings."""


def settings_to_text(settings: HubSettings) -> str:
    """The settings as JSON text (paths as strings), for HUB_SETTINGS."""
    values = {k: str(v) if isinstance(v, Path) else v for k, v in asdict(settings).items()}
    return json.dumps(values, sort_keys=True)


def settings_from_text(text: str) -> HubSettings:
    """The settings written by settings_to_text; unknown names are refused."""
    try:
        values = json.loads(text)
        hints = get_type_hints(HubSettings)
        known = {field.name for field in fields(HubSettings)}
        if not isinstance(values, dict) or not set(values) <= known:
            raise ServingSettingsError(f"{SETTINGS_VARIABLE} names unknown settings")
        return HubSettings(
            **{
                k: _typed(v, Path in (hints[k], *getattr(hints[k], "__args__", ())))
                for k, v in values.items()
            }
        )
    except (ValueError, TypeError) as error:
        raise ServingSettingsError(
            f"{SETTINGS_VARIABLE} is not the hub's settings: {error}"
        ) from error


def _typed(value: object, is_path: bool) -> object:
    return Path(str(value)) if is_path and value is not None else value


def engine() -> dict[str, str]:
    """The event loop running now and the HTTP parser uvicorn's `auto` picks in this process."""
    from uvicorn.protocols.http.auto import AutoHTTPProtocol

    try:
        loop = type(asyncio.get_running_loop()).__module__.split(".")[0]
    except RuntimeError:
        loop = "none"
    parser = (
        "httptools"
        if "httptools" in AutoHTTPProtocol.__module__ + AutoHTTPProtocol.__name__
        else "h11"
    )
    return {"loop": loop, "http": parser}


def app_from_environment() -> FastAPI:
    """The uvicorn factory: the hub app for the settings in HUB_SETTINGS."""
    from hub.web import create_app

    text = os.environ.get(SETTINGS_VARIABLE)
    if not text:
        raise ServingSettingsError(
            f"{SETTINGS_VARIABLE} is not set; start with `python -m hub serve`"
        )
    if not logging.getLogger().handlers:  # a spawned worker: log the hub's INFO lines too
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
        logging.getLogger("apscheduler").setLevel(logging.WARNING)  # hub.jobs logs each run
    running = engine()
    logger.info(
        "worker %d serving with loop=%s http=%s", os.getpid(), running["loop"], running["http"]
    )
    return create_app(settings_from_text(text))
