"""Reading authoring files while remembering where each value came from, for `file:line` errors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frontmatter
import yaml

MAX_SOURCE_BYTES = 2 * 1024 * 1024


class ContentError(ValueError):
    """The authoring folder has problems; each line reads `file:line: problem`."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Located:
    """A parsed YAML document plus the line of every mapping key and list item in it."""

    path: Path
    data: Any
    lines: dict[tuple[str | int, ...], int]

    def line(self, *keys: str | int) -> int:
        """The line of the deepest known ancestor of `keys` (1-based)."""
        for depth in range(len(keys), -1, -1):
            if keys[:depth] in self.lines:
                return self.lines[keys[:depth]]
        return 1

    def where(self, *keys: str | int) -> str:
        return f"{self.path}:{self.line(*keys)}"


def read_text(path: Path) -> str:
    if not path.is_file():
        raise ContentError([f"{path}:1: file is missing"])
    if path.stat().st_size > MAX_SOURCE_BYTES:
        raise ContentError([f"{path}:1: file is larger than {MAX_SOURCE_BYTES} bytes"])
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ContentError([f"{path}:1: not UTF-8 text ({error.reason})"]) from error


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML was built with it (several times faster), else PyYAML's."""


def load_yaml(path: Path) -> Located:
    text = read_text(path)
    try:
        loader = _LOADER(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise ContentError([f"{path}:{line}: invalid YAML: {error.problem}"]) from error
    lines: dict[tuple[str | int, ...], int] = {}
    if node is not None:
        _index(node, (), lines)
    return Located(path, data, lines)


def _index(node: yaml.Node, prefix: tuple[str | int, ...], lines: dict) -> None:
    lines[prefix] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (*prefix, str(key_node.value))
            _index(value_node, key, lines)
            lines[key] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index(item, (*prefix, index), lines)


@dataclass(frozen=True)
class MarkdownFile:
    path: Path
    meta: dict[str, Any]
    body: str
    body_line: int
    meta_lines: dict[str, int]

    def where(self, key: str | None = None) -> str:
        return f"{self.path}:{self.meta_lines.get(key, 1) if key else self.body_line}"


def load_markdown(path: Path) -> MarkdownFile:
    text = read_text(path)
    try:
        post = frontmatter.loads(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + 2 if mark else 1
        raise ContentError([f"{path}:{line}: invalid front matter: {error.problem}"]) from error
    body_line = 1
    meta_lines: dict[str, int] = {}
    raw_lines = text.splitlines()
    if raw_lines and raw_lines[0].strip() == "---":
        for number, raw in enumerate(raw_lines[1:], start=2):
            if raw.strip() == "---":
                body_line = number + 1
                break
            key = raw.split(":", 1)[0].strip()
            if key and not raw.startswith((" ", "\t")):
                meta_lines.setdefault(key, number)
    while body_line <= len(raw_lines) and not raw_lines[body_line - 1].strip():
        body_line += 1
    return MarkdownFile(path, dict(post.metadata), post.content, body_line, meta_lines)
