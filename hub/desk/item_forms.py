"""One topic tile, one contact or one gate's languages as form fields <-> its entry in the
shared authoring file, with each problem named on its field.

A form's values are kept as typed (strings), so a refused save shows them again. `parse` turns
them into the YAML entry and checks what belongs to one entry (the catalog's own models, and
phone numbers with the phonenumbers library); check_shared_file then applies every rule of the
compiler to the whole content with the changed entry in place.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

import phonenumbers
from pydantic import BaseModel, ValidationError

from catalog import LANGUAGES
from catalog.model import Contact, LanguageOffer, Topic

logger = logging.getLogger(__name__)

KINDS = ("topic", "contact", "gate")
FILE_OF = {"topic": "topics.yaml", "contact": "contacts.yaml", "gate": "gates.yaml"}
CONTACT_KINDS = (
    "police", "ambulance", "fire", "hospital", "police-post", "border-office", "tourist-help",
    "consulate", "other",
)  # fmt: skip
PHONE_REGION = "VN"
_CODES = re.compile(r"[a-z]{2,3}")

Values = dict[str, str]
Problems = dict[str, list[str]]


@dataclass(frozen=True)
class Parsed:
    entry: dict[str, Any]
    problems: Problems


def values_of(kind: str, entry: dict[str, Any]) -> Values:
    """The form's fields for an entry of the file."""
    if kind == "gate":
        offers = entry.get("languages") or []
        values: Values = {"id": str(entry.get("id", ""))}
        for position, offer in enumerate(offers, start=1):
            if isinstance(offer, dict) and offer.get("code") in LANGUAGES:
                values[f"order.{offer['code']}"] = str(position)
                values[f"fallback.{offer['code']}"] = ", ".join(offer.get("fallback") or [])
        return values
    values = {key: _text(entry.get(key)) for key in ("id", "order", "icon", "kind", "number")}
    gates = entry.get("gates", "all")
    values["gates"] = "all" if gates == "all" else ", ".join(str(g) for g in gates or [])
    for group in ("title", "name", "note", "address"):
        texts = entry.get(group) if isinstance(entry.get(group), dict) else {}
        for lang in LANGUAGES:
            values[f"{group}.{lang}"] = _text(texts.get(lang))
    return values


def parse(kind: str, values: Values, before: dict[str, Any], gate_ids: list[str]) -> Parsed:
    """The entry the form describes (keeping keys the form does not show) and its problems."""
    if kind == "topic":
        entry = {**before, "id": values.get("id", "").strip(), "order": _int(values, "order"),
                 "icon": values.get("icon", "").strip(), "title": _texts(values, "title")}  # fmt: skip
        return Parsed(entry, _model_problems(Topic, entry))
    if kind == "contact":
        return _contact(values, before, gate_ids)
    return _gate_languages(values, before)


def _contact(values: Values, before: dict[str, Any], gate_ids: list[str]) -> Parsed:
    entry: dict[str, Any] = {**before, "id": values.get("id", "").strip(),
                             "kind": values.get("kind", ""),
                             "number": " ".join(values.get("number", "").split())}  # fmt: skip
    for group in ("name", "note", "address"):
        entry.pop(group, None)
        if texts := _texts(values, group):
            entry[group] = texts
    chosen = values.get("gates", "all").strip() or "all"
    gates = "all" if chosen == "all" else [g for g in re.split(r"[\s,]+", chosen) if g]
    entry["gates"] = gates
    problems = _model_problems(Contact, {k: v for k, v in entry.items() if k != "gates"})
    if gates != "all":
        unknown = [g for g in gates if g not in gate_ids]
        if unknown or not gates:
            problems.setdefault("gates", []).append(
                f"unknown gate: {', '.join(unknown)}" if unknown else "name a gate, or all"
            )
    if "number" not in problems and not phone_number_ok(entry["number"]):
        problems["number"] = ["not a telephone number that can be called from Viet Nam"]
    return Parsed(entry, problems)


def phone_number_ok(number: str) -> bool:
    """A full number (Vietnamese, or international with +) or a Vietnamese short number
    such as 113, 114 or 115."""
    try:
        parsed = phonenumbers.parse(number, PHONE_REGION)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(parsed) or phonenumbers.is_valid_short_number_for_region(
        parsed, PHONE_REGION
    )


def _gate_languages(values: Values, before: dict[str, Any]) -> Parsed:
    problems: Problems = {}
    ranked: list[tuple[int, str]] = []
    for lang in LANGUAGES:
        typed = values.get(f"order.{lang}", "").strip()
        if not typed:
            continue
        if not typed.isdigit() or not 1 <= int(typed) <= len(LANGUAGES):
            problems[f"order.{lang}"] = [f"a position from 1 to {len(LANGUAGES)}, or empty"]
            continue
        ranked.append((int(typed), lang))
    positions = [position for position, _ in ranked]
    for position, lang in ranked:
        if positions.count(position) > 1:
            problems.setdefault(f"order.{lang}", []).append("two languages share this position")
    offered = [lang for _, lang in sorted(ranked)]
    if not offered:
        problems["order." + LANGUAGES[0]] = ["offer at least one language"]
    languages = []
    for lang in offered:
        chain = _CODES.findall(values.get(f"fallback.{lang}", "").lower())
        wrong = [code for code in chain if code not in offered or code == lang]
        if wrong or len(chain) != len(set(chain)):
            problems[f"fallback.{lang}"] = [
                f"only other offered languages, each once ({', '.join(offered)})"
            ]
        offer = {"code": lang, "fallback": chain}
        for field, messages in _model_problems(LanguageOffer, offer).items():
            problems.setdefault(f"{field.split('.')[0]}.{lang}", []).extend(messages)
        languages.append(offer)
    return Parsed({**before, "languages": languages}, problems)


def _model_problems(model: type[BaseModel], entry: dict[str, Any]) -> Problems:
    try:
        model.model_validate(entry)
    except ValidationError as error:
        problems: Problems = {}
        for item in error.errors():
            field = ".".join(str(part) for part in item["loc"][:2]) or "id"
            problems.setdefault(field, []).append(item["msg"])
        return problems
    return {}


def _texts(values: Values, group: str) -> dict[str, str]:
    return {
        lang: values[f"{group}.{lang}"].strip()
        for lang in LANGUAGES
        if values.get(f"{group}.{lang}", "").strip()
    }


def _int(values: Values, name: str) -> int | str:
    typed = values.get(name, "").strip()
    return int(typed) if re.fullmatch(r"-?\d{1,6}", typed) else typed


def _text(value: object) -> str:
    return "" if value is None else str(value)
