"""The scorecard as tables and charts, in the viewer's language."""

from __future__ import annotations

from collections.abc import Callable

from catalog import LANGUAGES
from hub.evidence.estimates import Estimates
from hub.reports.gates import GateDirectory
from hub.reports.ranking import Scorecard
from hub.reports.scorecard import Score
from hub.staff import charts
from hub.staff.answer_view import bounds
from hub.staff.tables import Column, Table

Translate = Callable[..., str]


def _score_columns(t: Translate) -> list[Column]:
    run, use, useful, reach = (
        t("group.operating"),
        t("group.use"),
        t("group.useful"),
        t("group.reach"),
    )
    return [
        Column(t("col.operating_hours"), "int", group=run), Column(t("col.uptime"), "pct", group=run),
        Column(t("col.interval"), "ci_pct", 0, group=run),
        Column(t("col.sessions"), "int", group=use), Column(t("col.sessions_per_hour"), "num", 2, group=use),
        Column(t("col.engaged"), "int", group=use), Column(t("col.engaged_pct"), "pct", group=use),
        Column(t("col.interval"), "ci_pct", 0, group=use),
        Column(t("col.median_session"), "dur", group=use), Column(t("col.views_per_session"), "num", 2, group=use),
        Column(t("col.languages"), group=use, nowrap=True), Column(t("col.qr_shown"), "int", group=useful),
        Column(t("col.qr_opened"), "int", group=useful), Column(t("col.qr_conversion"), "pct", group=useful),
        Column(t("col.interval"), "ci_pct", 0, group=useful), Column(t("col.answers"), "int", group=useful),
        Column(t("col.helpful"), "pct", group=useful), Column(t("col.interval"), "ci_pct", 0, group=useful),
        Column(t("col.zero_results"), "pct", group=useful),
        Column(t("col.crossings"), "int", group=reach), Column(t("col.reach"), "num", 1, group=reach),
        Column(t("col.interval"), "ci", 1, group=reach), Column(t("col.cost_per_engaged"), "money", group=reach),
    ]  # fmt: skip


def _score_values(s: Score, e: Estimates) -> list[object]:
    c = s.counts
    top = ", ".join(f"{lang} {share:.0f}%" for lang, share in list(s.language_mix.items())[:3])
    return [
        c.operating_hours, s.uptime_pct, bounds(e.uptime), c.sessions, s.sessions_per_hour,
        c.engaged, s.engaged_pct, bounds(e.engaged), s.median_session_s, s.views_per_session,
        top or None, c.qr_shown, c.qr_opened, s.qr_conversion_pct, bounds(e.qr),
        c.helpful_yes + c.helpful_no, s.helpful_pct, bounds(e.helpful), s.zero_result_pct,
        None if s.crossings is None else round(s.crossings), s.reach_per_1000, bounds(e.reach),
        s.cost_per_engaged,
    ]  # fmt: skip


def gate_table(card: Scorecard, gates: GateDirectory, lang: str, t: Translate) -> Table:
    table = Table(
        "gates",
        t("score.gates"),
        [
            Column(t("col.gate"), nowrap=True), Column(t("col.rank"), "int"), Column(t("col.province"), nowrap=True),
            Column(t("col.kiosks"), "int"), *_score_columns(t),
            Column(t("col.engaged_per_hour"), "num", 2, group=t("group.rank")), Column(t("col.verdict"), group=t("group.rank"), nowrap=True),
        ],
        note=t("score.rank_note"),
    )  # fmt: skip
    for row in card.gates:
        gate = gates.get(row.gate)
        table.links[len(table.rows)] = f"/gates/{gate.id}?{card.period.query()}"
        table.rows.append(
            [gate.short(lang), row.rank, gate.province_label(lang), row.kiosks,
             *_score_values(row.score, row.estimates), row.score.engaged_per_hour,
             t(f"verdict.{row.verdict}")]
        )  # fmt: skip
    return table


def kiosk_table(card: Scorecard, gates: GateDirectory, lang: str, t: Translate) -> Table:
    table = Table(
        "kiosks",
        t("score.kiosks"),
        [
            Column(t("col.kiosk"), nowrap=True),
            Column(t("col.gate"), nowrap=True),
            Column(t("col.state"), nowrap=True),
            *_score_columns(t),
        ],
    )
    for row in card.kiosks:
        table.rows.append(
            [row.device_id, gates.get(row.gate).short(lang), t(f"device.{row.status}"),
             *_score_values(row.score, row.estimates)]
        )  # fmt: skip
    return table


def language_table(card: Scorecard, gates: GateDirectory, lang: str, t: Translate) -> Table:
    table = Table(
        "languages",
        t("score.language_mix"),
        [Column(t("col.gate"), nowrap=True), *(Column(t(f"lang.{code}"), "pct") for code in LANGUAGES), Column(t("col.sessions_started"), "int")],
        note=t("score.language_note"),
    )  # fmt: skip
    for row in card.gates:
        mix = row.score.language_mix
        started = sum(row.score.counts.lang_sessions.values())
        table.rows.append(
            [gates.get(row.gate).short(lang), *(mix.get(code, 0.0) if started else None for code in LANGUAGES), started]
        )  # fmt: skip
    return table


def language_chart(card: Scorecard, gates: GateDirectory, lang: str, t: Translate) -> dict:
    shares = {
        t(f"lang.{code}"): [g.score.language_mix.get(code, 0.0) for g in card.gates]
        for code in LANGUAGES
    }
    return charts.stacked_shares(
        t("score.language_mix"), [gates.get(g.gate).short(lang) for g in card.gates], shares
    )
