"""Enrolment codes, device ids and bearer tokens: how they look, and how only their hashes are kept.

A code is 12 characters of Crockford base32 shown as XXXX-XXXX-XXXX (60 random bits, one use,
a week by default). A token is 256 random bits. Both are high-entropy secrets, so a plain
SHA-256 is the right hash: nothing to brute-force, and checking it costs microseconds.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import UTC, datetime, timedelta

from catalog.qrlink import device_key
from hub.store import HubStore
from hub.store.records import Device

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
DEFAULT_VALID_DAYS = 7.0
GATE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,55}$")
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


class EnrolmentError(ValueError):
    """A gate name or a code that cannot be used."""


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalize_code(code: str) -> str:
    """What a technician typed, as the hub hashes it: capitals, no dashes or spaces."""
    cleaned = re.sub(r"[\s-]+", "", code).upper().translate(_CONFUSABLE)
    if len(cleaned) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in cleaned):
        raise EnrolmentError("an enrolment code is 12 letters and digits, like ABCD-EFGH-JKMN")
    return cleaned


def code_hash(code: str) -> str:
    return hashlib.sha256(normalize_code(code).encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def issue_device(
    store: HubStore, gate: str, valid_days: float = DEFAULT_VALID_DAYS
) -> tuple[Device, str]:
    """Create a pending device for a gate. Returns it and its code (shown once, never stored)."""
    if not GATE_PATTERN.match(gate):
        raise EnrolmentError(f"gate {gate!r}: lower-case letters, digits and '-', like mong-cai")
    code = new_code()
    taken = {device_key(device.id) for device in store.devices()}
    device_id = f"{gate}-{secrets.token_hex(3)}"
    while device_key(device_id) in taken:  # its QR codes must name it alone
        device_id = f"{gate}-{secrets.token_hex(3)}"
    expires = datetime.now(UTC) + timedelta(days=valid_days)
    return store.create_device(device_id, gate, code_hash(code), expires), code


def exchange(store: HubStore, code: str, now: datetime | None = None) -> tuple[Device, str]:
    """Spend a code: returns the now active device and its bearer token (shown once)."""
    token = new_token()
    device = store.enrol(code_hash(code), token_hash(token), now)
    return device, token
