"""Desk pages: the article list with its filters and coverage, a translator's queue, a new
article, and the publisher's button."""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Annotated
from urllib.parse import urlencode

import yaml
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from catalog import LANGUAGES
from hub.desk.access import desk, require_powers, require_role
from hub.desk.evidence import slug
from hub.desk.listing import ListFilter, article_rows, status_counts
from hub.desk.publish import publish_channel
from hub.desk.records import STATUSES
from hub.desk.roles import DeskPowers
from hub.sourcefile import ContentError
from hub.staff.render import page
from hub.staff.security import NotFoundError, check_csrf

logger = logging.getLogger(__name__)

router = APIRouter(tags=["staff: content desk"])
ARTICLE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,59}$")
Powers = Annotated[DeskPowers, Depends(require_powers)]


def _choices(request: Request) -> tuple[list[str], list[str]]:
    """Topic ids and gate ids known to the desk."""
    store = desk(request).store
    topics = yaml.safe_load(store.file("topics.yaml") or b"[]") or []
    gates = yaml.safe_load(store.file("gates.yaml") or b"[]") or []
    ids = [str(item["id"]) for item in topics if isinstance(item, dict) and "id" in item]
    return ids, [str(item["id"]) for item in gates if isinstance(item, dict) and "id" in item]


@router.get("/desk", response_class=HTMLResponse)
def desk_list(
    request: Request,
    powers: Powers,
    topic: str = "",
    gate: str = "",
    lang: str = "",
    status: str = "",
    due: bool = False,
    done: str = "",
) -> Response:
    chosen = ListFilter(topic, gate, lang if lang in LANGUAGES else "", status, due)
    today = date.today()
    rows = article_rows(desk(request).store)
    shown = [row for row in rows if chosen.keeps(row, today)]
    topics, gates = _choices(request)
    return page(
        request, "desk/list.html", title="Desk", rows=shown, total=len(rows),
        counts=status_counts(rows), chosen=chosen, topics=topics, gates=gates,
        languages=LANGUAGES, statuses=STATUSES, powers=powers, today=today, done=done,
        head_css=True,
    )  # fmt: skip


@router.get("/desk/queue/{lang}", response_class=HTMLResponse)
def queue(request: Request, powers: Powers, lang: str) -> Response:
    if lang not in LANGUAGES:
        raise NotFoundError
    rows = [row for row in article_rows(desk(request).store) if powers.covers(row.gates)]
    waiting = {
        status: [row for row in rows if row.statuses[lang] == status]
        for status in ("stale", "missing", "draft", "review")
    }
    return page(
        request, "desk/queue.html", title=lang, lang_code=lang, waiting=waiting, powers=powers,
        head_css=True,
    )  # fmt: skip


@router.get("/desk/new", response_class=HTMLResponse)
def new_form(request: Request, powers: Powers) -> Response:
    require_role(powers, "author")
    return _new_page(request, powers, {}, "")


@router.get("/desk/from-evidence", response_class=HTMLResponse)
def from_evidence(
    request: Request, powers: Powers, term: str = "", lang: str = "vi", gate: str = ""
) -> Response:
    """A new article for an unanswered search, with its term, language and gate filled in."""
    require_role(powers, "author")
    term = term[:100]
    typed = {
        "id": slug(term), "source_lang": lang if lang in LANGUAGES else "vi", "title": term,
        "gates": [gate] if gate else [], "term": term, "term_lang": lang, "term_gate": gate,
    }  # fmt: skip
    return _new_page(request, powers, typed, "")


@router.post("/desk/new", dependencies=[Depends(check_csrf)])
async def new_article(request: Request, powers: Powers) -> Response:
    require_role(powers, "author")
    form = await request.form()
    typed = {key: str(form.get(key, ""))[:200] for key in ("id", "topic", "source_lang", "title")}
    chosen_gates = [str(g) for g in form.getlist("gates")]
    topics, gates = _choices(request)
    store = desk(request).store
    error = ""
    if not ARTICLE_ID.match(typed["id"]):
        error = "id"
    elif typed["id"] in store.articles():
        error = "id_taken"
    elif typed["topic"] not in topics:
        error = "topic"
    elif typed["source_lang"] not in LANGUAGES:
        error = "source_lang"
    elif any(gate not in gates for gate in chosen_gates):
        error = "gates"
    elif not powers.covers(chosen_gates or "all"):
        error = "province"
    if error:
        return _new_page(request, powers, {**typed, "gates": chosen_gates}, error, 400)
    meta = {"topic": typed["topic"], "gates": chosen_gates or "all"}
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=None)
    store.add_article(typed["id"], typed["source_lang"], text.encode(), powers.user.username)
    _note_evidence(request, typed["id"], form, gates, powers.user.username)
    title = f"?{urlencode({'title': typed['title']})}" if typed["title"] else ""
    return RedirectResponse(f"/desk/articles/{typed['id']}/{typed['source_lang']}{title}", 303)


def _note_evidence(
    request: Request, article: str, form: FormData, gates: list[str], username: str
) -> None:
    """A new article opened from an unanswered search remembers its term (#12.7)."""
    term = str(form.get("term", "")).strip()[:100]
    lang, gate = str(form.get("term_lang", "")), str(form.get("term_gate", ""))
    if term and lang in LANGUAGES and (not gate or gate in gates):
        desk(request).evidence.note(article, term, lang, gate, username)


def _new_page(
    request: Request, powers: DeskPowers, typed: dict, error: str, status_code: int = 200
) -> Response:
    topics, gates = _choices(request)
    if powers.gates is not None:
        gates = [gate for gate in gates if gate in powers.gates]
    return page(
        request, "desk/new.html", status_code, title="new", typed=typed, error=error,
        topics=topics, gates=gates, languages=LANGUAGES, head_css=True,
    )  # fmt: skip


@router.post("/desk/publish", dependencies=[Depends(check_csrf)])
def publish(request: Request, powers: Powers) -> Response:
    require_role(powers, "publisher")
    ctx = desk(request)
    try:
        results = publish_channel(ctx.store, ctx.data_dir, ctx.content_dir, powers.user.username)
        ctx.evidence.published(ctx.store.published_articles())
    except ContentError as error:
        return _publish_failed(request, powers, "\n".join(error.problems[:50]))
    except Exception as error:  # keys missing, repository errors: say so, do not crash
        logger.exception("publishing from the desk failed")
        return _publish_failed(request, powers, f"{type(error).__name__}: {error}")
    changed = ",".join(result.channel for result in results if result.changed) or "-"
    return RedirectResponse(f"/desk?done={changed}"[:500], status_code=303)


def _publish_failed(request: Request, powers: DeskPowers, message: str) -> Response:
    rows = article_rows(desk(request).store)
    topics, gates = _choices(request)
    return page(
        request, "desk/list.html", 400, title="Desk", rows=rows, total=len(rows),
        counts=status_counts(rows), chosen=ListFilter(), topics=topics, gates=gates,
        languages=LANGUAGES, statuses=STATUSES, powers=powers, today=date.today(),
        error=message, head_css=True,
    )  # fmt: skip
