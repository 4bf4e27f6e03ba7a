"""Line-break opportunities for languages written without spaces between words.

Computed once, when the catalog is built, with ICU's dictionaries (icu4py), and carried in the
catalog so the kiosk wraps Khmer, Lao and Chinese at word boundaries, never inside a syllable.
"""

from __future__ import annotations

from icu4py.breakers import LineBreaker

from catalog.model import SEGMENTED_LANGUAGES


def break_offsets(text: str, lang: str) -> list[int]:
    """Offsets strictly inside `text` where a line may break, or [] where spaces suffice."""
    if lang not in SEGMENTED_LANGUAGES or not text:
        return []
    return [start for start, _end in LineBreaker(text, lang).segments() if 0 < start < len(text)]
