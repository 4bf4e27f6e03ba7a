"""The table of searched-for terms the desk wrote an article for: each term's zero-result share
before and after the article was published, shown on the scorecard and on the desk."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime

from hub.desk.evidence_store import EvidenceDraft
from hub.evidence.term_change import term_change
from hub.staff.tables import Column, Table
from hub.store import HubStore
from hub.store.records import parse_time


def answered_terms_table(
    store: HubStore,
    drafts: list[EvidenceDraft],
    viewer_gates: Collection[str] | None,
    now: datetime,
    t: Callable[..., str],
    unpublished: bool = False,
) -> Table:
    """One row per term within the viewer's gates; `unpublished` also lists drafts not
    published yet (without figures)."""
    table = Table(
        "answered", t("evidence_terms.title"),
        [Column(t("col.query")), Column(t("col.language")), Column(t("col.gate")),
         Column(t("desk.article")), Column(t("evidence_terms.published"), "day"),
         Column(t("evidence_terms.before"), "pct"), Column(t("evidence_terms.before_n"), "int"),
         Column(t("evidence_terms.after"), "pct"), Column(t("evidence_terms.after_n"), "int"),
         Column(t("evidence_terms.change"), "num"), Column(t("evidence_terms.interval"), "ci"),
         Column(t("evidence_terms.finding"))],
        note=t("evidence_terms.note"), link_column=3,
    )  # fmt: skip
    for draft in drafts:
        if viewer_gates is not None and draft.gate not in viewer_gates:
            continue
        published = parse_time(draft.published_at)
        if published is None:
            if unpublished:
                table.links[len(table.rows)] = f"/desk/articles/{draft.article}"
                table.rows.append(
                    [draft.term, draft.lang, draft.gate or "–", draft.article, None,
                     None, None, None, None, None, None, t("evidence_terms.not_published")]
                )  # fmt: skip
            continue
        gates = [draft.gate] if draft.gate else _scope(viewer_gates)
        found = term_change(store, draft.term, draft.lang, published, now, gates)
        d = found.difference
        table.links[len(table.rows)] = f"/desk/articles/{draft.article}"
        table.rows.append(
            [draft.term, draft.lang, draft.gate or "–", draft.article, published.date(),
             found.before.value, found.before.n, found.after.value, found.after.n, d.value,
             (d.low, d.high) if d.known else None, t(f"evidence_terms.finding.{found.finding}")]
        )  # fmt: skip
    return table


def _scope(viewer_gates: Collection[str] | None) -> list[str] | None:
    return None if viewer_gates is None else sorted(viewer_gates)
