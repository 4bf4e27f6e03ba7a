"""A province analyst's tables list only their own gates' articles (pages and CSV alike)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.hub.hubui_support import app_for, login

OTHER_GATES_ARTICLES = ("cau-treo-", "moc-bai-")


@pytest.fixture(scope="module")
def quang_ninh(demo_hub: Path) -> TestClient:
    client = TestClient(app_for(demo_hub))
    login(client, "quang-ninh")
    return client


@pytest.mark.parametrize("table", ["coverage", "stale"])
def test_a_province_analyst_sees_only_their_gates_articles(
    quang_ninh: TestClient, table: str
) -> None:
    page = quang_ninh.get("/demand").text
    download = quang_ninh.get(f"/demand.csv?table={table}").text
    assert "mong-cai-" in page + download or table == "stale"
    assert [a for a in OTHER_GATES_ARTICLES if a in page or a in download] == []


def test_a_national_analyst_sees_every_gates_articles(demo_hub: Path) -> None:
    client = TestClient(app_for(demo_hub))
    login(client, "analyst")
    download = client.get("/demand.csv?table=coverage").text
    assert all(prefix in download for prefix in ("mong-cai-", *OTHER_GATES_ARTICLES))
