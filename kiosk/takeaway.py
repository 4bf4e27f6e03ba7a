"""What the article's QR code opens."""

from __future__ import annotations

from urllib.parse import quote


def takeaway_url(
    base_url: str | None,
    device_id: str | None,
    lang: str,
    article_id: str,
    article_url: str | None,
    source_url: str,
) -> str:
    """`<base>/q/<device>/<lang>/<article>` when a take-away service is configured, else the
    article's own take-away link, else its source."""
    if base_url:
        device = quote(device_id or "unenrolled", safe="")
        return (
            f"{base_url.rstrip('/')}/q/{device}/{quote(lang, safe='')}/{quote(article_id, safe='')}"
        )
    return article_url or source_url
