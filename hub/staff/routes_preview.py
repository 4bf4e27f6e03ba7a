"""`GET /desk/preview/{channel}/{article}.png`: an article as the kiosk draws it (hub.preview).

Login required; province staff see only their gates' channels. The catalog comes from
`app.state.preview_source` (channel -> catalog JSON bytes, or None for an unknown channel)
when the content desk sets one, else from the authoring folder, compiled as `hub publish`
would. A preview that cannot be drawn answers 422 with the reason in one line.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import PlainTextResponse, Response

import catalog
from catalog import LANGUAGES
from hub.preview.render import PreviewError, render_preview
from hub.sourcefile import ContentError
from hub.staff.context import StaffContext
from hub.staff.security import NotFoundError, Viewer, require_gate, require_viewer, staff

logger = logging.getLogger(__name__)

router = APIRouter(tags=["staff: preview"])

PreviewSource = Callable[[str], bytes | None]
"""channel -> the catalog JSON to preview, or None when there is no such channel."""
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
        lambda name: folder_catalog(ctx, name)
    )
    try:
        document = source(channel)
        if document is None:
            raise NotFoundError
        image = render_preview(
            document, article, lang, orientation, cache_dir=ctx.data_dir / "previews"
        )
    except (PreviewError, ContentError) as error:
        return PlainTextResponse(str(error), status_code=422, headers=_NO_SNIFF)
    return Response(
        image,
        media_type="image/png",
        headers={**_NO_SNIFF, "Cache-Control": "private, max-age=300"},
    )


def folder_catalog(ctx: StaffContext, channel: str) -> bytes | None:
    """The channel's catalog compiled from the authoring folder; None for an unknown channel."""
    from hub.compiler import compile_channel, list_channels

    if channel not in list_channels(ctx.content_dir):
        return None
    return catalog.dump(compile_channel(ctx.content_dir, channel).catalog)


_NO_SNIFF = {"X-Content-Type-Options": "nosniff"}
