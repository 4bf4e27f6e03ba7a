"""The answer a ministry reads first: per gate its reach per 1,000 crossings, cost per engaged
session, verdict, rank and the reason in one line, in the viewer's language."""

from __future__ import annotations

from collections.abc import Callable

from hub.evidence.decision import Decision
from hub.evidence.intervals import Estimate
from hub.reports.gates import GateDirectory
from hub.reports.ranking import Scorecard
from hub.staff import formatting as fmt
from hub.staff.tables import Column, Table

Translate = Callable[..., str]
PCT_REASONS = {"often_down", "not_engaging", "unhelpful"}
MONEY_REASONS = {"costly"}


def bounds(estimate: Estimate) -> tuple[float, float] | None:
    if estimate.low is None or estimate.high is None:
        return None
    return (estimate.low, estimate.high)


def reason_text(decision: Decision, lang: str, t: Translate) -> str:
    """The verdict's reason in one line, with the figure, its interval and the threshold."""
    values: dict[str, str] = {}
    figures = decision.figures
    if figures:
        if decision.reason in MONEY_REASONS:
            shown = {k: fmt.money(v, lang) for k, v in figures.items()}
        elif decision.reason in PCT_REASONS:
            shown = {k: fmt.percent(v, lang) for k, v in figures.items()}
        else:
            shown = {k: fmt.number(v, lang, 1) for k, v in figures.items()}
        values = {**shown, "n": fmt.number(figures["n"], lang)}
    if decision.more_sessions is not None:
        values["more"] = fmt.number(decision.more_sessions, lang)
    elif decision.reason == "reach_unclear":
        return t("reason.reach_unclear_many", **values)
    return t(f"reason.{decision.reason}", **values)


def answer_table(card: Scorecard, gates: GateDirectory, lang: str, t: Translate) -> Table:
    table = Table(
        "answer",
        t("answer.title"),
        [
            Column(t("col.gate"), nowrap=True), Column(t("col.rank"), "int"),
            Column(t("col.reach"), "num", 1), Column(t("col.interval"), "ci", 1),
            Column(t("col.cost_per_engaged"), "money"), Column(t("col.verdict"), nowrap=True),
            Column(t("col.reason"), wide=True), Column(t("col.rule_version"), "int"),
        ],
        note=t("answer.note", version=card.rules_version),
    )  # fmt: skip
    for row in card.gates:
        gate = gates.get(row.gate)
        est = row.estimates
        table.links[len(table.rows)] = f"/gates/{gate.id}?{card.period.query()}"
        table.rows.append(
            [gate.short(lang), row.rank, est.reach.value, bounds(est.reach),
             est.cost_per_engaged.value, t(f"verdict.{row.verdict}"),
             reason_text(row.decision, lang, t), row.decision.version]
        )  # fmt: skip
    return table


def verdict_counts(card: Scorecard) -> dict[str, int]:
    """How many gates got each verdict, in the order of the verdicts."""
    counts: dict[str, int] = {}
    for row in card.gates:
        counts[row.verdict] = counts.get(row.verdict, 0) + 1
    return counts
