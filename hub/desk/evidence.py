"""From evidence to content: what travellers searched for and did not find becomes a new draft
with the term, language and gate filled in."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlencode

from catalog import LANGUAGES


def evidence_link(term: str, lang: str, gate: str = "") -> str:
    """The desk address that opens a new article for an unanswered search."""
    values = {"term": term[:100], "lang": lang if lang in LANGUAGES else "vi"}
    if gate:
        values["gate"] = gate
    return f"/desk/from-evidence?{urlencode(values)}"


def slug(term: str) -> str:
    """An article id from a search term: ASCII letters and digits joined by '-'."""
    text = unicodedata.normalize("NFKD", term.replace("đ", "d").replace("Đ", "D"))
    ascii_text = text.encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    found = "-".join(words)[:50].strip("-")
    return found if len(found) >= 2 else "answer"
