"""Unpacking a verified bundle tarball safely, beside the running release.

tarfile's `data` filter refuses absolute paths, `..`, links that leave the tree, devices and
set-uid bits; on top of that every member must sit in the `kiosk/` folder and the files must
not unpack to more than a cap. The result is checked (an executable `kiosk`, and a VERSION
saying the signed version) before it is renamed into place.
"""

from __future__ import annotations

import logging
import os
import shutil
import tarfile
from pathlib import Path

logger = logging.getLogger(__name__)

TOP = "kiosk"


class BadBundleError(Exception):
    """The signed tarball is not a usable kiosk bundle of the signed version."""


def unpack(tarball: Path, scratch: Path, version: str, max_bytes: int) -> Path:
    """Unpack into `scratch` (made afresh); the checked bundle folder inside it."""
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True, mode=0o755)
    try:
        with tarfile.open(tarball, "r:gz") as archive:
            members = archive.getmembers()
            _check_members(members, max_bytes)
            archive.extractall(scratch, members=members, filter="data")
    except tarfile.FilterError as error:
        raise BadBundleError(f"unsafe tarball: {error}") from error
    except (tarfile.TarError, EOFError) as error:
        raise BadBundleError(f"unreadable tarball: {error}") from error
    bundle = scratch / TOP
    _check_bundle(bundle, version)
    return bundle


def _check_members(members: list[tarfile.TarInfo], max_bytes: int) -> None:
    total = 0
    for member in members:
        name = member.name.removeprefix("./")
        if name != TOP and not name.startswith(TOP + "/"):
            raise BadBundleError(f"unsafe tarball: {member.name!r} is outside {TOP}/")
        total += max(member.size, 0)
        if total > max_bytes:
            raise BadBundleError(f"the tarball unpacks to more than {max_bytes} bytes")


def _check_bundle(bundle: Path, version: str) -> None:
    executable = bundle / TOP
    if executable.is_symlink() or not executable.is_file() or not os.access(executable, os.X_OK):
        raise BadBundleError(f"no executable {TOP}/{TOP} in the tarball")
    stamp = bundle / "_internal" / "VERSION"
    try:
        found = stamp.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as error:
        raise BadBundleError(f"no {TOP}/_internal/VERSION: {error}") from error
    if found != version:
        raise BadBundleError(f"the tarball's VERSION says {found!r}; signed as {version!r}")
