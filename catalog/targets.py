"""Where catalogs and assets live in the signed content repository (TUF target paths).

Shared by the hub, which publishes them, and the device, which asks for them.
"""

from __future__ import annotations


def catalog_target(channel: str) -> str:
    return f"channels/{channel}/catalog.json"


def asset_target(sha256: str) -> str:
    return f"assets/{sha256}"


def database_target(channel: str) -> str:
    """The channel's content database, built by the hub from its catalog (zstd)."""
    return f"channels/{channel}/content.db.zst"


def manifest_target(channel: str) -> str:
    """The sha256 of every asset the channel's content refers to (a JSON list)."""
    return f"channels/{channel}/assets.json"


def patch_target(channel: str, base_version: int) -> str:
    """A zstd patch that turns the channel's content database of `base_version` into the current
    one (the base database is the patch's dictionary)."""
    return f"channels/{channel}/patches/from-{base_version}.content.db.zst"


def patch_prefix(channel: str) -> str:
    return f"channels/{channel}/patches/"


SOFTWARE_TARGET = "software/kiosk.tar.gz"
"""The kiosk software bundle (a tarball of the `kiosk/` folder), with its signed version in the
target's custom field; signed only with the top-level targets key."""
SOFTWARE_VERSION_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9.+_-]{0,63}$"
"""A software version names a folder in /opt/kiosk/releases (deploy/install.sh checks the same)."""
