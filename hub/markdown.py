"""The authoring Markdown subset -> catalog body blocks.

Headings, paragraphs, list items (one level), bold and links become blocks of spans; anything
else (HTML, images, code, tables) is kept as plain text. The kiosk never parses markup: the
catalog carries structure, and every span's text is data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark", {"html": False})


@dataclass
class DraftBlock:
    kind: str
    line: int
    spans: list[dict[str, Any]] = field(default_factory=list)

    @property
    def plain_text(self) -> str:
        return "".join(span["text"] for span in self.spans)


def to_blocks(markdown: str, first_line: int = 1) -> list[DraftBlock]:
    """Parse `markdown`; `first_line` is the file line the text starts on, for error messages."""
    blocks: list[DraftBlock] = []
    in_heading = False
    item_depth = 0
    for token in _PARSER.parse(markdown):
        line = first_line + (token.map[0] if token.map else 0)
        if token.type in ("heading_open", "heading_close"):
            in_heading = token.type == "heading_open"
        elif token.type in ("list_item_open", "list_item_close"):
            item_depth += 1 if token.type == "list_item_open" else -1
        elif token.type == "inline":
            spans = _spans(token.children or [])
            kind = "heading" if in_heading else "item" if item_depth else "paragraph"
            if spans:
                blocks.append(DraftBlock(kind, line, spans))
        elif token.type in ("fence", "code_block", "html_block") and token.content.strip():
            blocks.append(DraftBlock("paragraph", line, [{"text": token.content.strip()}]))
    return blocks


def _spans(children: list[Token]) -> list[dict[str, Any]]:
    spans: list[dict[str, Any]] = []
    bold = 0
    href: str | None = None
    for child in children:
        if child.type == "strong_open":
            bold += 1
        elif child.type == "strong_close":
            bold -= 1
        elif child.type == "link_open":
            href = str(child.attrs.get("href", "")) or None
        elif child.type == "link_close":
            href = None
        elif child.type in ("softbreak", "hardbreak"):
            _append(spans, " ", bold > 0, href)
        elif child.type == "image" or child.type in ("text", "code_inline", "html_inline"):
            _append(spans, child.content, bold > 0, href)
    return spans


def _append(spans: list[dict[str, Any]], text: str, bold: bool, href: str | None) -> None:
    if not text:
        return
    if spans and spans[-1].get("bold", False) == bold and spans[-1].get("href") == href:
        spans[-1]["text"] += text
        return
    span: dict[str, Any] = {"text": text}
    if bold:
        span["bold"] = True
    if href and href.startswith(("https://", "http://")):
        span["href"] = href
    spans.append(span)
