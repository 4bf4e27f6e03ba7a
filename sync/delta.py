"""Small updates: rebuild the new content database from the one in place and a signed patch.

The hub signs, beside each channel's full database, zstd patches from its last few versions
(hub.publishing.delta). When one starts from the exact file this kiosk holds (its signed
`base_sha256`), the kiosk downloads that patch through python-tuf (`Updater.download_target`
checks its signed length and hashes), unpacks it with the database in place as the dictionary,
and checks the result's length and sha256 against the signed full database before the usual
install swaps it in. Anything else (no patch, another base, a bad or short patch, a result that
differs) raises DeltaError, and the caller downloads the whole database instead.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

import zstandard
from tuf.api.metadata import TargetFile
from tuf.ngclient import Updater

from catalog.targets import patch_target
from sync.database import CappedFile, Packaged

logger = logging.getLogger(__name__)

MAX_PATCH_WINDOW_BYTES = 1 << 27
"""The largest window a kiosk accepts in a patch (it spans the old database): 128 MiB."""
WRITE_BYTES = 1 << 20
LAST_DELTA_KEY = "sync.last_delta"
"""Device state: how the last new content arrived (by patch, or whole and why no patch)."""
FALLBACKS_KEY = "sync.patch_fallbacks"
"""Device state: patches in a row that were offered but failed (the heartbeat reports it)."""


class DeltaError(Exception):
    """No usable patch: the caller downloads the whole database."""


@dataclass(frozen=True)
class PatchOffer:
    info: TargetFile
    base_version: int


def patch_offer(
    updater: Updater, channel: str, base_version: int | None, described: Packaged
) -> PatchOffer:
    """The signed patch from `base_version` to the offered database; DeltaError when none fits."""
    if base_version is None:
        raise DeltaError("no content in place to patch")
    if not described.database_sha256:
        raise DeltaError("the hub signs no sha256 of the unpacked database")
    info = updater.get_targetinfo(patch_target(channel, base_version))
    if info is None:
        raise DeltaError(f"no patch from version {base_version} (too old a base, or none made)")
    custom = info.custom
    promised = (custom.get("content_version"), custom.get("database_sha256"))
    if promised != (described.content_version, described.database_sha256):
        raise DeltaError(f"the patch from version {base_version} leads elsewhere")
    return PatchOffer(info, base_version)


def apply_patch(
    updater: Updater, offer: PatchOffer, base: Path, draft: Path, described: Packaged
) -> int:
    """Download the patch (TUF-verified), write the patched database into `draft`, check it.

    Returns the patch's length. Raises DeltaError (or an OSError from a full disk)."""
    base_bytes = base.read_bytes()
    if hashlib.sha256(base_bytes).hexdigest() != offer.info.custom.get("base_sha256"):
        raise DeltaError(
            f"the database in place is not the patch's base (version {offer.base_version})"
        )
    staged = draft.with_name(draft.name + ".patch")
    try:
        try:
            updater.download_target(offer.info, str(staged))
        except Exception as error:
            raise DeltaError(f"patch download refused: {error}") from error
        written = _unpack(staged, base_bytes, draft, described)
    finally:
        staged.unlink(missing_ok=True)
    if written != described.database_length or _sha256(draft) != described.database_sha256:
        raise DeltaError("the patched database differs from the signed one")
    logger.info(
        "content version %d rebuilt from version %d and a %d byte patch",
        described.content_version,
        offer.base_version,
        offer.info.length,
    )
    return offer.info.length


def _unpack(patch: Path, base: bytes, draft: Path, described: Packaged) -> int:
    dictionary = zstandard.ZstdCompressionDict(base, dict_type=zstandard.DICT_TYPE_RAWCONTENT)
    unpacking = zstandard.ZstdDecompressor(
        dict_data=dictionary, max_window_size=MAX_PATCH_WINDOW_BYTES
    )
    with draft.open("wb") as out, patch.open("rb") as source:
        capped = CappedFile(out, described.database_length, str(patch.name))
        try:
            with unpacking.stream_writer(capped, write_size=WRITE_BYTES, closefd=False) as sink:
                while chunk := source.read(WRITE_BYTES):
                    sink.write(chunk)
        except zstandard.ZstdError as error:
            raise DeltaError(f"the patch does not unpack: {error}") from error
        except Exception as error:
            if isinstance(error, OSError):
                raise
            raise DeltaError(f"the patch does not unpack: {error}") from error
    return capped.written


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
