"""A channel's content database, built once on the hub so kiosks download it instead of building it.

Each publish of a changed catalog packages it as:
- `content.db.zst`: the content database a kiosk installs as it is (cache.database), compressed
  with zstd (unpacked in a third of the time gzip would take on the kiosk's processor);
- `assets.json`: the sorted sha256 of every asset it refers to, so a kiosk can start fetching
  images before the database has arrived.

The database target's signed `custom` field says what the file holds: its layout (`schema`),
channel, content version, and the length and sha256 of the database once unpacked, so a kiosk
caps the unpacked bytes as TUF caps the downloaded ones, and checks a database it rebuilt from a
patch (hub.publishing.delta) against the signed full one. Packages live in
`<data_dir>/packages/<channel>/`, named by the catalog's hash, and are rebuilt only when the
catalog or the layout changes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import catalog
from cache.database import SCHEMA, build_database, compact, inspect_database

logger = logging.getLogger(__name__)

ZSTD_LEVEL = 9
"""Compression level: 19 saves another 15% but takes a minute per channel to publish."""
ZSTD_WINDOW_LOG = 22
"""At most a 4 MiB window, so a kiosk unpacks with little memory (it refuses larger ones)."""


@dataclass(frozen=True)
class ChannelPackage:
    database: Path
    manifest: bytes
    custom: dict[str, Any]


def package_channel(data_dir: Path, channel: str, document: bytes) -> ChannelPackage:
    """The packaged database and manifest for the published catalog `document` of `channel`."""
    folder = data_dir / "packages" / channel
    key = hashlib.sha256(document + SCHEMA.encode()).hexdigest()[:32]
    database, described = folder / f"{key}.content.db.zst", folder / f"{key}.json"
    if not (database.exists() and described.exists()):
        _build(folder, key, document)
    for old in folder.iterdir():
        if not old.name.startswith(key):
            old.unlink(missing_ok=True)
    saved = json.loads(described.read_text())
    return ChannelPackage(database, json.dumps(saved["assets"]).encode(), saved["custom"])


def _build(folder: Path, key: str, document: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    content = catalog.load(document)
    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        built, compacted = Path(scratch) / "built.db", Path(scratch) / "content.db"
        build_database(built, content)
        compact(built, compacted)
        info = inspect_database(compacted)
        length = _compress(compacted, Path(scratch) / "content.db.zst")
        custom = {
            "schema": SCHEMA,
            "channel": info.channel,
            "content_version": info.content_version,
            "database_length": length,
            "database_sha256": _sha256(compacted),
        }
        description = {"custom": custom, "assets": sorted(info.asset_ids)}
        (Path(scratch) / "content.json").write_text(json.dumps(description))
        (Path(scratch) / "content.db.zst").replace(folder / f"{key}.content.db.zst")
        (Path(scratch) / "content.json").replace(folder / f"{key}.json")
    logger.info(
        "%s: content version %d packaged (%d bytes unpacked)",
        info.channel,
        info.content_version,
        length,
    )


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _compress(source: Path, target: Path) -> int:
    """Compress `source` into `target` (one zstd frame that records its size); its length."""
    import zstandard

    data = source.read_bytes()
    params = zstandard.ZstdCompressionParameters.from_level(
        ZSTD_LEVEL, window_log=ZSTD_WINDOW_LOG, write_content_size=True, write_checksum=True
    )
    target.write_bytes(zstandard.ZstdCompressor(compression_params=params).compress(data))
    return len(data)
