"""The authoring folder <-> the desk's tables, byte for byte.

Import takes every file of the folder: `articles/<id>/<lang>.md` become translations (approved
as they stand, since the folder was the published truth), everything else is kept as a file.
Export writes them back; by default each translation's approved text, so the folder is what
would be published.
"""

from __future__ import annotations

import logging
from pathlib import Path

from catalog import LANGUAGES
from hub.desk.store import DeskStore
from hub.sourcefile import MAX_SOURCE_BYTES, ContentError

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 8 * 1024 * 1024


def translation_key(relative: str) -> tuple[str, str] | None:
    """(article, lang) when the path is an article's translation file."""
    parts = relative.split("/")
    if len(parts) == 3 and parts[0] == "articles" and parts[2].endswith(".md"):
        lang = parts[2].removesuffix(".md")
        if lang in LANGUAGES:
            return parts[1], lang
    return None


def source_language(langs: set[str]) -> str:
    """The language an imported article is written in: Vietnamese, else English, else any."""
    return next((lang for lang in ("vi", "en", *LANGUAGES) if lang in langs), "vi")


def import_folder(store: DeskStore, folder: Path, username: str) -> int:
    """Replace the desk's content with the folder's; returns the number of articles."""
    folder = Path(folder)
    if not (folder / "gates.yaml").is_file():
        raise ContentError([f"{folder / 'gates.yaml'}:1: missing: is this an authoring folder?"])
    files: dict[str, bytes] = {}
    texts: list[tuple[str, str, str]] = []
    problems: list[str] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        data = path.read_bytes()
        key = translation_key(relative)
        if key is None:
            if len(data) > MAX_FILE_BYTES:
                problems.append(f"{path}:1: larger than {MAX_FILE_BYTES} bytes")
            files[relative] = data
            continue
        if len(data) > MAX_SOURCE_BYTES:
            problems.append(f"{path}:1: larger than {MAX_SOURCE_BYTES} bytes")
            continue
        try:
            texts.append((*key, data.decode("utf-8")))
        except UnicodeDecodeError as error:
            problems.append(f"{path}:1: not UTF-8 text ({error.reason})")
    if problems:
        raise ContentError(problems)
    langs: dict[str, set[str]] = {}
    for path in files:
        parts = path.split("/")
        if len(parts) == 3 and parts[0] == "articles" and parts[2] == "article.yaml":
            langs.setdefault(parts[1], set())
    for article, lang, _ in texts:
        langs.setdefault(article, set()).add(lang)
    articles = {article: source_language(found) for article, found in langs.items()}
    store.replace_all(files, articles, texts, username)
    logger.info("imported %s: %d articles, %d files", folder, len(articles), len(files))
    return len(articles)


def export_folder(store: DeskStore, folder: Path, drafts: bool = False) -> int:
    """Write the desk's content as an authoring folder (which must be empty or new); with
    `drafts`, each translation's newest text instead of its approved one. Returns files written."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise ContentError([f"{folder}:1: not empty; export into a new folder"])
    written = 0
    for relative, data in store.files().items():
        written += _write(folder, relative, data)
    for item in store.translations():
        if drafts or item.approved_revision == item.revision:
            text = item.text
        elif item.approved_revision is not None:
            approved = store.revision(item.article, item.lang, item.approved_revision)
            text = approved.text if approved else ""
        else:
            continue
        written += _write(folder, f"articles/{item.article}/{item.lang}.md", text.encode())
    return written


def _write(folder: Path, relative: str, data: bytes) -> int:
    target = (folder / relative).resolve()
    if folder.resolve() not in target.parents:
        raise ContentError([f"{relative}:1: path leaves the folder"])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return 1
