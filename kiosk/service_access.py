"""The technician's way in: a hidden tap gesture, then a PIN checked against a stored hash.

The gesture is five taps on the header clock within three seconds. The PIN is never stored:
the config holds `pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>` (`python -m kiosk hash-pin`).
After five wrong PINs the pad stays locked for a minute.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable

ITERATIONS = 200_000
TAPS = 5
TAP_WINDOW_S = 3.0
MAX_FAILURES = 5
LOCKOUT_S = 60.0
MAX_PIN_DIGITS = 12


class PinFormatError(Exception):
    """The stored PIN hash is not in the expected format."""


def hash_pin(pin: str, iterations: int = ITERATIONS, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, iterations, salt, expected = stored.split("$")
        if scheme != "pbkdf2_sha256":
            raise ValueError(scheme)
        digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt), int(iterations))
    except ValueError as error:
        raise PinFormatError("service_pin_hash is not a pbkdf2_sha256 hash") from error
    return hmac.compare_digest(digest.hex(), expected)


class TapGesture:
    """Counts taps; `tap()` returns True on the one that completes the gesture."""

    def __init__(
        self, clock: Callable[[], float], taps: int = TAPS, window_s: float = TAP_WINDOW_S
    ):
        self._clock = clock
        self._taps = taps
        self._window = window_s
        self._times: list[float] = []

    def tap(self) -> bool:
        now = self._clock()
        self._times = [t for t in self._times if now - t <= self._window] + [now]
        if len(self._times) >= self._taps:
            self._times.clear()
            return True
        return False


class PinGate:
    """Checks PINs against the stored hash, with a lockout after repeated failures."""

    def __init__(self, stored_hash: str | None, clock: Callable[[], float]) -> None:
        self._stored = stored_hash
        self._clock = clock
        self._failures = 0
        self._locked_until = 0.0

    @property
    def enabled(self) -> bool:
        return self._stored is not None

    def locked(self) -> bool:
        return self._clock() < self._locked_until

    def check(self, pin: str) -> bool:
        if self._stored is None or self.locked() or not pin or len(pin) > MAX_PIN_DIGITS:
            return False
        if verify_pin(pin, self._stored):
            self._failures = 0
            return True
        self._failures += 1
        if self._failures >= MAX_FAILURES:
            self._failures = 0
            self._locked_until = self._clock() + LOCKOUT_S
        return False
