"""What an attacker who holds some keys, or sits on the network, can serve: signed by the hub's
own keys where the attack needs them (an online timestamp key is the likeliest to leak)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from securesystemslib.signer import Signer
from tuf.api.metadata import Metadata, MetaFile
from tuf.api.serialization.json import JSONSerializer

from catalog.targets import asset_target, catalog_target, database_target, patch_target
from tests.sync.hubkit import Publisher


def resign(path: Path, signer: Signer, change: Callable[[object], None], out: Path | None = None):
    metadata = Metadata.from_file(str(path))
    change(metadata.signed)
    metadata.signatures.clear()
    metadata.sign(signer)
    data = metadata.to_bytes(JSONSerializer(compact=True))
    (out or path).write_bytes(data)
    return metadata


def served_target(publisher: Publisher, target_path: str) -> Path:
    info = publisher.repository.targets().signed.targets[target_path]
    folder, _, name = target_path.rpartition("/")
    return publisher.repository_dir / "targets" / folder / f"{info.hashes['sha256']}.{name}"


def served_catalog(publisher: Publisher) -> Path:
    return served_target(publisher, catalog_target(publisher.channel))


def served_database(publisher: Publisher) -> Path:
    return served_target(publisher, database_target(publisher.channel))


def served_patch(publisher: Publisher, base_version: int) -> Path:
    return served_target(publisher, patch_target(publisher.channel, base_version))


def served_asset(publisher: Publisher, sha256: str) -> Path:
    return served_target(publisher, asset_target(sha256))


def flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def meta_for(path: Path, version: int) -> MetaFile:
    data = path.read_bytes()
    return MetaFile(version, len(data), {"sha256": hashlib.sha256(data).hexdigest()})
