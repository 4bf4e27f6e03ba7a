"""The annual investment review: produced by the command line and the Reports page, opened
with pypdf and read back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader

from hub.__main__ import main
from hub.evidence.storage import GateEvent
from hub.staff.context import open_staff_db
from hub.staff.figures import GateFigures
from hub.store.records import Heartbeat, UsageRow, hour_text
from tests.hub.hubui_support import add_device, app_for, login, make_data_dir, store_of

START = datetime(2025, 2, 28, 17, tzinfo=UTC)  # 1 March 2025 in Viet Nam
END = datetime(2025, 6, 30, 17, tzinfo=UTC)  # 1 July 2025


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two gates with a kiosk each, March to June 2025: Móng Cái busy (3 sessions an hour over 30,000 crossings a
    month: expand), Mộc Bài quiet (one session every 4 hours: reconsider); a new screen at
    Móng Cái on 1 May."""
    folder = make_data_dir(tmp_path_factory.mktemp("review"))
    store = store_of(folder)
    add_device(store, "mc-1", "mong-cai", START, revoked=END)
    add_device(store, "mb-1", "moc-bai", START, revoked=END)
    hours = [START + timedelta(hours=n) for n in range(int((END - START) / timedelta(hours=1)))]
    for device in ("mc-1", "mb-1"):
        store.record_heartbeats(
            Heartbeat(
                device, h + timedelta(minutes=5), 1.0, 10**10, received_at=h + timedelta(minutes=5)
            )
            for h in hours
        )
    langs = [("km", 1), ("lo", 1), ("zh", 1)]
    store.upsert_usage(
        "mc-1",
        [UsageRow(hour_text(h), "session_end", {"engaged": True}, 3) for h in hours]
        + [
            UsageRow(hour_text(h), "session_start", {"lang": lang}, n)
            for h in hours
            for lang, n in langs
        ],
    )
    store.upsert_usage(
        "mb-1",
        [UsageRow(hour_text(h), "session_end", {"engaged": True}, 1) for h in hours[::4]],
    )
    moved = GateEvent(
        0, "mong-cai", None, "new_screen", date(2025, 5, 1), "bigger screen", START, "admin"
    )
    store.add_event(moved)
    store.close()
    db = open_staff_db(folder)
    figures = GateFigures(db)
    for month in range(1, 13):
        for gate in ("mong-cai", "moc-bai"):
            figures.set_crossings(gate, f"2025-{month:02d}", 30_000, "test")
    db.close()
    return folder


def _text(pdf: bytes) -> list[str]:
    """Each page's text, words joined by single spaces (table cells wrap)."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(pdf)).pages]


def _fonts(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(BytesIO(pdf)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_the_command_line_writes_the_review(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.pdf"
    assert (
        main(
            [
                "report",
                "review",
                "--year",
                "2025",
                "--data-dir",
                str(data),
                "--lang",
                "en",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    pages = _text(out.read_bytes())
    assert len(pages) == 1 + 4  # the ranking, then one page per gate (four gates listed)
    cover = pages[0]
    assert "Annual investment review 2025" in cover and "National ranking" in cover
    assert "From 01/01/2025 to 31/12/2025" in cover
    mong_cai = next(p for p in pages[1:] if "Mong Cai International Border Gate" in p)
    assert "Expand" in mong_cai
    assert "sessions per 1,000 crossings (95 %:" in mong_cai
    assert "New screen: bigger screen" in mong_cai and "No clear change" in mong_cai
    for figure in ("Engaged", "Helpful", "QR conversion", "Uptime", "Cost / engaged session"):
        assert figure in mong_cai
    moc_bai = next(p for p in pages[1:] if "Moc Bai International Border Gate" in p)
    assert "Reconsider" in moc_bai and "low demand" in moc_bai


def test_the_review_carries_the_fonts_of_the_five_scripts(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.pdf"
    assert (
        main(["report", "review", "--year", "2025", "--data-dir", str(data), "-o", str(out)]) == 0
    )
    fonts = " ".join(_fonts(out.read_bytes())).replace("-", "")
    for family in ("NotoSans", "NotoSansKhmer", "NotoSansLao", "NotoSansCJK"):
        assert family in fonts, fonts
    assert "Đánh giá đầu tư năm 2025" in _text(out.read_bytes())[0]


def test_a_year_not_yet_begun_is_refused(data: Path, tmp_path: Path) -> None:
    assert (
        main(
            [
                "report",
                "review",
                "--year",
                "2999",
                "--data-dir",
                str(data),
                "-o",
                str(tmp_path / "x.pdf"),
            ]
        )
        == 1
    )
    assert not (tmp_path / "x.pdf").exists()


@pytest.fixture
def client(data: Path) -> Iterator[TestClient]:
    with TestClient(app_for(data)) as test_client:
        test_client.app.state.staff.clock = lambda: datetime(2025, 12, 1, tzinfo=UTC)  # type: ignore[attr-defined]
        test_client.cookies.set("hub_lang", "en")
        yield test_client


def test_the_reports_page_serves_the_review_to_date_for_the_viewers_gates(
    client: TestClient,
) -> None:
    login(client, "quang-ninh")
    assert "/reports/review/2025.pdf" in client.get("/reports").text
    response = client.get("/reports/review/2025.pdf")
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    pages = _text(response.content)
    assert len(pages) == 2 and "Mong Cai" in pages[1]
    assert "still running" in pages[0]  # 2025 runs to 1 December in this test
    assert "Moc Bai" not in " ".join(pages)


@pytest.mark.parametrize("year", ["2026", "1999", "twenty"])
def test_a_review_of_a_bad_year_is_refused(client: TestClient, year: str) -> None:
    login(client, "admin")
    assert client.get(f"/reports/review/{year}.pdf").status_code in (400, 422)


def test_the_command_line_says_when_there_is_no_hub(tmp_path: Path) -> None:
    out = tmp_path / "review.pdf"
    assert (
        main(["report", "review", "--year", "2025", "--data-dir", str(tmp_path), "-o", str(out)])
        == 1
    )
    assert not out.exists()
