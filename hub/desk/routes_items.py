"""Per-field forms for one topic tile, one contact, or one gate's language order and fallback
chain. Every save runs the compiler's rules over the whole content with the change in place;
a refused save shows what was typed, each problem beside its field."""

from __future__ import annotations

import logging
import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from catalog import LANGUAGES
from hub.desk.access import desk, require_powers, require_role
from hub.desk.item_forms import CONTACT_KINDS, FILE_OF, Problems, Values, parse, values_of
from hub.desk.roles import DeskPowers
from hub.desk.shared_files import check_shared_file
from hub.desk.shared_items import entries, entry, with_entry
from hub.staff.render import page
from hub.staff.security import ForbiddenError, NotFoundError, check_csrf

logger = logging.getLogger(__name__)

router = APIRouter(tags=["staff: content desk"])
Powers = Annotated[DeskPowers, Depends(require_powers)]
NEW = "new"
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
MAX_FIELD_CHARS = 2000


def _may_edit(powers: DeskPowers, kind: str, item: dict[str, Any]) -> bool:
    """Topics are national; a contact or a gate's languages also for the province's own
    gates."""
    if not powers.has("author"):
        return False
    if kind == "topic":
        return powers.gates is None
    if kind == "gate":
        return powers.covers([item.get("id")])
    return powers.covers(item.get("gates", "all"))


def _load(request: Request, kind: str, item_id: str) -> dict[str, Any]:
    if kind not in FILE_OF or (item_id == NEW and kind == "gate"):
        raise NotFoundError
    if item_id == NEW:
        return {}
    found = entry(desk(request).working, FILE_OF[kind], item_id)
    if found is None:
        raise NotFoundError
    return found


def item_form(
    request: Request, powers: DeskPowers, kind: str, item_id: str, saved: str
) -> Response:
    item = _load(request, kind, item_id)
    may_edit = _may_edit(powers, kind, item) if item else powers.has("author")
    return _form_page(request, kind, item_id, values_of(kind, item), {}, [], may_edit, saved)


async def save_item(request: Request, powers: DeskPowers, kind: str, item_id: str) -> Response:
    before = _load(request, kind, item_id)
    require_role(powers, "author")
    if before and not _may_edit(powers, kind, before):
        raise ForbiddenError
    form = await request.form()
    values = {
        key: str(value)[:MAX_FIELD_CHARS] for key, value in form.items() if key != "csrf_token"
    }
    if before:
        values["id"] = item_id  # an entry keeps its id: articles and kiosks refer to it
    ctx = desk(request)
    store, read = ctx.store, ctx.working
    gate_ids = [str(g.get("id")) for g in entries(read, "gates.yaml")]
    parsed = parse(kind, values, before, gate_ids)
    problems: Problems = dict(parsed.problems)
    new_id = str(parsed.entry.get("id", ""))
    if not before and not _ID.match(new_id):
        problems.setdefault("id", []).append("lower-case letters, digits and -")
    elif not before and entry(read, FILE_OF[kind], new_id) is not None:
        problems.setdefault("id", []).append("taken")
    if not before and not _may_edit(powers, kind, parsed.entry):
        problems.setdefault("gates", []).append("only your province's gates")
    general: list[str] = []
    text = with_entry(read, FILE_OF[kind], item_id if before else new_id, parsed.entry)
    if not problems:
        general = check_shared_file(store, FILE_OF[kind], text)
    if problems or general:
        return _form_page(request, kind, item_id, values, problems, general, True, status_code=400)
    ctx.changes.propose(FILE_OF[kind], text.encode(), powers.user.username, f"{kind} {new_id}")
    return RedirectResponse(f"/desk/{kind}s/{new_id}?saved=review", 303)


def _routes(kind: str) -> None:
    """GET and POST /desk/<kind>s/<id> for one kind of entry."""

    def show(request: Request, powers: Powers, item_id: str, saved: str = "") -> Response:
        return item_form(request, powers, kind, item_id, saved)

    async def save(request: Request, powers: Powers, item_id: str) -> Response:
        return await save_item(request, powers, kind, item_id)

    path = f"/desk/{kind}s/{{item_id}}"
    router.add_api_route(path, show, methods=["GET"], response_class=HTMLResponse)
    router.add_api_route(path, save, methods=["POST"], dependencies=[Depends(check_csrf)])


for _kind in FILE_OF:
    _routes(_kind)


def _form_page(
    request: Request,
    kind: str,
    item_id: str,
    values: Values,
    problems: Problems,
    general: list[str],
    may_edit: bool,
    saved: str = "",
    status_code: int = 200,
) -> Response:
    return page(
        request, "desk/item.html", status_code, title=f"{kind} {item_id}", kind=kind,
        item_id=item_id, values=values, problems=problems, general=general, may_edit=may_edit,
        saved=saved, languages=LANGUAGES, contact_kinds=CONTACT_KINDS,
        file_name=FILE_OF[kind], new=item_id == NEW, head_css=True,
    )  # fmt: skip
