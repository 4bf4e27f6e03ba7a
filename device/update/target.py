"""The software target as the repository signs it: its path and its signed version."""

from __future__ import annotations

import re

from tuf.api.metadata import TargetFile

from catalog.targets import SOFTWARE_TARGET, SOFTWARE_VERSION_PATTERN

__all__ = ["SOFTWARE_TARGET", "VERSION_PATTERN", "BadTargetError", "signed_version"]

VERSION_PATTERN = re.compile(SOFTWARE_VERSION_PATTERN)


class BadTargetError(Exception):
    """The software target carries no usable signed version."""


def signed_version(info: TargetFile) -> str:
    custom = info.unrecognized_fields.get("custom")
    version = custom.get("version") if isinstance(custom, dict) else None
    if not isinstance(version, str) or not VERSION_PATTERN.match(version):
        raise BadTargetError(f"{info.path}: no usable signed version ({version!r})")
    return version
