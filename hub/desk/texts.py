"""One translation as the desk's form fields <-> its Markdown file with front matter, and every
check a save must pass: the compiler's own rules plus the desk's hostile-input rules."""

from __future__ import annotations

import contextlib
import re
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import frontmatter
import yaml

from hub.compiler import check_translation
from hub.sourcefile import ContentError, load_markdown

FIELDS = ("title", "summary", "source", "source_url", "as_of", "review_by", "takeaway_url")
MAX_TEXT_CHARS = 200_000
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_FIELD_OF_PROBLEM = re.compile(r"^[^:]+:\d+: (?P<field>[a-z_]+)(?:\.\d+)*(?:\.[a-z_]+)*: ")


@dataclass
class Draft:
    """What the editor shows and sends: front-matter fields and the Markdown body."""

    fields: dict[str, str]
    body: str

    @classmethod
    def from_text(cls, text: str) -> Draft:
        try:
            post = frontmatter.loads(text)
        except yaml.YAMLError:
            return cls({name: "" for name in FIELDS}, text)
        fields = {name: _as_text(post.metadata.get(name)) for name in FIELDS}
        return cls(fields, post.content)

    def to_text(self) -> str:
        meta = {name: self.fields[name] for name in FIELDS if self.fields.get(name)}
        for name in ("as_of", "review_by"):
            if name in meta:
                # kept as typed when it is no date; the compiler names the problem
                with contextlib.suppress(ValueError):
                    meta[name] = date.fromisoformat(meta[name])  # type: ignore[assignment]
        head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
        return f"---\n{head}---\n\n{self.body.strip()}\n"


def _as_text(value: object) -> str:
    return "" if value is None else str(value)


def problems_by_field(draft: Draft, lang: str) -> dict[str, list[str]]:
    """Field -> what is wrong with it ('body' for the Markdown, '' for the whole text)."""
    found: dict[str, list[str]] = {}
    everything = "".join([*draft.fields.values(), draft.body])
    if len(everything) > MAX_TEXT_CHARS:
        found.setdefault("body", []).append(
            f"text is too long: {len(everything)} characters, at most {MAX_TEXT_CHARS}"
        )
        return found
    for name, value in [*draft.fields.items(), ("body", draft.body)]:
        if BIDI_CONTROLS.search(value):
            found.setdefault(name, []).append(
                "contains invisible direction-override characters (U+202A-202E, U+2066-2069)"
            )
        if "\x00" in value:
            found.setdefault(name, []).append("contains a NUL character")
        if "\ufffd" in value:
            found.setdefault(name, []).append("not valid UTF-8: a character could not be read")
    if found:
        return found
    if not draft.fields.get("title", "").strip():
        found.setdefault("title", []).append("a title is required")
    for problem in _compiler_problems(draft.to_text(), lang):
        match = _FIELD_OF_PROBLEM.match(problem)
        field = match.group("field") if match else "body"
        field = field if field in FIELDS else "body"
        found.setdefault(field, []).append(problem[match.end() :] if match else problem)
    return found


def _compiler_problems(text: str, lang: str) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="desk-check-") as folder:
        path = Path(folder) / f"{lang}.md"
        path.write_text(text, encoding="utf-8")
        try:
            return check_translation(load_markdown(path), lang)
        except ContentError as error:
            return error.problems
