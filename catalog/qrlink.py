"""Short QR take-away codes: the kiosk makes `<base>/q/<code>` alone, the hub reads it back.

A code is 14 characters of lower-case Crockford base32 (digits and letters without i, l, o, u):

    cccccc  the kiosk: the first 30 bits of SHA-256("qr-device" NUL device id)
    l       the language: its place in catalog.LANGUAGES (0 vi, 1 en, 2 zh, 3 lo, 4 km)
    aaaaaaa the article: the first 35 bits of SHA-256("qr-article" NUL article id)

The kiosk needs no hub to make one. The hub finds the kiosk among the devices it knows and the
article among the articles of that kiosk's gate channel; the hub refuses to publish a channel in
which two articles share a code, and gives new kiosks ids whose codes are unused. A code holds
ids of content and of a machine, nothing about a traveller.

Codes already printed must keep working: this layout, the hash labels and the order of
LANGUAGES never change (a new language goes at the end). A later format gets another length.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

from catalog.model import LANGUAGES

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
DEVICE_CHARS = 6
ARTICLE_CHARS = 7
CODE_LENGTH = DEVICE_CHARS + 1 + ARTICLE_CHARS
_READ_AS = str.maketrans({"o": "0", "i": "1", "l": "1"})


class QrCodeError(ValueError):
    """Not a short take-away code, or a language it cannot carry."""


@dataclass(frozen=True)
class ShortCode:
    device_key: str
    lang: str
    article_key: str


def _hashed(label: str, text: str, chars: int) -> str:
    digest = hashlib.sha256(f"{label}\0{text}".encode()).digest()
    number = int.from_bytes(digest[:8], "big") >> (64 - 5 * chars)
    return "".join(ALPHABET[(number >> (5 * place)) & 31] for place in reversed(range(chars)))


@lru_cache(maxsize=4096)
def device_key(device_id: str) -> str:
    """The kiosk part of its codes (6 characters)."""
    return _hashed("qr-device", device_id, DEVICE_CHARS)


@lru_cache(maxsize=65536)
def article_key(article_id: str) -> str:
    """The article part of its codes (7 characters)."""
    return _hashed("qr-article", article_id, ARTICLE_CHARS)


def short_code(device_id: str, lang: str, article_id: str) -> str:
    if lang not in LANGUAGES:
        raise QrCodeError(f"no short code for language {lang!r}")
    return device_key(device_id) + ALPHABET[LANGUAGES.index(lang)] + article_key(article_id)


def parse_code(text: str) -> ShortCode:
    """A code as printed, or as typed from it (any case; o read as 0, i and l as 1)."""
    if len(text) != CODE_LENGTH:
        raise QrCodeError("a short code has 14 characters")
    code = text.lower().translate(_READ_AS)
    if any(char not in ALPHABET for char in code):
        raise QrCodeError("a short code has only digits and letters")
    index = ALPHABET.index(code[DEVICE_CHARS])
    if index >= len(LANGUAGES):
        raise QrCodeError("unknown language in a short code")
    return ShortCode(code[:DEVICE_CHARS], LANGUAGES[index], code[DEVICE_CHARS + 1 :])
