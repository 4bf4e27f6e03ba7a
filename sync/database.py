"""Fetching the channel's packaged content database (hub.publishing.package) into a draft of content.db.

The download is zstd: TUF signs the compressed bytes (length and sha256), and the target's
signed `custom` field gives the length of the database once unpacked. Both lengths are capped
while the bytes arrive, and unpacking writes through the cap as it goes, so neither endless data
nor a small file that unpacks without end can fill the disk or the memory. The compressed bytes
are hash-checked, so a file that differs by one bit is never installed; unpacking is
deterministic, so the unpacked bytes are then exactly the hub's.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import zstandard
from pydantic import TypeAdapter, ValidationError
from tuf.api import exceptions
from tuf.api.metadata import TargetFile

from catalog.model import Sha256
from sync.fetcher import HubFetcher, check_target
from sync.outcome import RejectedError

logger = logging.getLogger(__name__)

_MANIFEST = TypeAdapter(list[Sha256])
_SHA256 = TypeAdapter(Sha256)
MAX_WINDOW_BYTES = 1 << 25
"""The largest zstd window a kiosk accepts (the hub uses 4 MiB): bounds unpacking memory."""
WRITE_BYTES = 1 << 20


@dataclass(frozen=True)
class Packaged:
    """What the signed custom field of a database target promises."""

    schema: str
    channel: str
    content_version: int
    database_length: int
    database_sha256: str | None = None
    """The unpacked database's sha256 (hubs before small updates do not sign it)."""


@dataclass(frozen=True)
class DatabaseOffer:
    """The channel's database target, its asset list's target, and what the hub signed of it."""

    database: TargetFile
    manifest: TargetFile
    described: Packaged


def packaged(info: TargetFile) -> Packaged:
    """The database target's signed description; RejectedError when it is malformed."""
    custom = info.custom
    try:
        described = Packaged(
            schema=_typed(custom, "schema", str),
            channel=_typed(custom, "channel", str),
            content_version=_typed(custom, "content_version", int),
            database_length=_typed(custom, "database_length", int),
            database_sha256=_sha256_or_none(custom.get("database_sha256")),
        )
    except (KeyError, TypeError, ValidationError) as error:
        raise RejectedError(f"{info.path}: signed description unusable: {error}") from error
    if described.database_length <= 0:
        raise RejectedError(f"{info.path}: signed description unusable: {custom}")
    return described


def _sha256_or_none(value: object) -> str | None:
    if value is None:
        return None
    return _SHA256.validate_python(value)


def _typed(custom: dict, key: str, kind: type) -> object:
    value = custom[key]
    if not isinstance(value, kind) or isinstance(value, bool):
        raise TypeError(f"{key} is not {kind.__name__}")
    return value


def parse_manifest(data: bytes) -> set[str]:
    """The asset list of a channel (a JSON list of sha256); RejectedError when malformed."""
    try:
        return set(_MANIFEST.validate_json(data))
    except ValidationError as error:
        raise RejectedError(f"asset list is not a list of sha256: {error}") from error


class CappedFile:
    """A file that refuses to grow past `cap` bytes."""

    def __init__(self, handle: IO[bytes], cap: int, url: str) -> None:
        self.handle, self.cap, self.url = handle, cap, url
        self.written = 0

    def write(self, data: bytes) -> int:
        self.written += len(data)
        if self.written > self.cap:
            raise exceptions.LengthOrHashMismatchError(
                f"{self.url}: unpacks past the {self.cap} signed bytes"
            )
        return self.handle.write(data)


def fetch_database(
    fetcher: HubFetcher, url: str, info: TargetFile, described: Packaged, draft: Path
) -> None:
    """Download and unpack the database into `draft`: both lengths capped, the download
    hash-checked. The caller syncs the draft when it installs it."""
    digest = hashlib.sha256()
    received = 0
    unpacking = zstandard.ZstdDecompressor(max_window_size=MAX_WINDOW_BYTES)
    with draft.open("wb") as out:
        capped = CappedFile(out, described.database_length, url)
        try:
            with unpacking.stream_writer(capped, write_size=WRITE_BYTES, closefd=False) as unpack:
                for chunk in fetcher.fetch(url):
                    received += len(chunk)
                    if received > info.length:
                        raise exceptions.DownloadLengthMismatchError(
                            f"{url}: more than the {info.length} signed bytes"
                        )
                    digest.update(chunk)
                    unpack.write(chunk)
        except zstandard.ZstdError as error:
            raise exceptions.LengthOrHashMismatchError(f"{url}: {error}") from error
        check_target(info, received, digest.hexdigest())
        if capped.written != described.database_length:
            raise exceptions.LengthOrHashMismatchError(
                f"{url}: unpacked to {capped.written} bytes; signed: {described.database_length}"
            )
    logger.info("content database downloaded: %d bytes, %d unpacked", received, capped.written)
