"""Scores per gate and per kiosk for a period, ranked, each gate with its verdict."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from hub.evidence.decision import Decision, decide
from hub.evidence.estimates import Estimates, estimates
from hub.evidence.rules import PolicyRules
from hub.reports.period import Period, month_days_between
from hub.reports.queries import KioskCounts
from hub.reports.scorecard import Score, UsageCounts, period_crossings, rank_key, score, sum_counts
from hub.reports.service import service_spans


@dataclass(frozen=True)
class GateScore:
    gate: str
    rank: int
    kiosks: int
    score: Score
    decision: Decision
    estimates: Estimates

    @property
    def verdict(self) -> str:
        return self.decision.verdict


@dataclass(frozen=True)
class KioskScore:
    device_id: str
    gate: str
    status: str
    score: Score
    estimates: Estimates


@dataclass(frozen=True)
class Scorecard:
    period: Period
    gates: list[GateScore]
    kiosks: list[KioskScore]
    total: Score
    total_estimates: Estimates
    rules: PolicyRules
    rules_version: int


def build_scorecard(
    period: Period,
    kiosks: Sequence[KioskCounts],
    crossings: Mapping[str, Mapping[str, int]],
    gate_ids: Sequence[str] = (),
    rules: PolicyRules | None = None,
    rules_version: int = 1,
) -> Scorecard:
    """Gates appear if they have kiosks, or are listed in `gate_ids` (a gate with no kiosk yet)."""
    month_days = period.month_days()
    served = _served_month_days(period, kiosks)
    by_gate: dict[str, list[UsageCounts]] = defaultdict(list)
    for gate in gate_ids:
        by_gate[gate]
    for kiosk in kiosks:
        by_gate[kiosk.device.gate].append(kiosk.counts)
    gate_crossings = {
        gate: period_crossings(crossings.get(gate, {}), served.get(gate, month_days))
        for gate in by_gate
    }
    gate_scores = {
        gate: score(sum_counts(items) if items else UsageCounts(), gate_crossings[gate])
        for gate, items in by_gate.items()
    }
    rules = rules or PolicyRules()
    decided = {gate: decide(item, rules, rules_version) for gate, item in gate_scores.items()}
    ordered = sorted(gate_scores, key=lambda gate: (rank_key(gate_scores[gate]), gate))
    gates = [
        GateScore(
            gate=gate,
            rank=index + 1,
            kiosks=len(by_gate[gate]),
            score=gate_scores[gate],
            decision=decided[gate][0],
            estimates=decided[gate][1],
        )
        for index, gate in enumerate(ordered)
    ]
    kiosk_scores = []
    for k in sorted(kiosks, key=lambda k: (ordered.index(k.device.gate), k.device.id)):
        # a kiosk's reach is over its gate's crossings: its share of the gate's travellers
        item = score(k.counts, gate_crossings[k.device.gate])
        kiosk_scores.append(
            KioskScore(k.device.id, k.device.gate, k.device.status, item, estimates(item))
        )
    total_crossings = [gate_crossings[g] for g in by_gate]
    fleet_crossings = (
        None if not total_crossings or None in total_crossings else sum(total_crossings)  # type: ignore[arg-type]
    )
    total = score(sum_counts(k.counts for k in kiosks), fleet_crossings)
    return Scorecard(
        period=period,
        gates=gates,
        kiosks=kiosk_scores,
        total=total,
        total_estimates=estimates(total),
        rules=rules,
        rules_version=rules_version,
    )


def _served_month_days(
    period: Period, kiosks: Sequence[KioskCounts]
) -> dict[str, dict[str, tuple[float, int]]]:
    """Per gate, the months' days while it had a kiosk in service within the period."""
    spans = service_spans((k.device for k in kiosks), period.since, period.until)
    return {gate: month_days_between(*span) for gate, span in spans.items()}
