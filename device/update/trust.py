"""Root's own check of a staged bundle: python-tuf's Updater over the staged files, with root's
trusted metadata (/var/lib/kiosk-update/tuf), never the sync daemon's.

The staged folder belongs to the `kiosk` user, who could have forged anything in it: metadata is
verified from root's last trusted state (signatures, versions, expiry, rollback), the target
against the verified targets metadata (length and sha256) as it is copied into root's folder,
and links are never followed. Root's state starts from the root metadata enrolment wrote
(copied at enrolment, see seed_trust) and follows key rotations from there.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import unquote, urlparse

from tuf.api import exceptions
from tuf.api.metadata import TargetFile
from tuf.ngclient import Updater
from tuf.ngclient.fetcher import FetcherInterface

from atomicfile import write_atomic
from device.update.layout import Layout
from device.update.target import SOFTWARE_TARGET, signed_version
from sync.tuf_session import UPDATER_CONFIG

logger = logging.getLogger(__name__)

CHUNK_BYTES = 1024 * 1024
MAX_ROOT_BYTES = 512_000


class UntrustedUpdateError(Exception):
    """The staged update does not verify against root's trusted metadata."""


@dataclass(frozen=True)
class VerifiedBundle:
    version: str
    tarball: Path
    """Root's own copy, hash-checked: the one to unpack."""
    info: TargetFile


class StagedFetcher(FetcherInterface):
    """Reads `file://` URLs in the staged folder; refuses links; a missing file is a 404."""

    def _fetch(self, url: str) -> Iterator[bytes]:
        path = Path(unquote(urlparse(url).path))
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        except FileNotFoundError as error:
            raise exceptions.DownloadHTTPError(f"{path.name}: not staged", 404) from error
        except OSError as error:
            raise exceptions.DownloadError(f"{path.name}: {error}") from error
        return self._read(os.fdopen(fd, "rb"))

    @staticmethod
    def _read(handle: IO[bytes]) -> Iterator[bytes]:
        with handle:
            while chunk := handle.read(CHUNK_BYTES):
                yield chunk


def seed_trust(layout: Layout, root_bytes: bytes) -> None:
    """Start root's trust state from `root_bytes` (enrolment's root), forgetting any older one."""
    shutil.rmtree(layout.trust_dir, ignore_errors=True)
    layout.trust_dir.mkdir(parents=True, mode=0o700)
    write_atomic(layout.trust_dir / "root.json", root_bytes, mode=0o600)
    logger.info("update trust state seeded in %s", layout.trust_dir)


def _bootstrap(layout: Layout) -> bytes:
    trusted = layout.trust_dir / "root.json"
    if not trusted.exists():
        # enrolled before updates existed: the root enrolment wrote, on first use
        logger.warning("no update trust state yet: seeding it from %s", layout.enrolled_root)
        try:
            seed_trust(layout, layout.enrolled_root.read_bytes()[:MAX_ROOT_BYTES])
        except OSError as error:
            raise UntrustedUpdateError(f"no trusted root: {error}; enrol the device") from error
    return trusted.read_bytes()


def verify_staged(layout: Layout, work: Path, max_bytes: int) -> VerifiedBundle:
    """Verify the staged bundle; return root's hash-checked copy of it in `work`."""
    staged = layout.staged_dir
    for folder in (staged, staged / "metadata", staged / "targets", staged / "targets/software"):
        if folder.is_symlink():
            raise UntrustedUpdateError(f"{folder} is a link; the staged files are not trusted")
    try:
        updater = Updater(
            metadata_dir=str(layout.trust_dir),
            metadata_base_url=(staged / "metadata").as_uri() + "/",
            target_base_url=(staged / "targets").as_uri() + "/",
            fetcher=StagedFetcher(),
            config=UPDATER_CONFIG,
            bootstrap=_bootstrap(layout),
        )
        updater.refresh()
        info = updater.get_targetinfo(SOFTWARE_TARGET)
        if info is None:
            raise UntrustedUpdateError("the staged metadata names no software")
        version = signed_version(info)
        if info.length > max_bytes:
            raise UntrustedUpdateError(f"software {version}: {info.length} bytes; most {max_bytes}")
        work.mkdir(parents=True, exist_ok=True, mode=0o700)
        tarball = Path(updater.download_target(info, str(work / "kiosk.tar.gz")))
    except exceptions.RepositoryError as error:
        raise UntrustedUpdateError(f"{type(error).__name__}: {error}") from error
    except exceptions.DownloadError as error:
        raise UntrustedUpdateError(f"{type(error).__name__}: {error}") from error
    return VerifiedBundle(version, tarball, info)
