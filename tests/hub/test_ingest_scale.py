"""The ingest benchmark's scenario at test size: 200 kiosks upload a day and a heartbeat at once
through two hub workers, some giving up on their first upload and sending it again; the hub's
totals equal the kiosks' exactly. (Timings are the benchmark's business: `python -m bench ingest`.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench._hub_ingest import enrol_kiosks
from bench.ingest import TotalsError, check_totals, scenario
from hub.store import HubStore
from hub.store.records import UsageRow
from tests.usage_support import hub_data_dir


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[str, str]]]:
    data_dir = hub_data_dir(tmp_path_factory.mktemp("ingest") / "hub")
    kiosks = enrol_kiosks(data_dir, 200)
    result = scenario(data_dir, kiosks, workers=2)
    assert result.gave_up > 0  # some first uploads really were cut off
    assert len(result.latencies) == 200
    return data_dir, kiosks


def test_200_kiosks_through_two_workers_are_counted_exactly_once(ingested):
    data_dir, kiosks = ingested
    store = HubStore(data_dir / "hub.db")
    try:
        totals = {t.group["device"]: t.count for t in store.usage_totals(["device"])}
    finally:
        store.close()
    assert totals == {device_id: 24 * 4 * 5 for device_id, _ in kiosks}


def test_the_check_fails_loudly_when_a_kiosk_is_counted_twice(ingested):
    data_dir, kiosks = ingested
    store = HubStore(data_dir / "hub.db")
    try:
        row = UsageRow(hour="2026-11-20T12:00:00Z", kind="article_view",
                       dims={"article": "article-0", "lang": "en", "topic": "entry"},
                       count=10, seconds=241.0, hist=(2, 2, 2, 0, 4, 0, 0, 0, 0), revision=4)  # fmt: skip
        store.upsert_usage(kiosks[7][0], [row])
    finally:
        store.close()
    with pytest.raises(TotalsError, match=kiosks[7][0]):
        check_totals(data_dir, kiosks)
