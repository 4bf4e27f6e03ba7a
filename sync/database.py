"""Fetching the channel's packaged content database (hub.package) into a draft of content.db.

The download is gzip: TUF signs the compressed bytes (length and sha256), and the target's signed
`custom` field gives the length of the database once inflated. Both lengths are capped while the
bytes arrive, so neither endless data nor a small file that inflates without end can fill the
disk. The compressed bytes are hash-checked, so a file that differs by one bit is never
installed; inflating is deterministic, so the inflated bytes are then exactly the hub's.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from tuf.api import exceptions
from tuf.api.metadata import TargetFile

from sync.fetcher import HubFetcher, check_target
from sync.outcome import RejectedError

logger = logging.getLogger(__name__)

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
GZIP_WBITS = 31
"""zlib's window bits for a gzip stream (header and trailer checked)."""


@dataclass(frozen=True)
class Packaged:
    """What the signed custom field of a database target promises."""

    schema: str
    channel: str
    content_version: int
    inflated_length: int


def packaged(info: TargetFile) -> Packaged:
    """The database target's signed description; RejectedError when it is malformed."""
    custom = info.custom
    try:
        described = Packaged(
            schema=_typed(custom, "schema", str),
            channel=_typed(custom, "channel", str),
            content_version=_typed(custom, "content_version", int),
            inflated_length=_typed(custom, "inflated_length", int),
        )
    except (KeyError, TypeError) as error:
        raise RejectedError(f"{info.path}: signed description unusable: {error}") from error
    if described.inflated_length <= 0:
        raise RejectedError(f"{info.path}: signed description unusable: {custom}")
    return described


def _typed(custom: dict, key: str, kind: type) -> object:
    value = custom[key]
    if not isinstance(value, kind) or isinstance(value, bool):
        raise TypeError(f"{key} is not {kind.__name__}")
    return value


def parse_manifest(data: bytes) -> set[str]:
    """The asset list of a channel (a JSON list of sha256); RejectedError when malformed."""
    try:
        listed = json.loads(data)
    except ValueError as error:
        raise RejectedError(f"asset list unreadable: {error}") from error
    if not isinstance(listed, list) or not all(
        isinstance(item, str) and _SHA256.match(item) for item in listed
    ):
        raise RejectedError("asset list is not a list of sha256")
    return set(listed)


def fetch_database(
    fetcher: HubFetcher, url: str, info: TargetFile, described: Packaged, draft: Path
) -> None:
    """Download and inflate the database into `draft`: both lengths capped, the download
    hash-checked. The caller syncs the draft when it installs it."""
    compressed = hashlib.sha256()
    received = written = 0
    room = described.inflated_length
    inflater = zlib.decompressobj(GZIP_WBITS)
    with draft.open("wb") as out:
        for chunk in fetcher.fetch(url):
            received += len(chunk)
            if received > info.length:
                raise exceptions.DownloadLengthMismatchError(
                    f"{url}: more than the {info.length} signed bytes"
                )
            compressed.update(chunk)
            pending = chunk
            while pending:
                try:
                    data = inflater.decompress(pending, room - written + 1)
                except zlib.error as error:
                    raise exceptions.LengthOrHashMismatchError(f"{url}: {error}") from error
                written += len(data)
                if written > room:
                    raise exceptions.LengthOrHashMismatchError(
                        f"{url}: inflates past the {room} signed bytes"
                    )
                out.write(data)
                pending = inflater.unconsumed_tail
        check_target(info, received, compressed.hexdigest())
        if not inflater.eof or written != room:
            raise exceptions.LengthOrHashMismatchError(
                f"{url}: inflated to {written} bytes; signed: {room} bytes"
            )
    logger.info("content database downloaded: %d bytes, %d inflated", received, written)
