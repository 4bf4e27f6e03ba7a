"""Reading a gettext .po file into {msgid: msgstr}, without Babel: the kiosk reads its five UI
catalogs at start, and Babel's full parser costs more than the rest of the attract screen.

Handles what the kiosk's catalogs hold (and what Babel writes): comments, `#, fuzzy` flags,
`msgctxt`, multi-line strings and C escapes. Fuzzy and untranslated entries, the header and
plural entries are left out (plural entries would need a plural rule; the kiosk has none).
Babel stays the tool for writing catalogs (kiosk.i18n_tools); a test checks both agree.
"""

from __future__ import annotations

import ast
from pathlib import Path

_KEYWORDS = ("msgctxt", "msgid_plural", "msgid", "msgstr")


class PoFormatError(ValueError):
    """A line of a .po file that is not a comment, a keyword or a string."""


def read_messages(path: Path) -> dict[str, str]:
    """Translated, non-fuzzy messages of the .po file at `path`."""
    messages: dict[str, str] = {}
    entry: dict[str, str] = {}
    fuzzy = False
    current = ""

    def finish() -> None:
        nonlocal entry, fuzzy
        msgid, msgstr = entry.get("msgid"), entry.get("msgstr")
        plain = "msgctxt" not in entry and "msgid_plural" not in entry
        if msgid and msgstr and plain and not fuzzy:
            messages[msgid] = msgstr
        entry, fuzzy = {}, False

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if entry.get("msgstr") is not None:
                finish()
            if line.startswith("#,") and "fuzzy" in (flag.strip() for flag in line[2:].split(",")):
                fuzzy = True
            continue
        if line.startswith('"'):
            if not current:
                raise PoFormatError(f"{path}:{number}: a string outside an entry")
            entry[current] += _string(line, path, number)
            continue
        keyword, _space, value = line.partition(" ")
        keyword = keyword.split("[", 1)[0]  # msgstr[0] of a plural entry
        if keyword not in _KEYWORDS:
            raise PoFormatError(f"{path}:{number}: unknown keyword {keyword!r}")
        if keyword in ("msgctxt", "msgid") and entry.get("msgstr") is not None:
            finish()
        current = keyword
        entry[keyword] = entry.get(keyword, "") if keyword == "msgstr" else ""
        entry[keyword] += _string(value.strip(), path, number)
    finish()
    return messages


def _string(token: str, path: Path, number: int) -> str:
    if len(token) < 2 or not (token.startswith('"') and token.endswith('"')):
        raise PoFormatError(f"{path}:{number}: expected a quoted string")
    if "\\" not in token:
        return token[1:-1]  # most strings: nothing to unescape
    try:
        return ast.literal_eval(token)
    except (SyntaxError, ValueError) as error:
        raise PoFormatError(f"{path}:{number}: {error}") from error
