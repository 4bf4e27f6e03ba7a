"""Where Debian's PostgreSQL client and server programs are (pg_dump, pg_restore, initdb,
pg_ctl): the newest installed major version, else the PATH."""

from __future__ import annotations

import shutil
from pathlib import Path


class ToolMissingError(RuntimeError):
    """PostgreSQL's programs are not installed."""


def tool(name: str) -> Path:
    found = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    if found:
        return found[-1]
    on_path = shutil.which(name)
    if on_path:
        return Path(on_path)
    raise ToolMissingError(f"{name} is not installed (Debian: apt-get install postgresql)")
