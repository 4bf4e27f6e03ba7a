"""Traveller demand: top topics and articles, unanswered searches, helpfulness, coverage, stale."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from catalog import LANGUAGES
from catalog.model import Translation
from hub.desk.evidence import evidence_link
from hub.reports import demand
from hub.reports.period import today
from hub.staff import charts
from hub.staff.context import StaffContext
from hub.staff.filters import Selected, Selection
from hub.staff.messages import translator
from hub.staff.render import page, table_csv
from hub.staff.security import staff, ui_lang
from hub.staff.tables import Column, Table

router = APIRouter(tags=["staff: demand"])

StaleMonths = Annotated[int | None, Query(ge=1, le=120)]


@dataclass
class DemandPage:
    tables: dict[str, Table]
    charts: dict[str, dict[str, Any]]
    stale_months: int
    min_kiosks: int


def build(ctx: StaffContext, sel: Selection, lang: str, stale_months: int | None) -> DemandPage:
    t = translator(lang)
    months = stale_months or ctx.settings.stale_months
    articles = ctx.content.articles(sel.gates)  # a province sees its own gates' articles
    topic_names = _topic_names(ctx, lang)

    def article_name(article_id: str) -> str:
        article = articles.get(article_id)
        if article is None:
            return article_id
        texts: dict[str, Translation] = {str(k): v for k, v in article.translations.items()}
        chosen = texts.get(lang) or texts.get("en") or next(iter(texts.values()))
        return chosen.title

    tables: dict[str, Table] = {}
    figures: dict[str, dict[str, Any]] = {}

    def topic_name(topic_id: str) -> str:
        return topic_names.get(topic_id, topic_id)

    namers: tuple[tuple[str, Callable[[str], str]], ...] = (
        ("topic", topic_name), ("article", article_name),
    )  # fmt: skip
    for item, names in namers:
        pivot: demand.Pivot = ctx.reports.get(
            ("views", item, sel.period, sel.gates),
            partial(demand.views_by_language, ctx.store, sel.period, sel.gates, item),
        )
        table = Table(
            f"{item}s", t(f"demand.top_{item}s"),
            [Column(t(f"col.{item}")), *(Column(t(f"lang.{c}"), "int") for c in LANGUAGES), Column(t("col.views"), "int"), Column(t("col.id"))],
        )  # fmt: skip
        for key, by_lang, total in pivot.rows:
            table.rows.append(
                [names(key) or key, *(by_lang.get(c, 0) for c in LANGUAGES), total, key]
            )
        tables[table.id] = table
        top = pivot.rows[:12]
        figures[item] = charts.stacked_counts(
            t(f"demand.top_{item}s"), t("col.views"), [names(k) or k for k, _, _ in top],
            {t(f"lang.{c}"): [row[1].get(c, 0) for row in top] for c in LANGUAGES},
        )  # fmt: skip
    zero = Table(
        "zero", t("demand.zero"),
        [Column(t("col.query")), Column(t("col.language")), Column(t("col.kiosks"), "int"), Column(t("col.searches"), "int")],
        note=t("demand.zero_note", kiosks=ctx.settings.min_kiosks_per_query),
    )  # fmt: skip
    found = ctx.reports.get(
        ("zero", sel.period, sel.gates),
        lambda: demand.zero_results(
            ctx.store, sel.period, sel.gates, ctx.settings.min_kiosks_per_query
        ),
    )
    for q in found:
        zero.links[len(zero.rows)] = evidence_link(q.query, q.lang, sel.gate)
        zero.rows.append([q.query, q.lang, q.kiosks, q.searches])
    helpful = Table(
        "helpful", t("demand.helpful"),
        [Column(t("col.article")), Column(t("col.yes"), "int"), Column(t("col.no"), "int"), Column(t("col.helpful"), "pct"), Column(t("col.id"))],
        note=t("demand.helpful_note"),
    )  # fmt: skip
    answers = ctx.reports.get(
        ("helpful", sel.period, sel.gates),
        lambda: demand.helpfulness(ctx.store, sel.period, sel.gates),
    )
    for h in answers:
        helpful.links[len(helpful.rows)] = f"/desk/articles/{h.article}"
        helpful.rows.append([article_name(h.article), h.yes, h.no, h.pct, h.article])
    coverage = Table(
        "coverage", t("demand.coverage"),
        [Column(t("col.article")), *(Column(t(f"lang.{c}"), "bool") for c in LANGUAGES),
         *(Column(t("col.fallbacks", code=c), "int") for c in LANGUAGES), Column(t("col.id"))],
        note=t("demand.coverage_note"),
    )  # fmt: skip
    covered = ctx.reports.get(
        ("coverage", sel.period, sel.gates, tuple(articles)),
        lambda: demand.coverage(ctx.store, sel.period, sel.gates, articles),
    )
    for row in covered:
        coverage.rows.append(
            [article_name(row.article), *(row.translated[c] for c in LANGUAGES),
             *(row.fallbacks.get(c, 0) for c in LANGUAGES), row.article]
        )  # fmt: skip
    stale = Table(
        "stale", t("demand.stale", months=months),
        [Column(t("col.article")), Column(t("col.language")), Column(t("col.as_of"), "day"), Column(t("col.months"), "int"), Column(t("col.id"))],
    )  # fmt: skip
    for s in demand.stale_translations(articles, today(), months):
        stale.rows.append(
            [article_name(s.article), t(f"lang.{s.lang}"), s.as_of, s.months, s.article]
        )
    tables.update(zero=zero, helpful=helpful, coverage=coverage, stale=stale)
    return DemandPage(tables, figures, months, ctx.settings.min_kiosks_per_query)


def _topic_names(ctx: StaffContext, lang: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for channel in ctx.content.channels():
        found = ctx.content.catalog(channel)
        for topic in found.topics if found else []:
            titles: dict[str, str] = {str(k): str(v) for k, v in topic.title.items()}
            names.setdefault(topic.id, titles.get(lang) or titles.get("en") or topic.id)
    return names


@router.get("/demand", response_class=HTMLResponse)
def demand_page(request: Request, sel: Selected, stale_months: StaleMonths = None) -> Response:
    if stale_months:
        sel = replace(sel, extra={"stale_months": str(stale_months)})
    lang = ui_lang(request)
    built = build(staff(request), sel, lang, stale_months)
    return page(
        request, "demand.html", title=translator(lang)("nav.demand"), sel=sel, built=built,
        charts_needed=True,
    )  # fmt: skip


@router.get("/demand.csv")
def demand_csv(
    request: Request, sel: Selected, table: str = "articles", stale_months: StaleMonths = None
) -> Response:
    built = build(staff(request), sel, ui_lang(request), stale_months)
    return table_csv(built.tables, table, sel.file_name("demand", table, sel.scope))
