"""Scores per gate and per kiosk for a period, ranked, each gate with its verdict."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from hub.reports.period import Period
from hub.reports.queries import KioskCounts
from hub.reports.scorecard import Score, UsageCounts, period_crossings, rank_key, score, sum_counts
from hub.reports.verdict import VerdictRules, typical_use, verdict


@dataclass(frozen=True)
class GateScore:
    gate: str
    rank: int
    kiosks: int
    score: Score
    verdict: str


@dataclass(frozen=True)
class KioskScore:
    device_id: str
    gate: str
    status: str
    score: Score


@dataclass(frozen=True)
class Scorecard:
    period: Period
    gates: list[GateScore]
    kiosks: list[KioskScore]
    total: Score
    typical_sessions_per_hour: float | None


def build_scorecard(
    period: Period,
    kiosks: Sequence[KioskCounts],
    crossings: Mapping[str, Mapping[str, int]],
    gate_ids: Sequence[str] = (),
    rules: VerdictRules | None = None,
) -> Scorecard:
    """Gates appear if they have kiosks, or are listed in `gate_ids` (a gate with no kiosk yet)."""
    month_days = period.month_days()
    by_gate: dict[str, list[UsageCounts]] = defaultdict(list)
    for gate in gate_ids:
        by_gate[gate]
    for kiosk in kiosks:
        by_gate[kiosk.device.gate].append(kiosk.counts)
    gate_crossings = {
        gate: period_crossings(crossings.get(gate, {}), month_days) for gate in by_gate
    }
    gate_scores = {
        gate: score(sum_counts(items) if items else UsageCounts(), gate_crossings[gate])
        for gate, items in by_gate.items()
    }
    typical = typical_use(gate_scores.values())
    ordered = sorted(gate_scores, key=lambda gate: (rank_key(gate_scores[gate]), gate))
    gates = [
        GateScore(
            gate=gate,
            rank=index + 1,
            kiosks=len(by_gate[gate]),
            score=gate_scores[gate],
            verdict=verdict(gate_scores[gate], typical, rules),
        )
        for index, gate in enumerate(ordered)
    ]
    kiosk_scores = [
        KioskScore(
            k.device.id,
            k.device.gate,
            k.device.status,
            score(k.counts, gate_crossings[k.device.gate]),
        )
        for k in sorted(kiosks, key=lambda k: (ordered.index(k.device.gate), k.device.id))
    ]
    total_crossings = [gate_crossings[g] for g in by_gate]
    fleet_crossings = (
        None if not total_crossings or None in total_crossings else sum(total_crossings)  # type: ignore[arg-type]
    )
    return Scorecard(
        period=period,
        gates=gates,
        kiosks=kiosk_scores,
        total=score(sum_counts(k.counts for k in kiosks), fleet_crossings),
        typical_sessions_per_hour=typical,
    )
