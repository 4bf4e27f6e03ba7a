"""Which TUF root the hub hands an enrolling device: its repository's newest root metadata."""

from __future__ import annotations

import re
from pathlib import Path

from hub.devices.api import NoTrustedRootError

MAX_ROOT_BYTES = 512_000
_VERSIONED = re.compile(r"^([0-9]{1,12})\.root\.json$")


def newest_root_path(repository_dir: Path) -> Path | None:
    """metadata/<N>.root.json with the highest N, else metadata/root.json, else None."""
    metadata = repository_dir / "metadata"
    versions: list[tuple[int, Path]] = []
    if metadata.is_dir():
        for path in metadata.iterdir():
            match = _VERSIONED.match(path.name)
            if match:
                versions.append((int(match.group(1)), path))
    if versions:
        return max(versions)[1]
    plain = metadata / "root.json"
    return plain if plain.is_file() else None


def read_trusted_root(repository_dir: Path, override: Path | None = None) -> bytes:
    """The root's exact bytes. `override` (a settings path) wins over the repository."""
    path = override or newest_root_path(repository_dir)
    if path is None:
        raise NoTrustedRootError(
            f"no TUF root in {repository_dir / 'metadata'}: run `python -m hub keys init` and publish"
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise NoTrustedRootError(f"cannot read the TUF root {path}: {error}") from error
    if len(data) > MAX_ROOT_BYTES:
        raise NoTrustedRootError(f"{path} is larger than {MAX_ROOT_BYTES} bytes")
    return data
