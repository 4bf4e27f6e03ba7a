"""The start page and the figure definitions staff can read beside the scorecard."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hub.staff.messages import translator
from hub.staff.render import page
from hub.staff.security import Viewer, require_viewer, staff, ui_lang

router = APIRouter(tags=["staff: help"])


@router.get("/", include_in_schema=False)
def start(viewer: Annotated[Viewer, Depends(require_viewer)]) -> Response:
    return RedirectResponse("/scorecard", status_code=303)


@router.get("/help", response_class=HTMLResponse)
def help_page(request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]) -> Response:
    settings = staff(request).settings
    return page(
        request, "help.html", title=translator(ui_lang(request))("help.title"),
        rules=staff(request).store.rules(), fleet=settings.fleet, min_kiosks=settings.min_kiosks_per_query,
    )  # fmt: skip
