"""Authoring folder -> one validated catalog per gate channel.

Problems are collected, not raised one at a time, so an author sees every `file:line: problem`
in one run. Missing translations are not problems: they show in the coverage table.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from catalog import LANGUAGES, Catalog, CatalogError
from catalog.load import from_document
from catalog.model import MAX_ASSET_BYTES, Contact, Gate, LanguageOffer, Topic, Translation
from catalog.qrlink import article_key
from hub.authoring.synonyms import load_synonyms
from hub.markdown import to_blocks
from hub.segment import break_offsets
from hub.sourcefile import ContentError, Located, MarkdownFile, load_markdown, load_yaml

logger = logging.getLogger(__name__)

_FRONT_MATTER_KEYS = {
    "title", "summary", "source", "source_url", "as_of", "review_by", "takeaway_url",
}  # fmt: skip
_ARTICLE_KEYS = {"topic", "priority", "gates", "featured", "image"}
_MEDIA_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


@dataclass(frozen=True)
class CompiledChannel:
    catalog: Catalog
    coverage: dict[str, dict[str, bool]]
    """article id -> language -> whether a translation exists."""
    asset_files: dict[str, Path]
    """sha256 -> the image file in the authoring folder."""


def list_channels(content_dir: Path) -> list[str]:
    gates = load_yaml(content_dir / "gates.yaml")
    return [str(gate["id"]) for gate in gates.data or [] if isinstance(gate, dict) and "id" in gate]


def compile_channel(
    content_dir: Path,
    channel: str,
    content_version: int = 1,
    generated_at: datetime | None = None,
) -> CompiledChannel:
    problems: list[str] = []
    gates = load_yaml(content_dir / "gates.yaml")
    gate_index = _find_gate(gates, channel, problems)
    if gate_index is None:
        raise ContentError(problems)
    gate_doc = gates.data[gate_index]
    topics = _validated_list(load_yaml(content_dir / "topics.yaml"), Topic, problems)
    contacts = _contacts(load_yaml(content_dir / "contacts.yaml"), channel, problems)
    topic_ids = {topic["id"] for topic in topics}
    articles: list[dict[str, Any]] = []
    coverage: dict[str, dict[str, bool]] = {}
    asset_files: dict[str, Path] = {}
    for folder in sorted(p for p in (content_dir / "articles").iterdir() if p.is_dir()):
        article = _article(folder, channel, topic_ids, content_dir, asset_files, problems)
        if article is not None:
            articles.append(article)
            coverage[article["id"]] = {lang: lang in article["translations"] for lang in LANGUAGES}
    _shared_qr_codes(content_dir / "articles", [article["id"] for article in articles], problems)
    document = {
        "channel": channel,
        "content_version": content_version,
        "generated_at": (generated_at or datetime.now(UTC)).isoformat(),
        "gate": {key: gate_doc.get(key) for key in Gate.model_fields},
        "languages": gate_doc.get("languages"),
        "topics": topics,
        "articles": articles,
        "contacts": contacts,
        "synonyms": load_synonyms(content_dir, problems),
        "assets": [_asset(sha, path) for sha, path in sorted(asset_files.items())],
    }
    _check(gates, (gate_index,), Gate, document["gate"], problems)
    for index, offer in enumerate(gate_doc.get("languages") or []):
        _check(gates, (gate_index, "languages", index), LanguageOffer, offer, problems)
    if problems:
        raise ContentError(problems)
    try:
        catalog = from_document(document)
    except CatalogError as error:
        raise ContentError(
            [f"{gates.where(gate_index)}: {line}" for line in str(error).splitlines()]
        ) from error
    return CompiledChannel(catalog, coverage, asset_files)


def _shared_qr_codes(folder: Path, article_ids: list[str], problems: list[str]) -> None:
    """Two articles of a channel whose short QR codes would be the same (rare: 35 bits)."""
    seen: dict[str, str] = {}
    for article_id in article_ids:
        other = seen.setdefault(article_key(article_id), article_id)
        if other != article_id:
            problems.append(
                f"{folder / article_id}: shares its QR code with {other!r}; rename one of them"
            )


def _find_gate(gates: Located, channel: str, problems: list[str]) -> int | None:
    for index, gate in enumerate(gates.data or []):
        if isinstance(gate, dict) and gate.get("id") == channel:
            return index
    known = ", ".join(list_channels(gates.path.parent)) or "none"
    problems.append(f"{gates.path}:1: no gate with id {channel!r} (known: {known})")
    return None


def _check(
    source: Located,
    keys: tuple[str | int, ...],
    model: type[BaseModel],
    value: Any,
    problems: list[str],
) -> bool:
    try:
        model.model_validate(value)
    except ValidationError as error:
        for problem in error.errors(include_url=False):
            field = tuple(part for part in problem["loc"] if isinstance(part, str | int))
            problems.append(
                f"{source.where(*keys, *field)}: {'.'.join(map(str, field)) or 'value'}: {problem['msg']}"
            )
        return False
    return True


def _validated_list(
    source: Located, model: type[BaseModel], problems: list[str]
) -> list[dict[str, Any]]:
    if not isinstance(source.data, list):
        problems.append(f"{source.path}:1: expected a list")
        return []
    return [
        item
        for index, item in enumerate(source.data)
        if _check(source, (index,), model, item, problems)
    ]


def _contacts(source: Located, channel: str, problems: list[str]) -> list[dict[str, Any]]:
    chosen = []
    for index, item in enumerate(source.data or []):
        if not isinstance(item, dict):
            problems.append(f"{source.where(index)}: expected a mapping")
            continue
        gates = item.get("gates", "all")
        if gates != "all" and channel not in (gates or []):
            continue
        contact = {key: value for key, value in item.items() if key != "gates"}
        if isinstance(contact.get("number"), int):
            contact["number"] = str(contact["number"])
        if _check(source, (index,), Contact, contact, problems):
            chosen.append(contact)
    return chosen


def _article(
    folder: Path,
    channel: str,
    topic_ids: set[str],
    content_dir: Path,
    asset_files: dict[str, Path],
    problems: list[str],
) -> dict[str, Any] | None:
    meta_file = folder / "article.yaml"
    if not meta_file.exists():
        problems.append(f"{meta_file}:1: missing (every article folder needs one)")
        return None
    meta = load_yaml(meta_file)
    data = meta.data if isinstance(meta.data, dict) else {}
    gates = data.get("gates", "all")
    if gates != "all" and channel not in (gates or []):
        return None
    for key in sorted(set(data) - _ARTICLE_KEYS):
        problems.append(f"{meta.where(key)}: unknown key {key!r}")
    if data.get("topic") not in topic_ids:
        problems.append(f"{meta.where('topic')}: unknown topic {data.get('topic')!r}")
    article: dict[str, Any] = {
        "id": folder.name,
        "topic": data.get("topic"),
        "priority": data.get("priority", 100),
        "featured": bool(data.get("featured", False)),
        "translations": {},
    }
    if data.get("image"):
        image = (content_dir / str(data["image"])).resolve()
        if not image.is_file() or content_dir.resolve() not in image.parents:
            problems.append(
                f"{meta.where('image')}: image {data['image']!r} not found in the content folder"
            )
        else:
            article["image"] = hashlib.sha256(image.read_bytes()).hexdigest()
            asset_files[article["image"]] = image
    for lang in LANGUAGES:
        path = folder / f"{lang}.md"
        if path.exists():
            translation = _translation(load_markdown(path), lang, problems)
            if translation is not None:
                article["translations"][lang] = translation
    if not article["translations"]:
        problems.append(f"{folder}: no translation at all (add at least one <lang>.md)")
        return None
    return article


def check_translation(source: MarkdownFile, lang: str) -> list[str]:
    """Every problem the compiler would report in one translation file (for the desk's saves)."""
    problems: list[str] = []
    _translation(source, lang, problems)
    return problems


def _translation(source: MarkdownFile, lang: str, problems: list[str]) -> dict[str, Any] | None:
    meta = source.meta
    for key in sorted(set(meta) - _FRONT_MATTER_KEYS):
        problems.append(f"{source.where(key)}: unknown front matter key {key!r}")
    blocks = to_blocks(source.body, source.body_line)
    title = str(meta.get("title", ""))
    summary = str(meta.get("summary", "") or "")
    value: dict[str, Any] = {
        "title": title,
        "title_breaks": break_offsets(title, lang),
        "summary": summary,
        "summary_breaks": break_offsets(summary, lang),
        "body": [
            {
                "kind": block.kind,
                "spans": block.spans,
                "breaks": break_offsets(block.plain_text, lang),
            }
            for block in blocks
        ],
        "source": {"name": meta.get("source"), "url": meta.get("source_url")},
        "as_of": meta.get("as_of"),
    }
    if meta.get("takeaway_url"):
        value["takeaway_url"] = meta["takeaway_url"]
    try:
        Translation.model_validate(value)
    except ValidationError as error:
        for problem in error.errors(include_url=False):
            problems.append(
                f"{_translation_where(source, problem['loc'], blocks)}: {_field(problem['loc'])}: {problem['msg']}"
            )
        return None
    return value


def _translation_where(source: MarkdownFile, loc: tuple[Any, ...], blocks: list[Any]) -> str:
    if not loc:
        return source.where()
    if loc[0] == "body" and len(loc) > 1 and isinstance(loc[1], int) and loc[1] < len(blocks):
        return f"{source.path}:{blocks[loc[1]].line}"
    if loc[0] == "source":
        return source.where("source_url" if "url" in loc else "source")
    key = str(loc[0]).removesuffix("_breaks")
    return source.where(key) if key in source.meta_lines else source.where()


def _field(loc: tuple[Any, ...]) -> str:
    names = {("source", "url"): "source_url", ("source", "name"): "source"}
    return names.get(tuple(loc[:2]), ".".join(str(part) for part in loc) or "value")


def _asset(sha256: str, path: Path) -> dict[str, Any]:
    data = path.read_bytes()
    media_type = next(
        (kind for magic, kind in _MEDIA_TYPES.items() if data.startswith(magic)), None
    )
    if media_type is None or len(data) > MAX_ASSET_BYTES:
        raise ContentError(
            [f"{path}:1: images must be PNG or JPEG of at most {MAX_ASSET_BYTES} bytes"]
        )
    return {"sha256": sha256, "media_type": media_type, "size": len(data)}
