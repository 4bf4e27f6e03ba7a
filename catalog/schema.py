"""The catalog's JSON Schema, generated from the model: `python -m catalog.schema > docs/catalog.schema.json`."""

from __future__ import annotations

import json

from catalog.model import Catalog


def json_schema() -> str:
    return json.dumps(Catalog.model_json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(json_schema(), end="")  # noqa: T201
