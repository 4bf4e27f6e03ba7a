"""One language at a time: a Vietnamese page holds no English (messages, errors, numbers,
times) and an English page no Vietnamese; staff errors are pages, never JSON."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hub.staff.messages import MESSAGES
from tests.hub.hubui_support import app_for, login
from tests.hub.staff_pages import staff_pages

ENGLISH_ONLY = ("Not Found", "Method Not Allowed", "Field required", "detail", " ago", "just now")
ENGLISH_RUN = re.compile(
    r"\b(?:the|a|an|is|are|of|to|be|as|at|in|on|and|or|no|not)\s[a-z]+\s[A-Za-z]+\b"
)
"""A plain-ASCII phrase led by an English function word, as in an untranslated message."""
ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
POINT_DECIMAL = re.compile(r"(?<![\d.,/])\d+\.(\d{1,2}|\d{4,})(?![\d.])")
"""1.5 or 12.75; Vietnamese writes 1,5 (a dot groups thousands: 1.234 has three digits after)."""


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.prose: list[str] = []
        """Text outside table cells (cells may quote what travellers typed, in any language)."""
        self._hidden = 0
        self._cell = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._hidden += 1
        self._cell += tag == "td"
        for name, value in attrs:
            if name in {"aria-label", "title", "placeholder", "alt"} and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._hidden -= 1
        self._cell -= tag == "td"

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)
            if not self._cell:
                self.prose.append(data)


def visible_text(html: str) -> tuple[str, str]:
    """All the text a reader sees (attributes read aloud included), and the part of it outside
    table cells."""
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split()), " ".join(" ".join(parser.prose).split())


def _phrases(index: int) -> set[str]:
    """Catalog texts of one language (0 vi, 1 en) that differ from the other's, cut at
    placeholders, long enough to be unmistakable."""
    found = set()
    for texts in MESSAGES.values():
        if texts[0] == texts[1]:
            continue
        for piece in re.split(r"\{[^}]*\}", texts[index]):
            piece = piece.strip(" .,:;()–-")
            if len(piece) >= 8 and " " in piece:
                found.add(piece)
    return found


@pytest.fixture(scope="module")
def client(demo_hub: Path) -> Iterator[TestClient]:
    with TestClient(app_for(demo_hub)) as test_client:
        login(test_client, "admin")
        yield test_client


def _page_in(client: TestClient, lang: str, path: str) -> tuple[str, str]:
    client.get(f"/lang/{lang}", follow_redirects=False)
    response = client.get(path, follow_redirects=False)
    assert response.headers["content-type"].startswith("text/html"), (path, response.text[:200])
    return visible_text(response.text)


@pytest.mark.parametrize("path", staff_pages())
def test_a_vietnamese_page_has_no_english(client: TestClient, path: str) -> None:
    text, prose = _page_in(client, "vi", path)
    english = [p for p in _phrases(1) if p in text] + [w for w in ENGLISH_ONLY if w in text]
    english += ENGLISH_RUN.findall(prose)
    assert english == []
    assert ISO_TIME.findall(text) == []
    assert POINT_DECIMAL.findall(text) == []


@pytest.mark.parametrize("path", staff_pages())
def test_an_english_page_has_no_vietnamese(client: TestClient, path: str) -> None:
    text, _ = _page_in(client, "en", path)
    assert [p for p in _phrases(0) if p in text] == []
    assert ISO_TIME.findall(text) == []


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/scorecard?since=2026-13-45", 400),
        ("/fleet?offline_hours=-3", 400),
        ("/demand?stale_months=many", 400),
        ("/reports/monthly/quang-ninh/someday", 400),
        ("/reports/go", 400),
        ("/nothing-here", 404),
    ],
)
def test_a_bad_address_is_a_page_in_the_staff_language_with_a_way_back(
    client: TestClient, path: str, status: int
) -> None:
    client.get("/lang/vi", follow_redirects=False)
    response = client.get(path, follow_redirects=False)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert 'href="/"' in response.text and "Về trang chính" in response.text


def test_a_form_value_out_of_range_is_a_page_not_json(client: TestClient) -> None:
    client.get("/lang/vi", follow_redirects=False)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/users").text)
    assert token
    response = client.post(
        "/users/1/password", data={"password": "x" * 300, "csrf_token": token.group(1)}
    )
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert "Yêu cầu không hợp lệ" in response.text


def test_the_device_api_still_answers_json(client: TestClient) -> None:
    response = client.post("/api/v1/usage", content=b"{}")
    assert response.headers["content-type"] == "application/json"
