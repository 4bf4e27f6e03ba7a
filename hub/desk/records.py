"""What the desk store hands out: articles, translations with their review state, revisions."""

from __future__ import annotations

from dataclasses import dataclass

STATUSES = ("missing", "draft", "review", "approved", "stale")
"""A translation's state; `missing` has no row at all."""


@dataclass(frozen=True)
class Translation:
    article: str
    lang: str
    revision: int
    status: str
    text: str
    edited_by: str
    edited_at: str
    source_revision: int | None
    """The source language's revision this translation was last saved against."""
    approved_revision: int | None
    approved_by: str | None


@dataclass(frozen=True)
class Revision:
    article: str
    lang: str
    revision: int
    text: str
    edited_by: str
    edited_at: str
    note: str


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    username: str
    action: str
    article: str | None
    lang: str | None
    detail: str
