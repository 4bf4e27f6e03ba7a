"""Search synonyms: `synonyms.yaml` beside the content, one list of word groups per language.

Content staff extend it (docs/authoring.md); the compiler checks it here with the catalog's own
model and carries it in the catalog, where the kiosk checks it again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from catalog.model import LANGUAGES, Synonyms
from hub.sourcefile import Located, load_yaml

FILE_NAME = "synonyms.yaml"
_CHECK: TypeAdapter[dict[str, list[list[str]]]] = TypeAdapter(Synonyms)


def load_synonyms(content_dir: Path, problems: list[str]) -> dict[str, list[list[str]]]:
    """The checked synonym groups, or {} when there is no file; problems are appended."""
    path = content_dir / FILE_NAME
    if not path.exists():
        return {}
    source = load_yaml(path)
    data = source.data if source.data is not None else {}
    if not isinstance(data, dict):
        problems.append(f"{path}:1: expected a mapping of language to word groups")
        return {}
    unknown = sorted(str(lang) for lang in data if lang not in LANGUAGES)
    for lang in unknown:
        problems.append(f"{source.where(lang)}: unknown language {lang!r}")
    groups = {lang: _strings(value) for lang, value in data.items() if lang in LANGUAGES}
    try:
        return _CHECK.validate_python(groups)
    except ValidationError as error:
        for problem in error.errors(include_url=False):
            field = tuple(part for part in problem["loc"] if isinstance(part, str | int))
            problems.append(f"{_where(source, field)}: {problem['msg']}")
        return {}


def _strings(value: Any) -> Any:
    """Numbers written bare in YAML (a phone number, say) are words too."""
    if isinstance(value, list):
        return [_strings(item) for item in value]
    return str(value) if isinstance(value, int | float) else value


def _where(source: Located, field: tuple[str | int, ...]) -> str:
    return f"{source.where(*field)}: {'.'.join(map(str, field))}"
