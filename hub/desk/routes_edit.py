"""The editor of one article in one language, beside its source language, with the review
buttons; a conflict page when someone saved first; the history with diffs and restore."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from catalog import LANGUAGES
from hub.desk.access import desk, require_powers
from hub.desk.diff import text_diff
from hub.desk.roles import DeskPowers
from hub.desk.store import RevisionConflictError
from hub.desk.texts import FIELDS, Draft
from hub.desk.workflow import (
    ArticleInfo,
    DeskStateError,
    InvalidDraftError,
    approve,
    article_info,
    reject,
    restore,
    save_draft,
    submit,
)
from hub.staff.render import page
from hub.staff.security import NotFoundError, check_csrf

logger = logging.getLogger(__name__)

router = APIRouter(tags=["staff: content desk"])
Powers = Annotated[DeskPowers, Depends(require_powers)]
MAX_FORM_BYTES = 1024 * 1024


def _article(request: Request, article: str, lang: str) -> ArticleInfo:
    info = article_info(desk(request).store, article)
    if info is None or lang not in LANGUAGES:
        raise NotFoundError
    return info


@router.get("/desk/articles/{article}", response_class=HTMLResponse)
def article_page(request: Request, powers: Powers, article: str) -> Response:
    info = article_info(desk(request).store, article)
    if info is None:
        raise NotFoundError
    return RedirectResponse(f"/desk/articles/{article}/{info.source_lang}", 303)


@router.get("/desk/articles/{article}/{lang}", response_class=HTMLResponse)
def editor(
    request: Request, powers: Powers, article: str, lang: str, saved: str = "", title: str = ""
) -> Response:
    info = _article(request, article, lang)
    current = desk(request).store.translation(article, lang)
    draft = Draft.from_text(current.text) if current else Draft.from_text("")
    if current is None and title:
        draft.fields["title"] = title[:200]
    return _editor_page(request, powers, info, lang, draft, {}, saved=saved)


def _editor_page(
    request: Request,
    powers: DeskPowers,
    info: ArticleInfo,
    lang: str,
    draft: Draft,
    problems: dict[str, list[str]],
    status_code: int = 200,
    saved: str = "",
    error: str = "",
) -> Response:
    store = desk(request).store
    current = store.translation(info.id, lang)
    source = store.translation(info.id, info.source_lang)
    changes = []
    if current and source and lang != info.source_lang and current.source_revision:
        then = store.revision(info.id, info.source_lang, current.source_revision)
        if then and then.revision != source.revision:
            changes = text_diff(then.text, source.text)
    review_changes = []
    if current and current.status == "review" and current.approved_revision:
        approved = store.revision(info.id, lang, current.approved_revision)
        review_changes = text_diff(approved.text if approved else "", current.text)
    return page(
        request, "desk/editor.html", status_code, title=f"{info.id} · {lang}", info=info,
        lang_code=lang, languages=LANGUAGES, current=current, draft=draft, fields=FIELDS,
        problems=problems, source=Draft.from_text(source.text) if source else None,
        statuses={t.lang: t.status for t in store.translations(info.id)}, changes=changes,
        may_edit=powers.may_edit(info.gates, lang, info.source_lang),
        may_review=powers.has("reviewer") and powers.covers(info.gates),
        review_changes=review_changes, saved=saved, error=error, head_css=True,
    )  # fmt: skip


async def _typed(request: Request) -> tuple[Draft, int, str]:
    length = int(request.headers.get("content-length") or 0)
    if length > MAX_FORM_BYTES:
        draft = Draft({name: "" for name in FIELDS}, "")
        return draft, -1, "too_large"
    form = await request.form()
    fields = {name: str(form.get(name, "")).replace("\r\n", "\n") for name in FIELDS}
    body = str(form.get("body", "")).replace("\r\n", "\n")
    try:
        based_on = int(str(form.get("based_on", "0")))
    except ValueError:
        based_on = -1
    return Draft(fields, body), based_on, str(form.get("action", "save"))


@router.post("/desk/articles/{article}/{lang}", dependencies=[Depends(check_csrf)])
async def save(request: Request, powers: Powers, article: str, lang: str) -> Response:
    info = _article(request, article, lang)
    draft, based_on, action = await _typed(request)
    store = desk(request).store
    if action == "too_large":
        return _editor_page(request, powers, info, lang, draft, {}, 413, error="too_large")
    try:
        save_draft(store, powers, info, lang, draft, based_on)
        if action == "submit":
            submit(store, powers, info, lang)
    except InvalidDraftError as error:
        return _editor_page(request, powers, info, lang, draft, error.problems, 400)
    except RevisionConflictError as conflict:
        return page(
            request, "desk/conflict.html", 409, title=f"{article} · {lang}", info=info,
            lang_code=lang, mine=draft, theirs=conflict.current, fields=FIELDS,
            theirs_draft=Draft.from_text(conflict.current.text), head_css=True,
        )  # fmt: skip
    return RedirectResponse(f"/desk/articles/{article}/{lang}?saved={action}", 303)


@router.post("/desk/articles/{article}/{lang}/{step}", dependencies=[Depends(check_csrf)])
async def review_step(
    request: Request, powers: Powers, article: str, lang: str, step: str
) -> Response:
    info = _article(request, article, lang)
    store = desk(request).store
    form = await request.form()
    try:
        if step == "submit":
            submit(store, powers, info, lang)
        elif step == "approve":
            approve(store, powers, info, lang)
        elif step == "reject":
            reject(store, powers, info, lang, str(form.get("reason", ""))[:1000])
        elif step == "restore":
            restore(store, powers, info, lang, int(str(form.get("revision", "0")) or 0))
        else:
            raise NotFoundError
    except (DeskStateError, InvalidDraftError, ValueError) as error:
        current = store.translation(article, lang)
        draft = Draft.from_text(current.text if current else "")
        return _editor_page(request, powers, info, lang, draft, {}, 400, error=str(error))
    return RedirectResponse(f"/desk/articles/{article}/{lang}?saved={step}", 303)


@router.get("/desk/articles/{article}/{lang}/history", response_class=HTMLResponse)
def history(
    request: Request, powers: Powers, article: str, lang: str, a: int = 0, b: int = 0
) -> Response:
    info = _article(request, article, lang)
    store = desk(request).store
    revisions = store.revisions(article, lang)
    if not revisions:
        raise NotFoundError
    newest = revisions[0].revision
    b = b or newest
    a = a or max(1, b - 1)
    left, right = store.revision(article, lang, a), store.revision(article, lang, b)
    changes = text_diff(left.text, right.text) if left and right else []
    return page(
        request, "desk/history.html", title=f"{article} · {lang}", info=info, lang_code=lang,
        revisions=revisions, a=a, b=b, changes=changes,
        may_edit=powers.may_edit(info.gates, lang, info.source_lang), head_css=True,
    )  # fmt: skip
