"""Simulated kiosk traffic: sessions with daily and weekly rhythms, folded into hourly aggregates
exactly as kiosks send them (kind + dimensions -> count, seconds, duration histogram)."""

from __future__ import annotations

import json
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from hub.demo.gates import DemoGate
from hub.reports.histogram import EDGES
from hub.reports.period import LOCAL

# Share of the peak rate by local hour (the gates are busiest mid-morning and mid-afternoon).
DAILY = (
    0.02, 0.01, 0.01, 0.01, 0.02, 0.05, 0.20, 0.55, 0.85, 1.00, 0.95, 0.75,
    0.60, 0.70, 0.85, 0.95, 0.90, 0.70, 0.50, 0.35, 0.22, 0.12, 0.06, 0.03,
)  # fmt: skip
WEEKLY = (0.85, 0.80, 0.85, 0.90, 1.05, 1.35, 1.25)
"""Monday .. Sunday."""
SCRIPTS = {"vi": "Latn", "en": "Latn", "zh": "Hani", "lo": "Laoo", "km": "Khmr"}
FOUND = {
    "vi": ["visa", "doi tien", "xe khach", "sim"], "en": ["visa", "exchange", "bus", "sim card", "atm"],
    "zh": ["签证", "换钱", "电话卡"], "lo": ["ວີຊາ", "ແລກເງິນ"], "km": ["ទិដ្ឋាការ", "ប្តូរប្រាក់"],
}  # fmt: skip
UNANSWERED = {
    "vi": ["khach san", "tau hoa"], "en": ["hotel", "train to hanoi", "grab", "wechat pay", "lost passport"],
    "zh": ["酒店", "微信支付", "火车"], "lo": ["ໂຮງແຮມ"], "km": ["សណ្ឋាគារ"],
}  # fmt: skip


@dataclass(frozen=True)
class ArticleInfo:
    id: str
    topic: str
    languages: frozenset[str]
    quality: float
    """Chance a traveller answers 'helpful: yes'."""


@dataclass
class KioskPlan:
    device_id: str
    gate: DemoGate
    start: datetime
    uptime: float = 0.985
    silent_from: datetime | None = None
    """No heartbeat and no use from this moment (a broken kiosk)."""
    zero_rate: float = 0.12
    qr_rate: float = 0.07
    errors: bool = False
    boost_from: datetime | None = None
    """From this moment, `boost` times the sessions (a kiosk moved to a better place)."""
    boost: float = 1.0


@dataclass
class HourFacts:
    hour: datetime
    up: bool
    rows: dict[tuple[str, str], list] = field(default_factory=dict)
    """(kind, dims json) -> [count, seconds, histogram]."""
    qr_opens: dict[tuple[str, str], int] = field(default_factory=dict)
    """(article, lang) -> opens."""


def _bin(seconds: float) -> int:
    for index in range(len(EDGES) - 1, -1, -1):
        if seconds >= EDGES[index]:
            return index
    return 0


def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


