"""After an article written for an unanswered search is published, the scorecard and the desk
show that term's zero-result rate before and after, with sample sizes and the change's interval."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hub.desk.evidence_store import EvidenceDrafts
from hub.evidence.term_change import term_change
from hub.staff.context import HUB_DB
from hub.store import HubStore
from hub.store.records import UsageRow, hour_text, time_text
from tests.hub.desk.desk_support import desk_data_dir
from tests.hub.hubui_support import add_device, app_for, csrf_from, login, store_of

TERM = "visa on arrival"
PUBLISHED = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)
NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


def _searches(store: HubStore, hour: datetime, zero: int, found: int, **dims: str) -> None:
    chosen = {"query": TERM, "lang": "km", "script": "Khmr", **dims}
    rows = [UsageRow(hour_text(hour), "search", {**chosen, "results": "0"}, zero)]
    rows.append(UsageRow(hour_text(hour), "search", {**chosen, "results": "1-3"}, found))
    store.upsert_usage("mb-1", [row for row in rows if row.count])


def _plant(store: HubStore) -> None:
    """Before: 30 of 40 Khmer searches for the term found nothing; after: 4 of 40. Other
    terms and languages, and searches older than four weeks, must not count."""
    add_device(store, "mb-1", "moc-bai", PUBLISHED - timedelta(days=60))
    _searches(store, PUBLISHED - timedelta(days=3), 20, 5)
    _searches(store, PUBLISHED - timedelta(days=10), 10, 5)
    _searches(store, PUBLISHED - timedelta(days=40), 50, 0)  # older than the four weeks
    _searches(store, PUBLISHED + timedelta(days=2), 4, 36)
    _searches(store, PUBLISHED + timedelta(days=3), 9, 0, lang="en")
    _searches(store, PUBLISHED + timedelta(days=3), 9, 0, query="visa")


def test_the_zero_result_rate_before_and_after_comes_from_the_terms_own_searches(
    tmp_path: Path,
) -> None:
    store = HubStore(tmp_path / "hub.db")
    _plant(store)
    found = term_change(store, TERM, "km", PUBLISHED, NOW, ["moc-bai"])
    store.close()
    assert (found.before.value, found.before.n) == (75.0, 40)
    assert (found.after.value, found.after.n) == (10.0, 40)
    assert found.difference.value == pytest.approx(-65.0)
    assert found.difference.low is not None and found.difference.high is not None
    assert found.difference.low < -65.0 < found.difference.high < 0
    assert found.finding == "fell"


def test_a_term_not_searched_since_publishing_has_not_enough_data(tmp_path: Path) -> None:
    store = HubStore(tmp_path / "hub.db")
    _plant(store)
    found = term_change(store, TERM, "km", NOW, NOW, ["moc-bai"])
    store.close()
    assert found.after.n == 0 and found.finding == "not_enough_data"


def test_a_handful_of_searches_is_no_change_rather_than_a_verdict(tmp_path: Path) -> None:
    store = HubStore(tmp_path / "hub.db")
    add_device(store, "mb-1", "moc-bai", PUBLISHED - timedelta(days=60))
    _searches(store, PUBLISHED - timedelta(days=3), 2, 1)
    _searches(store, PUBLISHED + timedelta(days=2), 1, 2)
    found = term_change(store, TERM, "km", PUBLISHED, NOW, ["moc-bai"])
    store.close()
    assert found.difference.value is not None and found.difference.value < 0
    assert found.finding == "no_change"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = desk_data_dir(tmp_path_factory.mktemp("terms"))
    store = store_of(folder)
    _plant(store)
    store.close()
    drafts = EvidenceDrafts(folder / HUB_DB)
    drafts.note("visa-on-arrival", TERM, "km", "moc-bai", "author")
    drafts.published(["visa-on-arrival"], time_text(PUBLISHED))
    drafts.note("lost-passport", "lost passport", "en", "mong-cai", "author")
    drafts.close()
    return folder


@pytest.fixture
def client(data: Path) -> Iterator[TestClient]:
    with TestClient(app_for(data)) as test_client:
        test_client.app.state.staff.clock = lambda: NOW  # type: ignore[attr-defined]
        test_client.cookies.set("hub_lang", "en")
        yield test_client


def _answered_section(html: str) -> str:
    assert 'id="table-answered"' in html
    return html.split('id="table-answered"')[1].split("</section>")[0]


def test_the_scorecard_shows_the_terms_rate_before_and_after_with_sample_sizes(
    client: TestClient,
) -> None:
    login(client, "admin")
    section = _answered_section(client.get("/scorecard").text)
    assert TERM in section and "20/11/2026" in section
    assert "75.0" in section and "10.0" in section and "65.0" in section
    assert ">40<" in section and "more travellers find an answer" in section
    assert "lost passport" not in section  # not published yet
    csv = client.get("/scorecard.csv?table=answered").text
    assert TERM in csv and ",75,40,10,40," in csv


def test_a_province_scorecard_shows_only_its_gates_terms(client: TestClient) -> None:
    login(client, "quang-ninh")
    assert "table-answered" not in client.get("/scorecard").text


def test_the_desk_evidence_view_lists_drafts_and_published_terms(client: TestClient) -> None:
    login(client, "author")
    section = _answered_section(client.get("/desk/evidence").text)
    assert TERM in section and "75.0" in section
    assert "lost passport" in section and "not published yet" in section


def test_an_article_opened_from_a_search_remembers_its_term(client: TestClient) -> None:
    login(client, "author")
    form = client.get("/desk/from-evidence?term=bus to phnom penh&lang=en&gate=moc-bai").text
    assert 'name="term" value="bus to phnom penh"' in form
    sent = {
        "csrf_token": csrf_from(form), "id": "bus-to-phnom-penh", "topic": "entry-visa",
        "source_lang": "en", "gates": "moc-bai", "title": "bus to phnom penh",
        "term": "bus to phnom penh", "term_lang": "en", "term_gate": "moc-bai",
    }  # fmt: skip
    assert client.post("/desk/new", data=sent).status_code == 200
    section = _answered_section(client.get("/desk/evidence").text)
    assert "bus to phnom penh" in section and "bus-to-phnom-penh" in section
