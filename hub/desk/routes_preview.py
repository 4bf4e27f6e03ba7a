"""The desk's preview page: one article in one language as the kiosk draws it, portrait and
landscape, at one of the article's gates, from the working drafts (hub.desk.preview_source)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from catalog import LANGUAGES
from hub.desk.access import desk, require_powers
from hub.desk.roles import DeskPowers
from hub.desk.shared_items import entries
from hub.desk.workflow import article_info
from hub.staff.render import page
from hub.staff.security import NotFoundError

router = APIRouter(tags=["staff: content desk"])
Powers = Annotated[DeskPowers, Depends(require_powers)]


@router.get("/desk/articles/{article}/{lang}/preview", response_class=HTMLResponse)
def preview_page(
    request: Request, powers: Powers, article: str, lang: str, gate: str = ""
) -> Response:
    ctx = desk(request)
    info = article_info(ctx.store, article)
    if info is None or lang not in LANGUAGES:
        raise NotFoundError
    known = [str(item.get("id")) for item in entries(ctx.working, "gates.yaml")]
    gates = [g for g in known if info.gates == "all" or g in (info.gates or [])]
    if powers.gates is not None:
        gates = [g for g in gates if g in powers.gates]
    if not gates:
        raise NotFoundError
    chosen = gate if gate in gates else gates[0]
    return page(
        request, "desk/preview.html", title=f"{article} · {lang}", info=info, lang_code=lang,
        languages=LANGUAGES, gates=gates, gate=chosen, head_css=True,
    )  # fmt: skip
