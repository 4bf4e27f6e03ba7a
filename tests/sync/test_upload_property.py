"""Property: under random hub failures, retries and late events, the hub's totals equal the kiosk's."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cache.usage_store import UsageEvent, UsageStore
from hub.devices.errors import ApiError
from hub.store import HubStore
from hub.store.records import UsageRow
from sync.http import hub_session
from sync.upload import upload_usage
from tests.usage_support import device_config, device_totals, enrolled, hub_app, hub_totals, running

H0 = 1_790_000_000.0 - (1_790_000_000.0 % 3600)
EVENTS = [
    ("article_view", {"article": "visa", "lang": "en"}),
    ("article_view", {"article": "visa", "lang": "km"}),
    ("topic_view", {"topic": "customs", "lang": "zh"}),
    ("search", {"query": "ferry", "results": "0", "lang": "en", "script": "Latn"}),
    ("session_end", {"engaged": True}),
]

record = st.tuples(
    st.just("record"),
    st.integers(0, 4),  # hours back from now: 0 is current, more is a late event
    st.integers(0, len(EVENTS) - 1),
    st.integers(1, 30),  # how many
    st.floats(0, 900),  # duration
)
advance = st.tuples(st.just("advance"), st.integers(1, 3))
upload = st.tuples(
    st.just("upload"),
    st.lists(st.sampled_from(["ok", "fail_before_storing", "answer_lost"]), max_size=4),
    st.integers(1, 6),  # rows per batch
)


class Faults:
    """Per-device plan of what the hub does with the next uploads."""

    def __init__(self, hub_store: HubStore) -> None:
        self.plan: dict[str, list[str]] = {}
        self._upsert = hub_store.upsert_usage
        hub_store.upsert_usage = self.upsert  # type: ignore[method-assign]

    def upsert(self, device_id: str, rows: Sequence[UsageRow]) -> int:
        steps = self.plan.get(device_id) or []
        fault = steps.pop(0) if steps else "ok"
        if fault == "fail_before_storing":
            raise ApiError(500, "injected", "failed before storing")
        accepted = self._upsert(device_id, rows)
        if fault == "answer_lost":
            raise ApiError(500, "injected", "stored, then the answer was lost")
        return accepted


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, HubStore, Faults]]:
    app, hub_store = hub_app(tmp_path_factory.mktemp("hub"))
    faults = Faults(hub_store)
    with running(app) as url:
        yield url, hub_store, faults


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(st.one_of(record, advance, upload), min_size=1, max_size=25))
def test_hub_totals_equal_kiosk_totals_under_failures_retries_and_late_events(
    hub: tuple[str, HubStore, Faults], steps: list[tuple]
) -> None:
    url, hub_store, faults = hub
    device_id, token = enrolled(hub_store)
    session = hub_session()
    with tempfile.TemporaryDirectory() as folder:
        config = device_config(Path(folder), url, device_id, token)
        store = UsageStore(config.usage_db)
        now = H0
        for step in steps:
            if step[0] == "record":
                _, back, which, count, seconds = step
                kind, dims = EVENTS[which]
                moment = now - back * 3600 + 1
                store.append([UsageEvent(moment + i, kind, dims, seconds) for i in range(count)])
            elif step[0] == "advance":
                now += step[1] * 3600
            else:
                _, plan, batch_rows = step
                faults.plan[device_id] = list(plan)
                upload_usage(config, store=store, session=session, batch_rows=batch_rows)
        faults.plan.pop(device_id, None)
        assert upload_usage(config, store=store, session=session).ok
        assert hub_totals(hub_store, device_id) == device_totals(store)
        store.close()
