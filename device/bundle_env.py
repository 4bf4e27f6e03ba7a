"""Where things are when running from the bundle, and the environment the subcommands expect.

In the PyInstaller bundle, data files sit under `sys._MEIPASS`: the subset fonts in `fonts/`
and the embedded sample catalog in `embedded/catalog.json`. From a source checkout, nothing is
set here and each package uses its own development defaults.
"""

from __future__ import annotations

import logging
import os
import sys
import tomllib
from pathlib import Path

logger = logging.getLogger(__name__)

DEVICE_CONFIG = Path("/etc/kiosk/kiosk.toml")
CONFIG_ENV = "KIOSK_CONFIG"
FONT_DIR_ENV = "KIOSK_FONT_DIR"


def bundle_dir() -> Path | None:
    """The bundle's data folder when frozen, else None."""
    folder = getattr(sys, "_MEIPASS", None)
    return Path(folder) if getattr(sys, "frozen", False) and folder else None


def prepare_environment() -> None:
    """Point the subcommands at the bundle's fonts and the device config, unless already set."""
    os.environ.setdefault("KIVY_NO_ARGS", "1")  # Kivy never parses this command's arguments
    folder = bundle_dir()
    if folder is None:
        return
    for name in ("KIVY_DATA_DIR", "KIVY_MODULES_DIR"):
        # PyInstaller's Kivy runtime hook points these at kivy_install/, which this bundle does
        # not carry: Kivy's data sits where Kivy looks by default (see kiosk.spec).
        if name in os.environ and not Path(os.environ[name]).exists():
            del os.environ[name]
    os.environ.setdefault(FONT_DIR_ENV, str(folder / "fonts"))
    if DEVICE_CONFIG.exists():
        os.environ.setdefault(CONFIG_ENV, str(DEVICE_CONFIG))


def embedded_catalog() -> Path | None:
    folder = bundle_dir()
    return folder / "embedded" / "catalog.json" if folder else None


def kiosk_arguments(arguments: list[str]) -> list[str]:
    """`run`/`screenshots` arguments with the device config and the bundle's catalog filled in."""
    extra: list[str] = []
    config = os.environ.get(CONFIG_ENV)
    if config and not _has_option(arguments, "--config"):
        extra += ["--config", config]
    catalog = embedded_catalog()
    chosen = _option_value(arguments, "--config") or config
    if (
        catalog is not None
        and not _has_option(arguments, "--embedded")
        and not _config_sets(chosen, "embedded_catalog")
    ):
        extra += ["--embedded", str(catalog)]
    return [*arguments, *extra]


def _has_option(arguments: list[str], option: str) -> bool:
    return any(arg == option or arg.startswith(option + "=") for arg in arguments)


def _option_value(arguments: list[str], option: str) -> str | None:
    for index, arg in enumerate(arguments):
        if arg.startswith(option + "="):
            return arg.split("=", 1)[1]
        if arg == option and index + 1 < len(arguments):
            return arguments[index + 1]
    return None


def _config_sets(path: str | None, key: str) -> bool:
    """Whether the [kiosk] table of `path` sets `key` (False when it cannot be read)."""
    if not path:
        return False
    try:
        document = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    table = document.get("kiosk")
    return isinstance(table, dict) and key in table
