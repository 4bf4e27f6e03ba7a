"""Serves the signed TUF repository as plain static files: /tuf/metadata/* and /tuf/targets/*.

Nothing here is trusted by the kiosks (TUF verifies every byte), so any static web server or CDN
can serve the same folder instead. No directory listings; only names a publish writes are served.
"""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse

from hub.publishing.keys import DELEGATED_ROLE

_METADATA_NAME = re.compile(
    rf"^(?:[0-9]{{1,12}}\.)?(?:root|targets|snapshot|timestamp|{DELEGATED_ROLE})\.json$"
)
"""Top-level roles and the hub's delegated content role (hub.publishing.delegation)."""
_TARGET_PATH = re.compile(
    r"^(?:channels/[a-z0-9][a-z0-9-]{0,62}|assets|software)/[0-9a-f]{64}\.[A-Za-z0-9._-]{1,80}$"
)
_IMMUTABLE = "public, max-age=31536000, immutable"


def repository_router(repository_dir: Path) -> APIRouter:
    router = APIRouter(prefix="/tuf", tags=["content repository"])
    metadata_dir = repository_dir / "metadata"
    targets_dir = repository_dir / "targets"

    @router.get("/metadata/{name}")
    def metadata(name: str) -> FileResponse:
        if not _METADATA_NAME.match(name):
            raise HTTPException(status_code=404)
        versioned = name[0].isdigit()
        return _file(
            metadata_dir / name, "application/json", _IMMUTABLE if versioned else "no-cache"
        )

    @router.get("/targets/{target_path:path}")
    def target(target_path: str) -> FileResponse:
        if not _TARGET_PATH.match(target_path) or ".." in target_path:
            raise HTTPException(status_code=404)
        media_type = (
            "application/json" if target_path.endswith(".json") else "application/octet-stream"
        )
        return _file(targets_dir / target_path, media_type, _IMMUTABLE)

    return router


def _file(path: Path, media_type: str, cache_control: str) -> FileResponse:
    if not path.is_file():
        raise HTTPException(status_code=404)
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": cache_control})
