"""Small updates: each channel's content database also as zstd patches against the last few.

A kiosk that holds one of the last `BASES` published databases of its channel downloads a patch
(`channels/<channel>/patches/from-<version>.content.db.zst`) instead of the whole database: zstd
compresses the new database with the old one as its dictionary, so what did not change costs a
few bytes. Patches are ordinary TUF targets; their signed `custom` field is the full database's
(layout, channel, content version, unpacked length and sha256) plus the base's version and
sha256, so the kiosk applies a patch only to the exact file it was made from and checks the
result against the signed full database before it swaps it in.

The hub keeps the packaged databases of the last versions in `<data_dir>/deltas/<channel>/`
(named `<version>.<sha256>.content.db.zst`) with the patches made from them, and makes each
patch once.
"""

from __future__ import annotations

import logging
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import zstandard

import atomicfile
from catalog.targets import patch_target
from hub.publishing.package import ChannelPackage
from hub.publishing.repository import TargetSource

logger = logging.getLogger(__name__)

BASES = 3
"""Patches are made from this many earlier versions: a kiosk up to this many versions behind
moves only what changed; one further behind downloads the whole database."""
PATCH_LEVEL = 12
"""zstd level of a patch (measured on 10,000 articles: level 6 sends 25% more, 19 takes minutes)."""
SEARCH_LOG = 25
"""zstd's hash and chain table sizes (2^25 entries each, 256 MiB while a patch is made): large
enough to find the old database's pages anywhere in it."""
MAX_WINDOW_LOG = 27
"""A patch's window covers its base; kiosks refuse windows over 128 MiB (sync.delta)."""

_BASE_NAME = re.compile(r"^(?P<version>\d+)\.(?P<sha256>[0-9a-f]{64})\.content\.db\.zst$")


@dataclass(frozen=True)
class Base:
    version: int
    sha256: str
    path: Path


def channel_patches(
    data_dir: Path, channel: str, package: ChannelPackage
) -> dict[str, TargetSource]:
    """Target path -> source of every patch that leads to `package` from a kept earlier version."""
    version = package.custom["content_version"]
    digest = package.custom.get("database_sha256")
    if not digest:
        return {}
    folder = data_dir / "deltas" / channel
    folder.mkdir(parents=True, exist_ok=True)
    current = _remember(folder, version, digest, package.database)
    bases = [base for base in _bases(folder) if base.version < version][-BASES:]
    for stale in _bases(folder):
        if stale not in bases and stale.version != version:
            stale.path.unlink(missing_ok=True)
    sources: dict[str, TargetSource] = {}
    wanted = set()
    new_bytes: bytes | None = None
    for base in bases:
        patch = folder / f"{version}-from-{base.version}.patch.zst"
        wanted.add(patch.name)
        if not patch.exists():
            if new_bytes is None:
                new_bytes = _unpack(current.path)
            atomicfile.write_atomic(patch, make_patch(_unpack(base.path), new_bytes))
            logger.info(
                "%s: patch from version %d to %d: %d bytes",
                channel,
                base.version,
                version,
                patch.stat().st_size,
            )
        custom = {**package.custom, "base_version": base.version, "base_sha256": base.sha256}
        sources[patch_target(channel, base.version)] = TargetSource(path=patch, custom=custom)
    for old in folder.glob("*.patch.zst"):
        if old.name not in wanted:
            old.unlink(missing_ok=True)
    return sources


def make_patch(base: bytes, new: bytes) -> bytes:
    """`new` compressed with `base` as its dictionary (zstd's patch-from mode)."""
    window_log = min(max(len(base), len(new), 1 << 10).bit_length(), MAX_WINDOW_LOG)
    params = zstandard.ZstdCompressionParameters.from_level(
        PATCH_LEVEL,
        window_log=window_log,
        hash_log=min(SEARCH_LOG, window_log),
        chain_log=min(SEARCH_LOG, window_log),
        write_content_size=True,
        write_checksum=True,
    )
    dictionary = zstandard.ZstdCompressionDict(base, dict_type=zstandard.DICT_TYPE_RAWCONTENT)
    return zstandard.ZstdCompressor(dict_data=dictionary, compression_params=params).compress(new)


def _remember(folder: Path, version: int, digest: str, database: Path) -> Base:
    path = folder / f"{version}.{digest}.content.db.zst"
    if not path.exists():
        scratch = path.with_suffix(".partial")
        shutil.copyfile(database, scratch)
        scratch.replace(path)
    return Base(version, digest, path)


def _bases(folder: Path) -> list[Base]:
    found = []
    for entry in folder.iterdir():
        match = _BASE_NAME.match(entry.name)
        if match:
            found.append(Base(int(match["version"]), match["sha256"], entry))
    return sorted(found, key=lambda base: base.version)


def _unpack(path: Path) -> bytes:
    return zstandard.ZstdDecompressor().decompress(path.read_bytes())
