"""QR take-away: `/q/<kiosk>/<lang>/<article>` counts an open and shows the article on a phone.

The open is counted per (kiosk, hour, article, language); nothing about the phone is kept, and
no login is needed. Opens beyond a per-address rate are shown but not counted, so reloading a
page does not inflate the figure.
"""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response

from catalog import LANGUAGES
from catalog.model import Article, Translation
from hub.staff.messages import takeaway_text
from hub.staff.render import SECURITY_HEADERS, environment
from hub.staff.security import staff

logger = logging.getLogger(__name__)

router = APIRouter(tags=["QR take-away"])

DeviceId = Annotated[str, Path(max_length=80, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")]
Lang = Annotated[str, Path(max_length=12, pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]
ArticleId = Annotated[str, Path(max_length=63, pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")]


def _pick(article: Article, lang: str, fallbacks: list[str]) -> tuple[str, Translation]:
    for code in [lang, *fallbacks, "en", "vi", *LANGUAGES]:
        if code in article.translations:
            return code, article.translations[code]
    code, translation = next(iter(article.translations.items()))
    return code, translation


@router.get("/q/{device_id}/{lang}/{article_id}", response_class=HTMLResponse)
def takeaway(request: Request, device_id: DeviceId, lang: Lang, article_id: ArticleId) -> Response:
    ctx = staff(request)
    device = ctx.store.device(device_id)
    channels = [device.gate] if device else ctx.content.channels()
    article, channel = None, None
    for candidate in channels:
        article = ctx.content.article(candidate, article_id)
        if article is not None:
            channel = candidate
            break
    wanted = lang if lang in LANGUAGES else "en"
    if article is None or channel is None:
        html = environment.get_template("qr_missing.html").render(
            lang=wanted, text=lambda key: takeaway_text(key, wanted)
        )
        return HTMLResponse(html, status_code=404, headers=SECURITY_HEADERS)
    found = ctx.content.catalog(channel)
    offer = next((o for o in found.languages if o.code == wanted), None) if found else None
    shown_lang, translation = _pick(article, wanted, list(offer.fallback) if offer else [])
    client = request.client.host if request.client else "unknown"
    if device is not None and ctx.qr_limiter.allow(client, ctx.settings.qr_opens_per_minute):
        ctx.qr.record(device.id, article.id, wanted)
    html = environment.get_template("qr_article.html").render(
        lang=shown_lang,
        wanted=wanted,
        fell_back=shown_lang != wanted,
        t=translation,
        blocks=_grouped(translation),
        text=lambda key: takeaway_text(key, shown_lang),
        wanted_text=lambda key: takeaway_text(key, wanted),
        as_of=translation.as_of.strftime("%d/%m/%Y" if shown_lang != "en" else "%d %b %Y"),
        gate=ctx.gates.get(channel).label(shown_lang),
    )
    return HTMLResponse(html, headers=SECURITY_HEADERS)


def _grouped(translation: Translation) -> list[tuple[str, list]]:
    """Blocks with consecutive list items gathered into one list."""
    groups: list[tuple[str, list]] = []
    for block in translation.body:
        if block.kind == "item" and groups and groups[-1][0] == "list":
            groups[-1][1].append(block)
        elif block.kind == "item":
            groups.append(("list", [block]))
        else:
            groups.append((block.kind, [block]))
    return groups
