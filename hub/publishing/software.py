"""Publishing the kiosk software itself: `python -m hub publish-software BUNDLE.tar.gz`.

The bundle's tarball (`make bundle` writes it: a `kiosk/` folder holding the `kiosk` executable
and `_internal/VERSION`) becomes one target of the same TUF repository as the content,
`software/kiosk.tar.gz`, with the signed custom field {"version": ...} read from the tarball. It
is signed with the offline top-level targets key, never the hub's delegated (online) key: a hub
that is broken into can publish content, not software. Devices download it, install it beside
the running release and switch to it between sessions (see device.update).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import tarfile
from dataclasses import dataclass
from pathlib import Path

from tuf.api.metadata import Metadata, TargetFile, Targets

from atomicfile import fsync_dir
from catalog.targets import SOFTWARE_TARGET, SOFTWARE_VERSION_PATTERN
from hub.lock import repository_lock
from hub.publishing.repository import EXPIRY, Repository, RepositoryError

VERSION_PATTERN = re.compile(SOFTWARE_VERSION_PATTERN)

logger = logging.getLogger(__name__)

VERSION_MEMBER = "kiosk/_internal/VERSION"
MAX_BUNDLE_BYTES = 1_000_000_000
"""The largest tarball published (the bundle is about 150 MB); devices apply the same cap."""
MAX_VERSION_BYTES = 200


class SoftwareError(RepositoryError):
    """The tarball is not a kiosk bundle that can be published."""


@dataclass(frozen=True)
class SoftwareRelease:
    version: str
    length: int
    sha256: str


def bundle_version(tarball: Path) -> str:
    """The version in the bundle tarball's kiosk/_internal/VERSION."""
    try:
        with tarfile.open(tarball, "r:*") as archive:
            member = archive.getmember(VERSION_MEMBER)
            if not member.isfile() or member.size > MAX_VERSION_BYTES:
                raise SoftwareError(f"{tarball}: {VERSION_MEMBER} is not a small file")
            handle = archive.extractfile(member)
            assert handle is not None
            version = handle.read().decode("utf-8").strip()
    except KeyError as error:
        raise SoftwareError(f"{tarball}: no {VERSION_MEMBER}; is it `make bundle`'s?") from error
    except (OSError, tarfile.TarError, UnicodeDecodeError) as error:
        raise SoftwareError(f"{tarball}: not a readable tarball: {error}") from error
    if not VERSION_PATTERN.match(version):
        raise SoftwareError(f"{tarball}: unusable version {version!r}")
    return version


def publish_software(repository: Repository, data_dir: Path, tarball: Path) -> SoftwareRelease:
    """Sign `tarball` as the software target (top-level targets key), then snapshot and timestamp."""
    try:
        length = tarball.stat().st_size
    except OSError as error:
        raise SoftwareError(f"{tarball}: {error}") from error
    if length > MAX_BUNDLE_BYTES:
        raise SoftwareError(f"{tarball}: {length} bytes; at most {MAX_BUNDLE_BYTES} are published")
    version = bundle_version(tarball)
    signer = repository.keys.signer("targets")
    with repository_lock(data_dir):
        target = _store(repository, tarball, version)
        current = repository.targets().signed
        targets = dict(current.targets)
        targets[SOFTWARE_TARGET] = target
        signed = Targets(
            version=current.version + 1,
            expires=max(current.expires, repository.clock() + EXPIRY["targets"]),
            targets=targets,
            delegations=current.delegations,
        )
        repository.write_role(Metadata(signed), signer)
        repository.write_snapshot_and_timestamp({"targets": signed.version})
    logger.info("software %s published (%d bytes)", version, length)
    return SoftwareRelease(version, length, target.hashes["sha256"])


def _store(repository: Repository, tarball: Path, version: str) -> TargetFile:
    digest = hashlib.sha256()
    with tarball.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    sha256 = digest.hexdigest()
    target = TargetFile(
        tarball.stat().st_size,
        {"sha256": sha256},
        SOFTWARE_TARGET,
        unrecognized_fields={"custom": {"version": version}},
    )
    folder, _, name = SOFTWARE_TARGET.rpartition("/")
    stored = repository.targets_dir / folder / f"{sha256}.{name}"
    if not stored.exists():
        _copy_atomic(tarball, stored)
    return target


def _copy_atomic(source: Path, target: Path) -> None:
    """Copy a large file into the repository: the whole file appears, or none of it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(f".{target.name}.new")
    shutil.copyfile(source, staged)
    staged.chmod(0o644)
    with staged.open("rb") as handle:
        os.fsync(handle.fileno())
    staged.replace(target)
    fsync_dir(target.parent)
