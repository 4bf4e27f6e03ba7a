"""From evidence to content: an unanswered search opens a new article with the term, language
and gate filled in."""

from __future__ import annotations

import html
import re
from pathlib import Path

from fastapi.testclient import TestClient

from tests.hub.desk.desk_support import desk_data_dir
from tests.hub.hubui_support import app_for, csrf_from, login


def test_unanswered_searches_on_the_demand_page_link_to_the_desk(demo_hub: Path) -> None:
    with TestClient(app_for(demo_hub)) as client:
        login(client, "admin")
        page = client.get("/demand").text
    links = re.findall(r'href="(/desk/from-evidence\?[^"]+)"', page)
    assert links and "term=" in html.unescape(links[0]) and "lang=" in links[0]


def test_one_click_opens_a_draft_with_term_language_and_gate(tmp_path: Path) -> None:
    with TestClient(app_for(desk_data_dir(tmp_path))) as client:
        login(client, "author")
        form = client.get("/desk/from-evidence?term=visa on arrival&lang=km&gate=moc-bai").text
        assert 'name="id" required maxlength="60"' in form and 'value="visa-on-arrival"' in form
        assert 'value="moc-bai" checked' in form and "<option selected>km</option>" in form
        sent = {
            "csrf_token": csrf_from(form), "id": "visa-on-arrival", "topic": "entry-visa",
            "source_lang": "km", "gates": "moc-bai", "title": "visa on arrival",
        }  # fmt: skip
        created = client.post("/desk/new", data=sent)
        assert created.url.path == "/desk/articles/visa-on-arrival/km"
        assert 'name="title" value="visa on arrival"' in created.text
