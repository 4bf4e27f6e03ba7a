"""What changed between two texts, line by line, for the editor and the history page."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from hub.desk.texts import Draft


@dataclass(frozen=True)
class DiffLine:
    kind: str
    """'add', 'remove', 'same' or 'gap'."""
    text: str


def text_diff(before: str, after: str) -> list[DiffLine]:
    """The change between two translation files, as the editor's fields would show it (so a
    change of quoting in the front matter is no change)."""
    return line_diff(Draft.from_text(before).to_text(), Draft.from_text(after).to_text())


def line_diff(before: str, after: str, context: int = 2) -> list[DiffLine]:
    lines: list[DiffLine] = []
    for line in difflib.unified_diff(
        before.splitlines(), after.splitlines(), lineterm="", n=context
    ):
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            lines.append(DiffLine("gap", "…"))
        elif line.startswith("+"):
            lines.append(DiffLine("add", line[1:]))
        elif line.startswith("-"):
            lines.append(DiffLine("remove", line[1:]))
        else:
            lines.append(DiffLine("same", line[1:]))
    return lines
