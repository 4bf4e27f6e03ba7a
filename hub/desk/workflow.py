"""The desk's review rules, apart from any web page.

A save makes a draft (after every check the compiler makes); an editor submits it for review; a
reviewer other than its last editor approves it (the two-person rule) or rejects it with a
reason. Saving an article's source language marks its other languages stale. Restoring an old
revision saves it as a new draft, which goes through review again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import yaml

from hub.desk.records import Translation
from hub.desk.roles import DeskPowers
from hub.desk.store import DeskStore
from hub.desk.texts import Draft, problems_by_field

logger = logging.getLogger(__name__)


class DeskForbiddenError(Exception):
    """This account may not do that to this article (role, language, province or two-person rule)."""


class DeskStateError(ValueError):
    """The translation is not in a state that allows this step."""


class InvalidDraftError(ValueError):
    """The text breaks a content rule; `problems` maps each field to what is wrong."""

    def __init__(self, problems: dict[str, list[str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in problems.items()))


@dataclass(frozen=True)
class ArticleInfo:
    id: str
    source_lang: str
    meta: dict[str, Any]

    @property
    def gates(self) -> object:
        return self.meta.get("gates", "all")


def article_info(store: DeskStore, article: str) -> ArticleInfo | None:
    source_lang = store.articles().get(article)
    if source_lang is None:
        return None
    raw = store.file(f"articles/{article}/article.yaml") or b""
    try:
        meta = yaml.safe_load(raw.decode("utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError):
        meta = {}
    return ArticleInfo(article, source_lang, meta if isinstance(meta, dict) else {})


def save_draft(
    store: DeskStore, powers: DeskPowers, info: ArticleInfo, lang: str, draft: Draft, based_on: int
) -> int:
    if not powers.may_edit(info.gates, lang, info.source_lang):
        raise DeskForbiddenError
    problems = problems_by_field(draft, lang)
    if problems:
        raise InvalidDraftError(problems)
    source = store.translation(info.id, info.source_lang)
    source_revision = source.revision if source else None
    if lang == info.source_lang:
        source_revision = based_on + 1
    revision = store.save(
        info.id, lang, draft.to_text(), powers.user.username, based_on, source_revision
    )
    if lang == info.source_lang:
        store.mark_stale(info.id, lang)
    return revision


def submit(store: DeskStore, powers: DeskPowers, info: ArticleInfo, lang: str) -> None:
    if not powers.may_edit(info.gates, lang, info.source_lang):
        raise DeskForbiddenError
    _require(store, info, lang, ("draft", "stale"))
    store.set_status(info.id, lang, "review", powers.user.username, "submit")


def approve(store: DeskStore, powers: DeskPowers, info: ArticleInfo, lang: str) -> None:
    current = _review_step(store, powers, info, lang)
    if current.edited_by == powers.user.username:
        raise DeskForbiddenError("the last editor cannot approve their own text")
    store.set_status(info.id, lang, "approved", powers.user.username, "approve")


def reject(store: DeskStore, powers: DeskPowers, info: ArticleInfo, lang: str, reason: str) -> None:
    _review_step(store, powers, info, lang)
    reason = reason.strip()
    if not reason:
        raise InvalidDraftError({"reason": ["say why, so the editor can fix it"]})
    store.set_status(info.id, lang, "draft", powers.user.username, "reject", reason[:1000])


def restore(
    store: DeskStore, powers: DeskPowers, info: ArticleInfo, lang: str, revision: int
) -> int:
    if not powers.may_edit(info.gates, lang, info.source_lang):
        raise DeskForbiddenError
    old = store.revision(info.id, lang, revision)
    current = store.translation(info.id, lang)
    if old is None or current is None:
        raise DeskStateError(f"no revision {revision}")
    source = store.translation(info.id, info.source_lang)
    return store.save(
        info.id, lang, old.text, powers.user.username, current.revision,
        source.revision if source else None, note=f"restored r{revision}",
    )  # fmt: skip


def _review_step(store: DeskStore, powers: DeskPowers, info: ArticleInfo, lang: str) -> Translation:
    if not powers.has("reviewer") or not powers.covers(info.gates):
        raise DeskForbiddenError
    return _require(store, info, lang, ("review",))


def _require(
    store: DeskStore, info: ArticleInfo, lang: str, states: tuple[str, ...]
) -> Translation:
    current = store.translation(info.id, lang)
    if current is None or current.status not in states:
        raise DeskStateError(
            f"{info.id}/{lang} is {current.status if current else 'missing'}, not {' or '.join(states)}"
        )
    return current
