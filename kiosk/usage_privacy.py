"""The privacy scrubber: what a traveller typed into search, made safe to keep.

It runs on the UI thread before an event is queued, so raw search text never reaches a queue,
a file or a log. It removes, in this order:
- e-mail addresses (any token holding '@');
- passport machine-readable-zone text (any token holding '<', and runs of 12 or more capitals
  and digits, such as an MRZ line typed without its fillers);
- phone numbers and every other run of digits, in any script (Khmer, Lao, full-width ...),
  together with the Latin letters and separators stuck to them (so 'B1234567' goes whole);
then folds case, squeezes spaces and cuts the result to a short length.
"""

from __future__ import annotations

import re
import unicodedata

MAX_QUERY_CHARS = 32
MAX_INPUT_CHARS = 1_000

_EMAIL = re.compile(r"\S*@\S*")
_MRZ_FILLER = re.compile(r"\S*<\S*")
_MRZ_RUN = re.compile(r"[A-Z0-9]{12,}")
_DIGITS = re.compile(r"[A-Za-z+()./\-]*\d(?:[\dA-Za-z+()./\-]|\s(?=[+(]?\d))*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"\s+")


def clean_query(text: object, max_chars: int = MAX_QUERY_CHARS) -> str:
    """The part of a search query that may be kept. Never raises; returns '' for non-text."""
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFKC", text[:MAX_INPUT_CHARS])
    text = _CONTROL.sub(" ", text)
    text = _EMAIL.sub(" ", text)
    text = _MRZ_FILLER.sub(" ", text)
    text = _MRZ_RUN.sub(" ", text)
    text = _DIGITS.sub(" ", text)
    text = _SPACES.sub(" ", text.casefold()).strip()
    return text[:max_chars].rstrip()
