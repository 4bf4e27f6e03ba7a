"""An unanswered search term before and after the article written for it was published: the
share of that term's searches that found nothing, in the weeks before against the weeks since,
each with its sample size, and the change with its 95% interval (hub.evidence.intervals)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from hub.evidence.intervals import Estimate, proportion, proportion_difference
from hub.store import HubStore
from hub.store.queries import UsageFilter

DEFAULT_WEEKS = 4
FINDINGS = ("fell", "rose", "no_change", "not_enough_data")


@dataclass(frozen=True)
class TermChange:
    term: str
    lang: str
    gate: str
    """'' for every gate the viewer may see."""
    published: datetime
    before: Estimate
    """Zero-result share in % over the term's searches in the weeks before publication."""
    after: Estimate
    """The same since publication, to date (at most the same number of weeks)."""
    difference: Estimate
    """After minus before, in percentage points."""
    finding: str
    """fell (the whole interval is below 0: more travellers now find an answer), rose,
    no_change, or not_enough_data (a side has no searches)."""


def term_change(
    store: HubStore,
    term: str,
    lang: str,
    published: datetime,
    now: datetime,
    gates: list[str] | None = None,
    weeks: int = DEFAULT_WEEKS,
) -> TermChange:
    """The term's zero-result share in `lang` over [published - weeks, published) against
    [published, min(published + weeks, now)), on `gates` (None: all)."""
    span = timedelta(days=7 * weeks)
    before = _zero_share(store, term, lang, gates, published - span, published)
    after = _zero_share(store, term, lang, gates, published, min(published + span, now))
    difference = proportion_difference(after[0], after[1], before[0], before[1])
    if not difference.known:
        finding = "not_enough_data"
    else:
        finding = {-1: "fell", 1: "rose", 0: "no_change"}[difference.side(0.0)]
    return TermChange(
        term, lang, ",".join(gates or []), published, proportion(*before), proportion(*after),
        difference, finding,
    )  # fmt: skip


def _zero_share(
    store: HubStore,
    term: str,
    lang: str,
    gates: list[str] | None,
    since: datetime,
    until: datetime,
) -> tuple[int, int]:
    """(searches that found nothing, all searches) for the term in [since, until)."""
    if until <= since:
        return 0, 0
    where = UsageFilter(
        since=since, until=until, gates=gates, kinds=["search"],
        dims={"query": term, "lang": lang},
    )  # fmt: skip
    zero = total = 0
    for found in store.usage_totals(["dims.results"], where):
        total += found.count
        if str(found.group["dims.results"]) == "0":
            zero += found.count
    return zero, total
