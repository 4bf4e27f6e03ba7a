"""Staff pages over HTTP (in-process): every page renders, roles and provinces are enforced,
every table downloads as CSV, the QR take-away counts opens, forms change what they should."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hub.reports.period import today
from hub.staff.context import open_staff_db
from hub.staff.qr_opens import QrOpens
from hub.staff.routes_static import PLOTLY_PATH
from tests.hub.conftest import DEMO_GATES
from tests.hub.hubui_support import (
    SMALL_GATES,
    add_device,
    app_for,
    csrf_from,
    login,
    make_data_dir,
    store_of,
)

PAGES = [
    "/scorecard", "/fleet", "/demand", "/gates/mong-cai", "/figures", "/reports", "/help",
    f"/reports/monthly/quang-ninh/{today():%Y-%m}",
]  # fmt: skip
ADMIN_PAGES = ["/publishing", "/users", "/devices"]
CSV = {
    "/scorecard.csv": ["gates", "kiosks", "languages", "weekly"],
    "/gates/mong-cai.csv": ["kiosks", "weekly", "gates", "languages"],
    "/demand.csv": ["topics", "articles", "zero", "helpful", "coverage", "stale"],
    "/fleet.csv": ["kiosks", "alerts"],
    "/figures.csv": [""],
    f"/reports/monthly/quang-ninh/{today():%Y-%m}.csv": ["gates", "kiosks", "articles", "zero"],
}


@pytest.fixture(scope="module")
def admin(demo_hub: Path) -> TestClient:
    client = TestClient(app_for(demo_hub))
    login(client, "admin")
    return client


def _as(demo_hub: Path, username: str) -> TestClient:
    client = TestClient(app_for(demo_hub))
    login(client, username)
    return client


def _rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.text.lstrip("\ufeff"))))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_renders(admin: TestClient, lang: str) -> None:
    admin.cookies.set("hub_lang", lang)
    for path in PAGES + ADMIN_PAGES:
        response = admin.get(path)
        assert response.status_code == 200, (path, response.text[:500])
        assert f'<html lang="{lang}">' in response.text
        assert response.headers["content-security-policy"].startswith("default-src 'self'")
        assert response.headers["cache-control"] == "no-store"
    admin.cookies.delete("hub_lang")


def test_pages_load_nothing_from_outside(admin: TestClient) -> None:
    html = admin.get("/scorecard").text
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert PLOTLY_PATH in sources
    assert not [s for s in sources if s.startswith(("http:", "https:", "//"))]
    script = admin.get(PLOTLY_PATH, headers={"accept-encoding": "gzip"})
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert len(script.content) > 1_000_000  # decoded by the client: the whole library


def test_anonymous_visitors_are_sent_to_login(demo_hub: Path) -> None:
    client = TestClient(app_for(demo_hub))
    for path in [*PAGES, *ADMIN_PAGES, "/scorecard.csv?table=gates"]:
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/login?next=")


def test_analysts_cannot_open_admin_pages(demo_hub: Path) -> None:
    analyst = _as(demo_hub, "analyst")
    for path in [*ADMIN_PAGES, "/users.csv", "/devices.csv", "/publishing.csv"]:
        assert analyst.get(path).status_code == 403, path
    assert analyst.get("/scorecard").status_code == 200


def test_a_province_analyst_sees_only_their_province(demo_hub: Path) -> None:
    month = f"{today():%Y-%m}"
    analyst = _as(demo_hub, "quang-ninh")
    refused = [
        "/gates/moc-bai", "/gates/moc-bai.csv?table=kiosks", "/scorecard?province=tay-ninh",
        "/scorecard.csv?province=tay-ninh&table=gates", "/scorecard?gate=moc-bai",
        "/demand?gate=moc-bai", "/demand.csv?province=tay-ninh&table=articles",
        "/fleet?province=tay-ninh", "/fleet.csv?gate=moc-bai", f"/reports/monthly/tay-ninh/{month}",
        f"/reports/monthly/tay-ninh/{month}.csv?table=gates",
    ]  # fmt: skip
    for path in refused:
        assert analyst.get(path).status_code == 403, path
    gates = _rows(analyst.get("/scorecard.csv?table=gates"))
    assert [row[0] for row in gates[1:]] == ["Móng Cái"]
    kiosks = _rows(analyst.get("/fleet.csv?table=kiosks"))
    assert {row[0].rsplit("-", 1)[0] for row in kiosks[1:]} == {"mong-cai"}
    assert analyst.get(f"/reports/monthly/quang-ninh/{month}").status_code == 200
    assert "Tây Ninh" not in analyst.get("/scorecard").text


def test_every_table_downloads_as_csv(admin: TestClient) -> None:
    for path, tables in CSV.items():
        for table in tables:
            rows = _rows(admin.get(f"{path}?table={table}" if table else path))
            assert len(rows[0]) >= 2, (path, table)
    gates = _rows(admin.get("/scorecard.csv?table=gates"))
    assert len(gates) == 1 + len(DEMO_GATES)
    assert admin.get("/scorecard.csv?table=nothing").status_code == 404


def test_the_scorecard_shows_the_demo_story(admin: TestClient) -> None:
    admin.cookies.set("hub_lang", "en")
    rows = _rows(admin.get("/scorecard.csv?table=answer"))
    header, body = rows[0], rows[1:]
    verdicts = {row[0]: row[header.index("Verdict")] for row in body}
    reasons = {row[0]: row[header.index("Reason")] for row in rows[1:]}
    assert verdicts["Na Meo"] == "Fix" and reasons["Na Meo"].startswith("Up ")  # flaky kiosk
    assert verdicts["Mong Cai"] in ("Keep", "Expand")
    alerts = _rows(admin.get("/fleet.csv?table=alerts"))
    assert ["Offline", "lao-bao-2"] in [row[:2] for row in alerts]
    admin.cookies.delete("hub_lang")


def test_zero_result_queries_need_several_kiosks(admin: TestClient) -> None:
    rows = _rows(admin.get("/demand.csv?table=zero"))
    assert len(rows) > 1
    assert all(int(row[2]) >= 3 for row in rows[1:])


def test_bad_filters_are_refused_politely(admin: TestClient) -> None:
    assert admin.get("/scorecard?since=2026-13-01").status_code == 400
    assert admin.get("/scorecard?since=2026-10-10&until=2026-10-01").status_code == 400
    assert admin.get("/gates/atlantis").status_code == 404
    assert admin.get("/scorecard?province=atlantis").status_code == 404
    assert admin.get("/reports/monthly/quang-ninh/2026-13").status_code == 400


def test_language_switch_stays_on_the_site(admin: TestClient) -> None:
    response = admin.get("/lang/en?next=/fleet", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/fleet")
    assert "hub_lang=en" in response.headers["set-cookie"]
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        response = admin.get("/lang/en", params={"next": target}, follow_redirects=False)
        assert response.headers["location"] == "/"


# -- pages that change data: each test has its own hub ---------------------------------------


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    data = make_data_dir(tmp_path)
    store = store_of(data)
    add_device(store, "mong-cai-1", "mong-cai", datetime.now(UTC) - timedelta(days=3))
    add_device(store, "moc-bai-1", "moc-bai", datetime.now(UTC) - timedelta(days=3))
    store.close()
    return data


def test_qr_takeaway_counts_the_open_and_shows_the_article(hub: Path) -> None:
    client = TestClient(app_for(hub))
    response = client.get("/q/mong-cai-1/zh/e-visa")
    assert response.status_code == 200
    assert '<html lang="zh">' in response.text
    assert "信息截至" in response.text and "evisa.gov.vn" in response.text
    assert "set-cookie" not in response.headers
    fallback = client.get("/q/moc-bai-1/km/mong-cai-about")  # another gate's article
    assert fallback.status_code == 404
    assert client.get("/q/mong-cai-1/en/no-such-article").status_code == 404
    assert client.get("/q/mong-cai-1/en/..%2F..%2Fetc").status_code in (404, 422)
    db = open_staff_db(hub)
    now = datetime.now(UTC)
    opens = QrOpens(db).totals(
        now - timedelta(hours=2), now + timedelta(hours=2), ("device_id", "article", "lang")
    )
    db.close()
    assert opens == {("mong-cai-1", "e-visa", "zh"): 1}


def test_qr_opens_beyond_the_rate_are_shown_but_not_counted(hub: Path) -> None:
    client = TestClient(app_for(hub))
    for _ in range(40):
        assert client.get("/q/mong-cai-1/en/e-visa").status_code == 200
    db = open_staff_db(hub)
    now = datetime.now(UTC)
    counted = QrOpens(db).totals(now - timedelta(hours=2), now + timedelta(hours=2), ())
    db.close()
    assert counted[()] == 30


def test_a_missing_translation_falls_back_and_says_so(hub: Path) -> None:
    client = TestClient(app_for(hub))
    response = client.get("/q/mong-cai-1/lo/mong-cai-about")
    assert response.status_code == 200
    assert "ຍັງບໍ່ມີພາສາລາວ" in response.text or '<html lang="lo">' in response.text


def test_staff_enter_crossings_and_costs_in_their_province_only(hub: Path) -> None:
    client = TestClient(app_for(hub))
    login(client, "quang-ninh")
    token = csrf_from(client.get("/figures").text)
    saved = client.post(
        "/figures/crossings",
        data={"csrf_token": token, "gate": "mong-cai", "month": "2026-10", "crossings": "310000"},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    client.cookies.set("hub_lang", "en")
    assert "310,000" in client.get("/figures").text
    other = client.post(
        "/figures/cost", data={"csrf_token": token, "gate": "moc-bai", "yearly_cost": "1000"}
    )
    assert other.status_code == 403
    bad = client.post(
        "/figures/crossings",
        data={"csrf_token": token, "gate": "mong-cai", "month": "2026-1", "crossings": "5"},
    )
    assert bad.status_code == 400


def test_admins_create_disable_and_reset_accounts(hub: Path) -> None:
    client = TestClient(app_for(hub))
    login(client, "admin")
    token = csrf_from(client.get("/users").text)
    created = client.post(
        "/users",
        data={"csrf_token": token, "username": "lan.nguyen", "password": "a long passphrase", "role": "analyst", "province": "tay-ninh"},
        follow_redirects=False,
    )  # fmt: skip
    assert created.status_code == 303
    newcomer = TestClient(app_for(hub))
    login(newcomer, "lan.nguyen", "a long passphrase")
    assert newcomer.get("/gates/moc-bai").status_code == 200
    assert newcomer.get("/gates/mong-cai").status_code == 403
    short = client.post(
        "/users",
        data={"csrf_token": token, "username": "x2", "password": "short", "role": "analyst"},
    )
    assert short.status_code == 400
    user_id = re.search(
        r'action="/users/(\d+)/active"', client.get("/users").text.split("lan.nguyen")[-1]
    )
    assert user_id
    client.post(f"/users/{user_id.group(1)}/active", data={"csrf_token": token, "active": "false"})
    assert newcomer.get("/scorecard", follow_redirects=False).status_code == 303  # session ended


def test_admins_issue_enrolment_codes_and_revoke_kiosks(hub: Path) -> None:
    client = TestClient(app_for(hub))
    login(client, "admin")
    token = csrf_from(client.get("/devices").text)
    issued = client.post("/devices", data={"csrf_token": token, "gate": "bo-y"})
    assert issued.status_code == 200
    assert re.search(r'class="code">[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}<', issued.text)
    revoked = client.post(
        "/devices/moc-bai-1/revoke", data={"csrf_token": token}, follow_redirects=False
    )
    assert revoked.status_code == 303
    store = store_of(hub)
    assert store.device("moc-bai-1").status == "revoked"
    store.close()


def test_admins_publish_from_the_publishing_page(hub: Path) -> None:
    from hub.publishing.keys import ROLES, KeyStore
    from hub.publishing.publish import repository_for

    keys = KeyStore(hub / "keys")
    for role in ROLES:
        keys.generate(role)
    repository_for(hub, keys).init()
    client = TestClient(app_for(hub))
    login(client, "admin")
    page = client.get("/publishing")
    assert "Publish" in page.text or "Xuất bản" in page.text
    published = client.post(
        "/publishing/publish", data={"csrf_token": csrf_from(page.text)}, follow_redirects=False
    )
    assert published.status_code == 303, published.text[:500]
    channels = _rows(client.get("/publishing.csv?table=channels"))
    assert len(channels) == 1 + len(SMALL_GATES)
    assert all(row[6] == "1" for row in channels[1:])  # content version 1 everywhere
