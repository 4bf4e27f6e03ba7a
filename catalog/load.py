"""Reading and writing catalog documents, with errors that name the field and the article."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pydantic import ValidationError

from catalog.model import MAX_CATALOG_BYTES, Catalog


class CatalogError(ValueError):
    """A catalog document is malformed, oversized or breaks the contract."""


def load(data: bytes | str) -> Catalog:
    """Parse and validate a catalog document. Raises CatalogError, never anything else.

    A valid document is parsed and validated in one pass inside pydantic-core. A document that
    fails that pass is read again the slow way, only to describe its problems (by article id).
    """
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if len(raw) > MAX_CATALOG_BYTES:
        raise CatalogError(f"catalog is {len(raw)} bytes; at most {MAX_CATALOG_BYTES} allowed")
    try:
        with paused_gc():
            return Catalog.model_validate_json(raw)
    except ValidationError:
        pass
    except RecursionError as error:
        raise CatalogError("catalog JSON is nested too deeply") from error
    try:
        document = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CatalogError(f"catalog is not valid JSON: {error}") from error
    except RecursionError as error:
        raise CatalogError("catalog JSON is nested too deeply") from error
    return from_document(document)


def from_document(document: Any) -> Catalog:
    if not isinstance(document, dict):
        raise CatalogError("catalog must be a JSON object")
    try:
        with paused_gc():
            return Catalog.model_validate(document)
    except ValidationError as error:
        raise CatalogError(describe(error, document)) from error


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while a large catalog is built or written.

    A 10,000-article catalog is millions of objects, none of them in reference cycles; the
    collector's passes over them while they are being made cost more than the parsing itself.
    Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def dump(catalog: Catalog) -> bytes:
    """Serialise a catalog canonically (sorted keys, UTF-8), so equal catalogs hash equal."""
    document = catalog.model_dump(mode="json", exclude_defaults=False)
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def describe(error: ValidationError, document: dict[str, Any]) -> str:
    """One line per problem: the article (or topic, contact) by id, then the field path."""
    lines = []
    for problem in error.errors(include_url=False):
        lines.append(f"{_where(problem['loc'], document)}: {problem['msg']}")
    return "\n".join(lines)


def _where(loc: tuple[int | str, ...], document: dict[str, Any]) -> str:
    """Turn ('articles', 3, 'translations', 'km', 'title') into "article 'visa' > translations > km > title"."""
    parts: list[str] = []
    node: Any = document
    for key in loc:
        if isinstance(key, int) and isinstance(node, list) and 0 <= key < len(node):
            node = node[key]
            item_id = node.get("id") if isinstance(node, dict) else None
            container = parts.pop() if parts else "item"
            singular = container[:-1] if container.endswith("s") else container
            parts.append(
                f"{singular} {item_id!r}" if isinstance(item_id, str) else f"{singular} #{key}"
            )
            continue
        parts.append(str(key))
        node = node.get(key) if isinstance(node, dict) else None
    return " > ".join(parts) or "catalog"
