"""The gate directory reports use: each gate's names, province and border, from gates.yaml.

Province analysts are scoped by province slug: the Vietnamese province name without marks,
lower case, words joined by '-' ("Quảng Ninh" -> "quang-ninh").
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from hub.sourcefile import ContentError, load_yaml

logger = logging.getLogger(__name__)

BORDER_NAMES = {
    "CN": {"vi": "Trung Quốc", "en": "China"},
    "LA": {"vi": "Lào", "en": "Laos"},
    "KH": {"vi": "Campuchia", "en": "Cambodia"},
}


def slugify(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def short_province(name: str) -> str:
    for prefix in ("Tỉnh ", "tỉnh "):
        name = name.removeprefix(prefix)
    return name.removesuffix(" Province").removesuffix(" province")


def province_slug(name: str) -> str:
    """'Tỉnh Quảng Ninh' and 'Quảng Ninh' both -> 'quang-ninh'."""
    return slugify(short_province(name))


@dataclass(frozen=True)
class GateInfo:
    id: str
    name: dict[str, str]
    province_name: dict[str, str]
    border: str
    """The neighbour country's ISO code."""

    @property
    def province(self) -> str:
        return province_slug(self.province_name.get("vi") or self.province_name.get("en") or "")

    def label(self, lang: str) -> str:
        return self.name.get(lang) or self.name.get("en") or self.id

    def short(self, lang: str) -> str:
        """The name without "International Border Gate" / "Cửa khẩu quốc tế": for charts, tables."""
        name = self.label(lang)
        for prefix in ("Cửa khẩu quốc tế ", "Cửa khẩu chính ", "Cửa khẩu "):
            name = name.removeprefix(prefix)
        for suffix in (" International Border Gate", " Border Gate", " International Gate"):
            name = name.removesuffix(suffix)
        return name or self.id

    def province_label(self, lang: str) -> str:
        """The province's name without "Tỉnh" / "Province"."""
        return short_province(
            self.province_name.get(lang) or self.province_name.get("en") or self.province
        )


def unknown_gate(gate_id: str) -> GateInfo:
    return GateInfo(gate_id, {"vi": gate_id, "en": gate_id}, {"vi": "?", "en": "?"}, "")


class GateDirectory:
    """Gates by id, from the authoring folder's gates.yaml or, without one, from the published
    catalogs (each names its gate); reloaded when those files change."""

    def __init__(self, content_dir: Path, catalogs_dir: Path | None = None) -> None:
        self.path = Path(content_dir) / "gates.yaml"
        self.catalogs_dir = catalogs_dir
        self._stamp: object = None
        self._gates: dict[str, GateInfo] = {}

    def all(self) -> dict[str, GateInfo]:
        stamp = self._source_stamp()
        if stamp != self._stamp:
            if self.path.is_file():
                self._gates = _load(self.path)
            else:
                self._gates = _from_catalogs(self.catalogs_dir) if self.catalogs_dir else {}
            self._stamp = stamp
        return self._gates

    def _source_stamp(self) -> object:
        try:
            return ("yaml", self.path.stat().st_mtime)
        except OSError:
            pass
        if self.catalogs_dir is None or not self.catalogs_dir.is_dir():
            return None
        return tuple(sorted((p.name, p.stat().st_mtime) for p in self.catalogs_dir.glob("*.json")))

    def get(self, gate_id: str) -> GateInfo:
        return self.all().get(gate_id) or unknown_gate(gate_id)

    def provinces(self) -> dict[str, dict[str, str]]:
        """Province slug -> its names, in gate order."""
        result: dict[str, dict[str, str]] = {}
        for gate in self.all().values():
            names = {lang: short_province(name) for lang, name in gate.province_name.items()}
            result.setdefault(gate.province, names)
        return result

    def in_province(self, province: str) -> list[str]:
        return [gate.id for gate in self.all().values() if gate.province == province]

    def sorted(self, gate_ids: Iterable[str]) -> list[str]:
        order = {gate_id: index for index, gate_id in enumerate(self.all())}
        return sorted(gate_ids, key=lambda g: (order.get(g, len(order)), g))

    def visible(self, allowed: Collection[str] | None) -> list[GateInfo]:
        return [g for g in self.all().values() if allowed is None or g.id in allowed]


def _from_catalogs(folder: Path) -> dict[str, GateInfo]:
    gates = {}
    for path in sorted(folder.glob("*.json")):
        try:
            gate = json.loads(path.read_bytes()).get("gate") or {}
            gates[str(gate["id"])] = GateInfo(
                id=str(gate["id"]),
                name=dict(gate.get("name") or {}),
                province_name=dict(gate.get("province") or {}),
                border=str(gate.get("neighbour_country") or ""),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            logger.warning("cannot read the gate of %s", path)
    return gates


def _load(path: Path) -> dict[str, GateInfo]:
    try:
        data = load_yaml(path).data or []
    except ContentError as error:
        logger.warning("cannot read the gate list: %s", error)
        return {}
    gates = {}
    for item in data:
        if not isinstance(item, dict) or "id" not in item:
            continue
        gates[str(item["id"])] = GateInfo(
            id=str(item["id"]),
            name={str(k): str(v) for k, v in (item.get("name") or {}).items()},
            province_name={str(k): str(v) for k, v in (item.get("province") or {}).items()},
            border=str(item.get("neighbour_country") or ""),
        )
    return gates
