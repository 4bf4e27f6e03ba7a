"""Changes to settings files and article pictures waiting for a second person: the list with
what each one changes, and the reviewer's approve and reject (the two-person rule)."""

from __future__ import annotations

import logging
from typing import Annotated

import yaml
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hub.desk.access import desk, require_powers
from hub.desk.diff import line_diff
from hub.desk.file_changes import ChangeStateError, FileChange
from hub.desk.roles import DeskPowers
from hub.desk.shared_files import SHARED_FILES, check_shared_file
from hub.desk.shared_items import normalized
from hub.desk.workflow import DeskForbiddenError
from hub.staff.render import page
from hub.staff.security import NotFoundError, check_csrf

logger = logging.getLogger(__name__)

router = APIRouter(tags=["staff: content desk"])
Powers = Annotated[DeskPowers, Depends(require_powers)]


def may_decide(powers: DeskPowers, change: FileChange) -> bool:
    """Reviewers decide; settings files are national, a picture within the reviewer's
    province."""
    if not powers.has("reviewer"):
        return False
    if change.path in SHARED_FILES:
        return powers.gates is None
    try:
        meta = yaml.safe_load(change.data.decode("utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError):
        meta = {}
    return powers.covers(meta.get("gates", "all") if isinstance(meta, dict) else "all")


@router.get("/desk/changes", response_class=HTMLResponse)
def changes_page(request: Request, powers: Powers, done: str = "") -> Response:
    return _page(request, powers, done=done)


def _page(
    request: Request, powers: DeskPowers, error: str = "", done: str = "", status_code: int = 200
) -> Response:
    ctx = desk(request)
    shown = []
    for change in ctx.changes.pending():
        before = (ctx.store.file(change.path) or b"").decode("utf-8", "replace")
        after = change.data.decode("utf-8", "replace")
        if change.path in SHARED_FILES:
            before, after = normalized(before), normalized(after)
        lines = line_diff(before, after)
        shown.append((change, lines, may_decide(powers, change)))
    return page(
        request, "desk/changes.html", status_code, title="changes", shown=shown, user=powers.user.username,
        error=error[:300], done=done, head_css=True,
    )  # fmt: skip


@router.post("/desk/changes/{change_id}/{step}", dependencies=[Depends(check_csrf)])
async def decide(request: Request, powers: Powers, change_id: int, step: str) -> Response:
    ctx = desk(request)
    change = ctx.changes.change(change_id)
    if change is None or step not in ("approve", "reject"):
        raise NotFoundError
    if not may_decide(powers, change):
        raise DeskForbiddenError
    form = await request.form()
    try:
        if step == "approve":
            if change.path in SHARED_FILES:
                problems = check_shared_file(ctx.store, change.path, change.data.decode())
                if problems:
                    raise ChangeStateError("; ".join(problems[:5]))
            ctx.changes.approve(change_id, powers.user.username)
        else:
            ctx.changes.reject(change_id, powers.user.username, str(form.get("reason", "")))
    except ChangeStateError as refused:
        return _page(request, powers, error=str(refused), status_code=400)
    return RedirectResponse(f"/desk/changes?done={step}", 303)
