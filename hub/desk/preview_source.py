"""What the desk's preview draws: the channel compiled from the desk's working content (every
translation's newest text, and settings and pictures waiting for review), with the article's
picture, so staff see a draft as the kiosk will draw it before anyone publishes it."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from hub.desk.file_changes import FileChanges
from hub.desk.folder import export_folder
from hub.desk.store import DeskStore
from hub.staff.routes_preview import PreviewContent, folder_preview

logger = logging.getLogger(__name__)


def desk_preview(
    store: DeskStore, changes: FileChanges, channel: str, article: str
) -> PreviewContent | None:
    with tempfile.TemporaryDirectory(prefix="desk-preview-") as scratch:
        folder = Path(scratch) / "content"
        export_folder(store, folder, drafts=True)
        for change in changes.pending():  # oldest first: the newest proposal wins
            target = (folder / change.path).resolve()
            if folder.resolve() in target.parents:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(change.data)
        return folder_preview(folder, channel, article)
