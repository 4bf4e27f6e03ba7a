"""The desk's lists: one row per article with each language's status, filtered as staff ask."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import yaml

from catalog import LANGUAGES
from hub.desk.records import STATUSES
from hub.desk.store import DeskStore
from hub.desk.texts import Draft


@dataclass(frozen=True)
class ListFilter:
    topic: str = ""
    gate: str = ""
    lang: str = ""
    status: str = ""
    due: bool = False

    def keeps(self, row: ArticleRow, today: date) -> bool:
        if self.topic and row.topic != self.topic:
            return False
        if self.gate and row.gates != "all" and self.gate not in (row.gates or []):
            return False
        if self.status and row.statuses.get(self.lang or row.source_lang) != self.status:
            return False
        return not self.due or row.overdue(today)


@dataclass
class ArticleRow:
    id: str
    source_lang: str
    title: str
    topic: str
    gates: object
    statuses: dict[str, str] = field(default_factory=dict)
    review_by: str = ""
    as_of: str = ""
    source: str = ""

    def overdue(self, today: date) -> bool:
        try:
            return date.fromisoformat(self.review_by) < today
        except ValueError:
            return False

    @property
    def gate_list(self) -> list[str]:
        return [] if self.gates == "all" else [str(g) for g in self.gates or []]  # type: ignore[union-attr]


def article_rows(store: DeskStore) -> list[ArticleRow]:
    files = store.files()
    rows: dict[str, ArticleRow] = {}
    for article, source_lang in store.articles().items():
        try:
            meta = yaml.safe_load(files.get(f"articles/{article}/article.yaml", b"") or b"") or {}
        except yaml.YAMLError:
            meta = {}
        meta = meta if isinstance(meta, dict) else {}
        rows[article] = ArticleRow(
            article, source_lang, article, str(meta.get("topic", "")), meta.get("gates", "all"),
            {lang: "missing" for lang in LANGUAGES},
        )  # fmt: skip
    for item in store.translations():
        row = rows.get(item.article)
        if row is None:
            continue
        row.statuses[item.lang] = item.status
        if item.lang == row.source_lang:
            fields = Draft.from_text(item.text).fields
            row.title = fields["title"] or row.id
            row.review_by, row.as_of, row.source = (
                fields["review_by"], fields["as_of"], fields["source"],
            )  # fmt: skip
    return list(rows.values())


def status_counts(rows: list[ArticleRow]) -> dict[str, dict[str, int]]:
    """Language -> status -> articles (the coverage matrix)."""
    counts = {lang: dict.fromkeys(STATUSES, 0) for lang in LANGUAGES}
    for row in rows:
        for lang, status in row.statuses.items():
            counts[lang][status] += 1
    return counts


def overdue_articles(store: DeskStore, today: date) -> list[ArticleRow]:
    """Articles past their review-by date (for the desk and the fleet alerts)."""
    return [row for row in article_rows(store) if row.overdue(today)]
