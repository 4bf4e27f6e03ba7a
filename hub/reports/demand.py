"""Traveller demand: what travellers look at, search for in vain, and find helpful or not."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date

from catalog import LANGUAGES
from catalog.model import Article
from hub.reports.period import Period
from hub.store import HubStore
from hub.store.queries import UsageFilter
from hub.store.records import QueryDemand


@dataclass(frozen=True)
class Pivot:
    """Views of items (topics or articles) by language, most viewed first."""

    rows: list[tuple[str, dict[str, int], int]] = field(default_factory=list)
    """(item id, {lang: views}, total)."""


@dataclass(frozen=True)
class Helpfulness:
    article: str
    yes: int
    no: int

    @property
    def pct(self) -> float | None:
        return self.yes / (self.yes + self.no) * 100 if self.yes + self.no else None


@dataclass(frozen=True)
class CoverageRow:
    article: str
    translated: dict[str, bool]
    fallbacks: dict[str, int]
    """Requested language -> how often the kiosk showed another language instead."""


@dataclass(frozen=True)
class StaleTranslation:
    article: str
    lang: str
    as_of: date
    months: int


def _filter(
    period: Period, gates: Collection[str] | None, kind: str, lang: str | None = None
) -> UsageFilter:
    return UsageFilter(
        since=period.since, until=period.until, gates=gates, kinds=[kind],
        dims={"lang": lang} if lang else None,
    )  # fmt: skip


def views_by_language(
    store: HubStore, period: Period, gates: Collection[str] | None, item: str, limit: int = 50
) -> Pivot:
    """item: 'topic' or 'article'."""
    kind = {"topic": "topic_view", "article": "article_view"}[item]
    table: dict[str, dict[str, int]] = defaultdict(dict)
    for total in store.usage_totals([f"dims.{item}", "dims.lang"], _filter(period, gates, kind)):
        key = str(total.group[f"dims.{item}"])
        lang = str(total.group["dims.lang"])
        table[key][lang] = table[key].get(lang, 0) + total.count
    rows = [(key, langs, sum(langs.values())) for key, langs in table.items()]
    rows.sort(key=lambda row: (-row[2], row[0]))
    return Pivot(rows[:limit])


def zero_results(
    store: HubStore, period: Period, gates: Collection[str] | None, min_kiosks: int
) -> list[QueryDemand]:
    where = UsageFilter(since=period.since, until=period.until, gates=gates)
    return store.zero_result_queries(where, min_kiosks=min_kiosks)


def helpfulness(
    store: HubStore, period: Period, gates: Collection[str] | None
) -> list[Helpfulness]:
    answers: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for total in store.usage_totals(
        ["dims.article", "dims.helpful"], _filter(period, gates, "helpful")
    ):
        yes = total.group["dims.helpful"] in (1, True, "true")
        answers[str(total.group["dims.article"])][0 if yes else 1] += total.count
    rows = [Helpfulness(article, yes, no) for article, (yes, no) in answers.items()]
    rows.sort(key=lambda h: (h.pct if h.pct is not None else 101, -(h.yes + h.no), h.article))
    return rows


def coverage(
    store: HubStore,
    period: Period,
    gates: Collection[str] | None,
    articles: Mapping[str, Article],
) -> list[CoverageRow]:
    shown: dict[str, dict[str, int]] = defaultdict(dict)
    for total in store.usage_totals(
        ["dims.article", "dims.requested_lang"], _filter(period, gates, "fallback_shown")
    ):
        lang = str(total.group["dims.requested_lang"])
        article = str(total.group["dims.article"])
        shown[article][lang] = shown[article].get(lang, 0) + total.count
    ids = sorted(set(articles) | set(shown))
    return [
        CoverageRow(
            article=article_id,
            translated={
                lang: article_id in articles and lang in articles[article_id].translations
                for lang in LANGUAGES
            },
            fallbacks=shown.get(article_id, {}),
        )
        for article_id in ids
    ]


def stale_translations(
    articles: Mapping[str, Article], today: date, months: int
) -> list[StaleTranslation]:
    """Translations whose `as_of` date is more than `months` whole months before today."""
    found = []
    for article_id, article in articles.items():
        for lang, translation in article.translations.items():
            age = _months_between(translation.as_of, today)
            if age > months or (age == months and translation.as_of.day < today.day):
                found.append(StaleTranslation(article_id, lang, translation.as_of, age))
    found.sort(key=lambda s: (s.as_of, s.article, s.lang))
    return found


def _months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month
