"""QR take-away: `/q/<code>` (or the older `/q/<kiosk>/<lang>/<article>`) counts an open and
shows the article on a phone.

The open is counted per (kiosk, hour, article, language); nothing about the phone is kept, and
no login is needed. Opens beyond a per-address rate are shown but not counted, so reloading a
page does not inflate the figure. An address that names nothing gets a page saying so (404).
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from catalog import LANGUAGES
from catalog.model import Article, Translation
from hub.staff.context import StaffContext
from hub.staff.messages import takeaway_text
from hub.staff.qr_links import Takeaway, from_code, from_long, page_lang
from hub.staff.render import SECURITY_HEADERS, environment
from hub.staff.security import staff

logger = logging.getLogger(__name__)

router = APIRouter(tags=["QR take-away"])


@router.get("/q/{code}", response_class=HTMLResponse)
def takeaway_short(request: Request, code: str) -> Response:
    ctx = staff(request)
    lang, found = from_code(ctx.store, ctx.content, code)
    return _page(request, ctx, found, lang)


@router.get("/q/{device_id}/{lang}/{article_id}", response_class=HTMLResponse)
def takeaway(request: Request, device_id: str, lang: str, article_id: str) -> Response:
    ctx = staff(request)
    found = from_long(ctx.store, ctx.content, device_id, lang, article_id)
    return _page(request, ctx, found, page_lang(lang))


@router.get("/q/{rest:path}", response_class=HTMLResponse)
def takeaway_other(request: Request, rest: str) -> Response:
    """Any other address under /q/ (a code cut short or with slashes in it)."""
    return _page(request, staff(request), None, "en")


def _page(request: Request, ctx: StaffContext, found: Takeaway | None, lang: str) -> Response:
    if found is None:
        html = environment.get_template("qr_missing.html").render(
            lang=lang, text=lambda key: takeaway_text(key, lang)
        )
        return HTMLResponse(html, status_code=404, headers=SECURITY_HEADERS)
    wanted, article = found.lang, found.article
    catalog = ctx.content.catalog(found.channel)
    offer = next((o for o in catalog.languages if o.code == wanted), None) if catalog else None
    shown_lang, translation = _pick(article, wanted, list(offer.fallback) if offer else [])
    client = request.client.host if request.client else "unknown"
    if found.device is not None and ctx.qr_limiter.allow(client, ctx.settings.qr_opens_per_minute):
        ctx.qr.record(found.device.id, article.id, wanted)
    html = environment.get_template("qr_article.html").render(
        lang=shown_lang,
        wanted=wanted,
        fell_back=shown_lang != wanted,
        t=translation,
        blocks=_grouped(translation),
        text=lambda key: takeaway_text(key, shown_lang),
        wanted_text=lambda key: takeaway_text(key, wanted),
        as_of=translation.as_of.strftime("%d/%m/%Y" if shown_lang != "en" else "%d %b %Y"),
        gate=ctx.gates.get(found.channel).label(shown_lang),
    )
    return HTMLResponse(html, headers=SECURITY_HEADERS)


def _pick(article: Article, lang: str, fallbacks: list[str]) -> tuple[str, Translation]:
    for code in [lang, *fallbacks, "en", "vi", *LANGUAGES]:
        if code in article.translations:
            return code, article.translations[code]
    code, translation = next(iter(article.translations.items()))
    return code, translation


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
