"""Caps on what one article may make the kiosk draw, whatever reached the cache.

The catalog is validated on both ends, but the kiosk still refuses to draw more than these
limits: one label texture must stay well under the GPU's texture size, and a screen must
never take seconds to lay out.
"""

from __future__ import annotations

from typing import Any

from catalog.model import MAX_BLOCKS, MAX_BODY_CHARS, MAX_TITLE, Block

MAX_BLOCK_CHARS = 3_000
KINDS = frozenset({"heading", "paragraph", "item"})


def cap_text(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def cap_breaks(breaks: list[int], length: int) -> list[int]:
    return [offset for offset in breaks if 0 < offset < length]


def cap_title(text: str) -> str:
    return cap_text(text, MAX_TITLE)


def cap_blocks(blocks: list[Any]) -> list[Any]:
    """At most MAX_BLOCKS blocks, each at most MAX_BLOCK_CHARS, MAX_BODY_CHARS in all."""
    kept: list[Any] = []
    budget = MAX_BODY_CHARS
    for block in blocks[:MAX_BLOCKS]:
        if budget <= 0:
            break
        if block.kind not in KINDS:  # a kind this kiosk does not know is shown as a paragraph
            block = Block.model_construct(
                kind="paragraph", spans=list(block.spans), breaks=list(block.breaks)
            )
        limit = min(MAX_BLOCK_CHARS, budget)
        if len(block.plain_text) <= limit:
            kept.append(block)
            budget -= len(block.plain_text)
            continue
        spans, used = [], 0
        for span in block.spans:
            room = limit - used
            if room <= 0:
                break
            text = span.text[:room]
            spans.append(span.model_copy(update={"text": text}))
            used += len(text)
        kept.append(
            Block.model_construct(
                kind=block.kind, spans=spans, breaks=cap_breaks(list(block.breaks), used)
            )
        )
        budget -= used
    return kept
