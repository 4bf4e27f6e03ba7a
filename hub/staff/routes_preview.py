"""`GET /desk/preview/{channel}/{article}.png`: an article as the kiosk draws it (hub.preview).

Login required; province staff see only their gates' channels. The catalog and the article's
picture come from `app.state.preview_source` ((channel, article) -> PreviewContent, or None for
an unknown channel) when the content desk sets one (its drafts), else from the authoring folder,
compiled as `hub publish` would. A preview that cannot be drawn answers 422 with the reason in
one line.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import PlainTextResponse, Response

import catalog
from catalog import LANGUAGES
from hub.preview.render import PreviewError, render_preview
from hub.sourcefile import ContentError
from hub.staff.security import NotFoundError, Viewer, require_gate, require_viewer, staff

logger = logging.getLogger(__name__)

router = APIRouter(tags=["staff: preview"])


@dataclass(frozen=True)
class PreviewContent:
    document: bytes
    """The channel's catalog JSON."""
    images: dict[str, bytes] = field(default_factory=dict)
    """The article's picture: sha256 -> the file's bytes."""


PreviewSource = Callable[[str, str], PreviewContent | None]
"""(channel, article) -> what to preview, or None when there is no such channel."""
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


@router.get("/desk/preview/{channel}/{article}.png", response_class=Response)
def article_preview(
    request: Request,
    channel: str,
    article: str,
    viewer: Annotated[Viewer, Depends(require_viewer)],
    lang: Annotated[str, Query(pattern=f"^({'|'.join(LANGUAGES)})$")] = "vi",
    orientation: Annotated[Literal["portrait", "landscape"], Query()] = "portrait",
) -> Response:
    if not (_NAME.match(channel) and _NAME.match(article)):
        raise NotFoundError
    require_gate(viewer, channel)
    ctx = staff(request)
    source: PreviewSource = getattr(request.app.state, "preview_source", None) or (
        lambda name, article_id: folder_preview(ctx.content_dir, name, article_id)
    )
    try:
        content = source(channel, article)
        if content is None:
            raise NotFoundError
        image = render_preview(
            content.document, article, lang, orientation, cache_dir=ctx.data_dir / "previews",
            images=content.images,
        )  # fmt: skip
    except (PreviewError, ContentError) as error:
        return PlainTextResponse(str(error), status_code=422, headers=_NO_SNIFF)
    return Response(
        image,
        media_type="image/png",
        headers={**_NO_SNIFF, "Cache-Control": "private, max-age=300"},
    )


def folder_preview(folder: Path, channel: str, article: str) -> PreviewContent | None:
    """The channel's catalog compiled from an authoring folder, with the article's picture;
    None for an unknown channel."""
    from hub.compiler import compile_channel, list_channels

    if channel not in list_channels(folder):
        return None
    compiled = compile_channel(folder, channel)
    images = {}
    for found in compiled.catalog.articles:
        if found.id == article and found.image and found.image in compiled.asset_files:
            images[found.image] = compiled.asset_files[found.image].read_bytes()
    return PreviewContent(catalog.dump(compiled.catalog), images)


_NO_SNIFF = {"X-Content-Type-Options": "nosniff"}
