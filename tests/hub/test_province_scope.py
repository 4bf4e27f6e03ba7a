"""A province analyst's tables list only their own gates' articles (pages and CSV alike)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.hub.hubui_support import app_for, login
from tests.hub.staff_pages import staff_pages

OTHER_GATES_ARTICLES = ("cau-treo-", "moc-bai-")


@pytest.fixture(scope="module")
def quang_ninh(demo_hub: Path) -> TestClient:
    client = TestClient(app_for(demo_hub))
    login(client, "quang-ninh")
    return client


@pytest.mark.parametrize("table", ["articles", "helpful", "coverage", "stale"])
def test_a_province_analyst_sees_only_their_gates_articles(
    quang_ninh: TestClient, table: str
) -> None:
    page = quang_ninh.get("/demand").text
    download = quang_ninh.get(f"/demand.csv?table={table}").text
    assert "mong-cai-" in download or table == "stale"
    assert [a for a in OTHER_GATES_ARTICLES if a in page or a in download] == []


def test_a_national_analyst_sees_every_gates_articles(demo_hub: Path) -> None:
    client = TestClient(app_for(demo_hub))
    login(client, "analyst")
    download = client.get("/demand.csv?table=coverage").text
    assert all(prefix in download for prefix in ("mong-cai-", *OTHER_GATES_ARTICLES))


def csv_links(html: str) -> list[str]:
    """Every CSV download a page offers."""
    found = re.findall(r'href="([^"]*\.csv[^"]*)"', html)
    return sorted({unescape(link) for link in found})


@pytest.mark.parametrize("address", staff_pages())
def test_no_page_or_download_shows_a_province_analyst_other_gates_articles(
    quang_ninh: TestClient, address: str
) -> None:
    page = quang_ninh.get(address).text
    downloads = [quang_ninh.get(link).text for link in csv_links(page)]
    shown = [a for a in OTHER_GATES_ARTICLES for text in (page, *downloads) if a in text]
    assert shown == []


def test_the_monthly_report_lists_the_province_analysts_own_articles(
    quang_ninh: TestClient,
) -> None:
    month = staff_pages()[7].rsplit("/", 1)[1]
    base = f"/reports/monthly/quang-ninh/{month}.csv?table="
    tables = [quang_ninh.get(base + table).text for table in ("articles", "coverage")]
    assert all("mong-cai-" in table for table in tables)
    assert not any(a in table for a in OTHER_GATES_ARTICLES for table in tables)


def test_a_province_analyst_cannot_open_another_provinces_report(quang_ninh: TestClient) -> None:
    month = staff_pages()[7].rsplit("/", 1)[1]
    response = quang_ninh.get(f"/reports/monthly/tay-ninh/{month}.csv?table=articles")
    assert response.status_code == 403
    assert not any(a in response.text for a in OTHER_GATES_ARTICLES)
