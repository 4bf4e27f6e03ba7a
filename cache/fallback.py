"""Which language a traveller is shown when the text they asked for is missing.

The chain is the requested language, then that language's `fallback` list from the catalog,
then the other offered languages in catalog order. Every product language ends the chain, so
text that exists in any language is shown rather than hidden.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from catalog.model import LANGUAGES


def fallback_chain(languages_json: str, lang: str) -> list[str]:
    """The chain for `lang`, from the catalog's `languages` list as stored in content.db."""
    offers: list[dict[str, object]] = json.loads(languages_json) if languages_json else []
    chain = [lang]
    for offer in offers:
        if offer.get("code") == lang:
            chain.extend(str(code) for code in offer.get("fallback", []))  # type: ignore[attr-defined]
    chain.extend(str(offer.get("code")) for offer in offers)
    chain.extend(LANGUAGES)
    return list(dict.fromkeys(chain))


def pick(texts: Mapping[str, str], chain: list[str]) -> tuple[str, str] | None:
    """(language, text) for the first language in `chain` that has text, or None."""
    for lang in chain:
        text = texts.get(lang)
        if text:
            return lang, text
    return None
