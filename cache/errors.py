"""The errors the device cache raises. Nothing from sqlite3 or sqlite_utils leaves cache/."""

from __future__ import annotations


class CacheError(Exception):
    """The device cache could not do what was asked: storage failed or the file is unusable."""


class VersionRollbackError(CacheError):
    """A catalog older than the highest content version ever applied was refused."""

    def __init__(self, offered: int, high_water_mark: int) -> None:
        super().__init__(
            f"content version {offered} is older than version {high_water_mark}, "
            "already applied on this device"
        )
        self.offered = offered
        self.high_water_mark = high_water_mark
