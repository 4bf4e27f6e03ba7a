"""A simulated busy gate: realistic sessions written straight into usage.db with a fake clock.

1,500 sessions a day between 06:00 and 22:00 local time (UTC+7), about 9 events a session,
over 60 articles in 10 topics, 5 languages and 40 search queries: some 13,000 events a day.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from cache.usage_store import UsageEvent

SESSIONS_PER_DAY = 1_500
OPEN_HOURS_UTC = range(23 - 24, 15)  # 06:00-22:00 at UTC+7
LANGS = ("vi", "en", "zh", "lo", "km")
TOPICS = tuple(f"topic-{i}" for i in range(10))
ARTICLES = tuple(f"article-{i}" for i in range(60))
QUERIES = tuple(f"query {word}" for word in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN")


def day_of_events(day_start: float, chance: random.Random) -> Iterator[list[UsageEvent]]:
    """One simulated day, hour by hour (the batches a kiosk writer would have written)."""
    hours = [h % 24 for h in OPEN_HOURS_UTC]
    per_hour = SESSIONS_PER_DAY // len(hours)
    for hour in hours:
        start = day_start + hour * 3600
        batch: list[UsageEvent] = []
        for _ in range(per_hour):
            batch.extend(_session(start + chance.uniform(0, 3300), chance))
        batch.sort(key=lambda event: event.ts)
        yield batch


def _session(ts: float, chance: random.Random) -> list[UsageEvent]:
    lang = chance.choices(LANGS, weights=(30, 25, 30, 8, 7))[0]
    events = [
        UsageEvent(ts, "session_start", {"lang": lang}),
        UsageEvent(ts + 2, "language_chosen", {"lang": lang}),
    ]
    moment = ts + 4
    for _ in range(chance.randint(0, 3)):
        index = chance.randrange(len(ARTICLES))
        topic, article = TOPICS[index % len(TOPICS)], ARTICLES[index]
        dwell = chance.expovariate(1 / 15)
        events.append(UsageEvent(moment, "topic_view", {"topic": topic, "lang": lang}, dwell))
        moment += dwell
        dwell = chance.expovariate(1 / 40)
        dims = {"article": article, "topic": topic, "lang": lang}
        events.append(UsageEvent(moment, "article_view", dims, dwell))
        moment += dwell
        if chance.random() < 0.15:
            events.append(UsageEvent(moment, "qr_shown", {"article": article, "lang": lang}))
        if chance.random() < 0.2:
            helpful = chance.random() < 0.8
            dims = {"article": article, "lang": lang, "helpful": helpful}
            events.append(UsageEvent(moment, "helpful", dims))
    if chance.random() < 0.3:
        results = chance.choice(("0", "1-3", "4-10"))
        dims = {"query": chance.choice(QUERIES), "script": "Latn", "results": results, "lang": lang}
        events.append(UsageEvent(moment, "search", dims))
    duration = moment - ts + chance.uniform(2, 20)
    engaged = len(events) >= 4 or duration >= 20
    events.append(UsageEvent(ts + duration, "session_end", {"engaged": engaged}, duration))
    return events
