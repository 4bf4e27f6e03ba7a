"""A channel's content database, built once on the hub so kiosks download it instead of building it.

Each publish of a changed catalog packages it as:
- `content.db.gz`: the content database a kiosk installs as it is (cache.database), gzip'd;
- `assets.json`: the sorted sha256 of every asset it refers to, so a kiosk can start fetching
  images before the database has arrived.

The database target's signed `custom` field says what the file holds: its layout (`schema`),
channel, content version, and the length of the database once inflated, so a kiosk caps the
inflated bytes as TUF caps the downloaded ones. Packages live in
`<data_dir>/packages/<channel>/`, named by the catalog's hash, and are rebuilt only when the
catalog or the layout changes.
"""

from __future__ import annotations

import gzip
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

GZIP_LEVEL = 6
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class ChannelPackage:
    database: Path
    manifest: bytes
    custom: dict[str, Any]


def package_channel(data_dir: Path, channel: str, document: bytes) -> ChannelPackage:
    """The packaged database and manifest for the published catalog `document` of `channel`."""
    folder = data_dir / "packages" / channel
    key = hashlib.sha256(document + SCHEMA.encode()).hexdigest()[:32]
    database, described = folder / f"{key}.content.db.gz", folder / f"{key}.json"
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
        length = _gzip(compacted, Path(scratch) / "content.db.gz")
        custom = {
            "schema": SCHEMA,
            "channel": info.channel,
            "content_version": info.content_version,
            "inflated_length": length,
        }
        description = {"custom": custom, "assets": sorted(info.asset_ids)}
        (Path(scratch) / "content.json").write_text(json.dumps(description))
        (Path(scratch) / "content.db.gz").replace(folder / f"{key}.content.db.gz")
        (Path(scratch) / "content.json").replace(folder / f"{key}.json")
    logger.info(
        "%s: content version %d packaged (%d bytes inflated)",
        info.channel,
        info.content_version,
        length,
    )


def _gzip(source: Path, target: Path) -> int:
    """Compress `source` into `target` (no name or time in the header); its length."""
    length = 0
    with (
        source.open("rb") as raw,
        target.open("wb") as out,
        gzip.GzipFile(
            filename="", mode="wb", fileobj=out, compresslevel=GZIP_LEVEL, mtime=0
        ) as zipped,
    ):
        while chunk := raw.read(CHUNK):
            length += len(chunk)
            zipped.write(chunk)
    return length