class Simulator:
    def __init__(self, articles: list[ArticleInfo], seed: int) -> None:
        self.rng = random.Random(seed)
        self.articles = articles
        weights = [1 / (rank + 1) ** 0.9 for rank in range(len(articles))]
        self.weights = weights

    def hours(self, plan: KioskPlan, start: datetime, end: datetime) -> Iterator[HourFacts]:
        """Every hour of [start, end) from the kiosk's installation on."""
        rng = self.rng
        hour = max(start, plan.start).replace(minute=0, second=0, microsecond=0)
        outage_left = 0
        total = (end - start).total_seconds() / 3600 or 1
        while hour < end:
            if outage_left == 0 and rng.random() < (1 - plan.uptime) / 6:
                outage_left = rng.randint(3, 9)
            down = outage_left > 0 or (plan.silent_from is not None and hour >= plan.silent_from)
            outage_left = max(0, outage_left - 1)
            facts = HourFacts(hour, not down)
            if not down:
                local = hour.astimezone(LOCAL)
                growth = 0.92 + 0.16 * ((hour - start).total_seconds() / 3600) / total
                mean = plan.gate.rate * DAILY[local.hour] * WEEKLY[local.weekday()] * growth
                if plan.boost_from is not None and hour >= plan.boost_from:
                    mean *= plan.boost
                for _ in range(_poisson(rng, mean * rng.uniform(0.85, 1.15))):
                    self._session(plan, facts)
                if plan.errors and rng.random() < 0.08:
                    self._add(facts, "error", {"where": "sync"})
            yield facts
            hour += timedelta(hours=1)

    def _add(self, facts: HourFacts, kind: str, dims: dict, seconds: float | None = None) -> None:
        key = (kind, json.dumps(dims, sort_keys=True, separators=(",", ":"), ensure_ascii=False))
        entry = facts.rows.get(key)
        if entry is None:
            entry = facts.rows[key] = [0, 0.0, [0] * len(EDGES)]
        entry[0] += 1
        if seconds is not None:
            entry[1] += seconds
            entry[2][_bin(seconds)] += 1

    def _session(self, plan: KioskPlan, facts: HourFacts) -> None:
        rng = self.rng
        langs = plan.gate.languages
        lang = rng.choices(list(langs), weights=list(langs.values()))[0]
        self._add(facts, "session_start", {"lang": lang})
        self._add(facts, "language_chosen", {"lang": lang})
        interactions, duration = 1, rng.uniform(4, 12)
        if rng.random() < 0.28:  # looked, left
            duration += rng.uniform(0, 14)
        else:
            topics = 1 + int(rng.expovariate(1.2))
            for _ in range(topics):
                article = rng.choices(self.articles, weights=self.weights)[0]
                dwell = rng.uniform(3, 12)
                self._add(facts, "topic_view", {"lang": lang, "topic": article.topic}, dwell)
                interactions += 1
                duration += dwell
                if rng.random() < 0.75:
                    interactions += self._article(plan, facts, article, lang)
                    duration += rng.lognormvariate(3.4, 0.7)
            if rng.random() < 0.18:
                interactions += 1
                self._search(plan, facts, lang)
                duration += rng.uniform(8, 30)
            if rng.random() < 0.012:
                interactions += 1
                self._add(facts, "emergency_opened", {"lang": lang})
        duration = min(duration, 900.0)
        engaged = interactions >= 2 or duration >= 20
        self._add(facts, "session_end", {"engaged": engaged}, duration)
        if rng.random() < 0.7:
            self._add(facts, "idle_timeout", {}, duration)

    def _article(self, plan: KioskPlan, facts: HourFacts, article: ArticleInfo, lang: str) -> int:
        rng = self.rng
        shown = lang if lang in article.languages else ("en" if "en" in article.languages else "vi")
        if shown != lang:
            self._add(
                facts,
                "fallback_shown",
                {"article": article.id, "lang": shown, "requested_lang": lang},
            )
        dwell = rng.lognormvariate(3.3, 0.7)
        self._add(
            facts,
            "article_view",
            {"article": article.id, "lang": shown, "topic": article.topic},
            dwell,
        )
        self._add(facts, "qr_shown", {"article": article.id, "lang": shown})
        if rng.random() < plan.qr_rate:
            key = (article.id, shown)
            facts.qr_opens[key] = facts.qr_opens.get(key, 0) + 1
        made = 2
        if rng.random() < 0.22:
            helpful = rng.random() < article.quality
            self._add(facts, "helpful", {"article": article.id, "helpful": helpful, "lang": shown})
            made += 1
        return made

    def _search(self, plan: KioskPlan, facts: HourFacts, lang: str) -> None:
        rng = self.rng
        if rng.random() < plan.zero_rate:
            query, results = rng.choice(UNANSWERED[lang]), "0"
        else:
            query, results = rng.choice(FOUND[lang]), rng.choice(["1-3", "1-3", "4-10", "11+"])
        dims = {"lang": lang, "query": query, "results": results, "script": SCRIPTS[lang]}
        self._add(facts, "search", dims)


def as_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)
