"""The policy behind each verdict: thresholds an admin sets, kept as numbered versions.

A saved version is never changed; saving makes a new one, and every verdict names the version
it used. Version 1 holds the defaults below and is written when the store is created.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any


class RulesError(ValueError):
    """Thresholds that cannot make a policy."""


@dataclass(frozen=True)
class PolicyRules:
    low_reach_per_1000: float = 8.0
    """Low demand: fewer sessions per 1,000 crossings than this."""
    expand_reach_per_1000: float = 30.0
    """Demand worth a second look at expanding: more sessions per 1,000 crossings than this."""
    min_uptime_pct: float = 90.0
    """Too much downtime: in service less than this share of its hours."""
    min_engaged_pct: float = 40.0
    """Not engaging: fewer sessions than this share go past the first screen."""
    min_helpful_pct: float = 50.0
    """Poor helpfulness: fewer 'helpful' answers than this share."""
    max_cost_per_engaged: float = 60_000.0
    """Too dear: a kiosk costs more than this (đồng) per engaged session."""

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if not isinstance(value, int | float) or value != value or value < 0:
                raise RulesError(f"{item.name}: a number of 0 or more")
        for name in ("min_uptime_pct", "min_engaged_pct", "min_helpful_pct"):
            if getattr(self, name) > 100:
                raise RulesError(f"{name}: a share between 0 and 100")
        if self.expand_reach_per_1000 <= self.low_reach_per_1000:
            raise RulesError("expand_reach_per_1000 must be above low_reach_per_1000")

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> PolicyRules:
        known = {item.name for item in fields(cls)}
        try:
            return cls(**{k: float(v) for k, v in data.items() if k in known})
        except (TypeError, ValueError) as error:
            raise RulesError(str(error)) from error


@dataclass(frozen=True)
class RulesVersion:
    version: int
    rules: PolicyRules
    created_at: datetime
    created_by: str
    note: str = ""


RULE_NAMES = tuple(item.name for item in fields(PolicyRules))
