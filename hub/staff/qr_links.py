"""Which kiosk, language and article a QR take-away address names.

Two forms: the short `/q/<code>` the kiosks print now (catalog.qrlink), and the long
`/q/<kiosk>/<lang>/<article>` of earlier kiosks, which keeps working. A kiosk the hub does not
know still gets its article (looked up in every channel), but its opens are not counted.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from catalog import LANGUAGES
from catalog.model import Article
from catalog.qrlink import QrCodeError, article_key, device_key, parse_code
from hub.reports.content import ContentIndex
from hub.store import HubStore
from hub.store.records import Device

logger = logging.getLogger(__name__)

DEVICE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")
LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
ARTICLE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


@dataclass(frozen=True)
class Takeaway:
    device: Device | None
    """The kiosk that showed the code, if the hub knows it (only then is the open counted)."""
    lang: str
    """The language asked for: one of catalog.LANGUAGES."""
    channel: str
    article: Article


def page_lang(lang: str) -> str:
    return lang if lang in LANGUAGES else "en"


def from_long(
    store: HubStore, content: ContentIndex, device_id: str, lang: str, article_id: str
) -> Takeaway | None:
    """`/q/<kiosk>/<lang>/<article>`; None when a part is malformed or nothing matches."""
    if not (DEVICE_ID.match(device_id) and LANG.match(lang) and ARTICLE_ID.match(article_id)):
        return None
    device = store.device(device_id)
    channels = [device.gate] if device else content.channels()
    for channel in channels:
        article = content.article(channel, article_id)
        if article is not None:
            return Takeaway(device, page_lang(lang), channel, article)
    return None


def from_code(store: HubStore, content: ContentIndex, text: str) -> tuple[str, Takeaway | None]:
    """`/q/<code>`: the page language, and what the code names (None when nothing matches)."""
    try:
        code = parse_code(text)
    except QrCodeError:
        return "en", None
    devices = [d for d in store.devices() if device_key(d.id) == code.device_key]
    if len(devices) > 1:
        logger.warning("short code %s fits %d kiosks", code.device_key, len(devices))
    candidates: Iterable[tuple[Device | None, str]] = [(d, d.gate) for d in devices] or [
        (None, channel) for channel in content.channels()
    ]
    for device, channel in candidates:
        article = _article(content, channel, code.article_key)
        if article is not None:
            return code.lang, Takeaway(device, code.lang, channel, article)
    return code.lang, None


def _article(content: ContentIndex, channel: str, key: str) -> Article | None:
    found = content.catalog(channel)
    if found is None:
        return None
    return next((a for a in found.articles if article_key(a.id) == key), None)
