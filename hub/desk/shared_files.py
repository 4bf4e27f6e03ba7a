"""The channel-wide authoring files the desk edits as text: topics (tiles), contacts (phone
numbers) and gates (each gate's language order and fallback chain). A change is kept only when
every channel still compiles with it, so every rule of the compiler applies on every save."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from hub.compiler import compile_channel, list_channels
from hub.desk.folder import export_folder
from hub.desk.store import DeskStore
from hub.desk.texts import BIDI_CONTROLS
from hub.sourcefile import MAX_SOURCE_BYTES, ContentError

logger = logging.getLogger(__name__)

SHARED_FILES = ("topics.yaml", "contacts.yaml", "gates.yaml")


def check_shared_file(store: DeskStore, name: str, text: str) -> list[str]:
    """Problems with `text` as the new `name`, as `name:line: problem`; empty when it is good."""
    if len(text.encode()) > MAX_SOURCE_BYTES:
        return [f"{name}:1: larger than {MAX_SOURCE_BYTES} bytes"]
    if BIDI_CONTROLS.search(text) or "\x00" in text:
        return [f"{name}:1: contains invisible direction-override or NUL characters"]
    with tempfile.TemporaryDirectory(prefix="desk-shared-") as folder:
        root = Path(folder) / "content"
        export_folder(store, root, drafts=False)
        (root / name).write_text(text, encoding="utf-8")
        problems: list[str] = []
        try:
            channels = list_channels(root)
        except ContentError as error:
            return _relative(error.problems, root)
        if not channels:
            return [f"{name}:1: no gate left; the kiosks need at least one"]
        for channel in channels:
            try:
                compile_channel(root, channel)
            except ContentError as error:
                problems.extend(p for p in _relative(error.problems, root) if p not in problems)
        return problems


def _relative(problems: list[str], root: Path) -> list[str]:
    prefix = f"{root}/"
    return [problem.replace(prefix, "") for problem in problems]
