"""What the article's QR code opens."""

from __future__ import annotations

from urllib.parse import quote

from catalog.qrlink import QrCodeError, short_code


def takeaway_url(
    base_url: str | None,
    device_id: str | None,
    lang: str,
    article_id: str,
    article_url: str | None,
    source_url: str,
) -> str:
    """`<base>/q/<code>` when a take-away service is configured (a 14-character code made here,
    without the hub: see catalog.qrlink), else the article's own take-away link, else its source."""
    if base_url:
        device = device_id or "unenrolled"
        base = base_url.rstrip("/")
        try:
            return f"{base}/q/{short_code(device, lang, article_id)}"
        except QrCodeError:  # a language the short code cannot carry: the long form
            parts = (quote(part, safe="") for part in (device, lang, article_id))
            return f"{base}/q/{'/'.join(parts)}"
    return article_url or source_url
