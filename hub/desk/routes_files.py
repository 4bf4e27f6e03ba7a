"""Desk pages for topics, contacts and gates (edited as checked text), and article images."""

from __future__ import annotations

import logging
from typing import Annotated

import yaml
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from catalog.model import MAX_ASSET_BYTES
from hub.desk.access import desk, require_powers, require_role
from hub.desk.images import ImageRefusedError, check_image
from hub.desk.item_forms import FILE_OF
from hub.desk.roles import DeskPowers
from hub.desk.shared_files import SHARED_FILES, check_shared_file
from hub.desk.shared_items import entries
from hub.desk.workflow import article_info
from hub.staff.render import page
from hub.staff.security import ForbiddenError, NotFoundError, check_csrf

logger = logging.getLogger(__name__)

router = APIRouter(tags=["staff: content desk"])
Powers = Annotated[DeskPowers, Depends(require_powers)]


def _national_author(powers: DeskPowers) -> None:
    require_role(powers, "author")
    if powers.gates is not None:
        raise ForbiddenError


@router.get("/desk/files/{name}", response_class=HTMLResponse)
def shared_file(request: Request, powers: Powers, name: str, saved: str = "") -> Response:
    if name not in SHARED_FILES:
        raise NotFoundError
    text = (desk(request).working(name) or b"").decode("utf-8", "replace")
    may_edit = powers.has("author") and powers.gates is None
    return _file_page(request, name, text, [], may_edit, saved=saved)


@router.post("/desk/files/{name}", dependencies=[Depends(check_csrf)])
async def save_shared_file(request: Request, powers: Powers, name: str) -> Response:
    if name not in SHARED_FILES:
        raise NotFoundError
    _national_author(powers)
    form = await request.form()
    text = str(form.get("text", "")).replace("\r\n", "\n")
    store = desk(request).store
    problems = check_shared_file(store, name, text)
    if problems:
        return _file_page(request, name, text, problems, True, status_code=400)
    desk(request).changes.propose(name, text.encode(), powers.user.username, "edited as text")
    return RedirectResponse(f"/desk/files/{name}?saved=review", 303)


def _file_page(
    request: Request,
    name: str,
    text: str,
    problems: list[str],
    may_edit: bool,
    status_code: int = 200,
    saved: str = "",
) -> Response:
    kind = next(kind for kind, file in FILE_OF.items() if file == name)
    listed = [str(item.get("id", "")) for item in entries(desk(request).working, name)]
    return page(
        request, "desk/file.html", status_code, title=name, name=name, text=text,
        problems=problems, may_edit=may_edit, saved=saved, files=SHARED_FILES, head_css=True,
        kind=kind, listed=listed,
    )  # fmt: skip


@router.post("/desk/articles/{article}/image", dependencies=[Depends(check_csrf)])
async def upload_image(request: Request, powers: Powers, article: str) -> Response:
    store = desk(request).store
    info = article_info(store, article)
    if info is None:
        raise NotFoundError
    if not powers.may_edit(info.gates, info.source_lang, info.source_lang):
        raise ForbiddenError
    form = await request.form(max_part_size=MAX_ASSET_BYTES + 1024)
    upload = form.get("image")
    try:
        if not isinstance(upload, UploadFile):
            raise ImageRefusedError("choose a PNG or JPEG file")
        data = await upload.read(MAX_ASSET_BYTES + 1)
        image = check_image(data, upload.content_type or "", upload.filename or "")
    except ImageRefusedError as error:
        return page(
            request, "desk/image_refused.html", 400, title=article, article=article,
            lang_code=info.source_lang, reason=str(error), head_css=True,
        )  # fmt: skip
    path = f"images/{image.sha256[:16]}{image.suffix}"
    meta = dict(info.meta, image=path)
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=None)
    store.put_file(path, image.data, powers.user.username, "image file")  # unused until approved
    desk(request).changes.propose(
        f"articles/{article}/article.yaml", text.encode(), powers.user.username, f"picture {path}"
    )
    return RedirectResponse(f"/desk/articles/{article}/{info.source_lang}?saved=image", 303)
