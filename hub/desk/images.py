"""Checking an uploaded image before the desk keeps it: PNG or JPEG by its content (not its name
or declared type), at most MAX_ASSET_BYTES, at most MAX_PIXELS, and decodable to the end (a
decompression bomb or a truncated file is refused before it reaches a kiosk)."""

from __future__ import annotations

import hashlib
import io
import logging
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from catalog.model import MAX_ASSET_BYTES

logger = logging.getLogger(__name__)

MAX_PIXELS = 4096 * 4096
_FORMATS = {"PNG": ("image/png", ".png"), "JPEG": ("image/jpeg", ".jpg")}


class ImageRefusedError(ValueError):
    """The upload is not an image the kiosks may show; the message says why."""


@dataclass(frozen=True)
class CheckedImage:
    data: bytes
    media_type: str
    suffix: str
    width: int
    height: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def check_image(data: bytes, declared_type: str = "", filename: str = "") -> CheckedImage:
    if not data:
        raise ImageRefusedError("the file is empty")
    if len(data) > MAX_ASSET_BYTES:
        raise ImageRefusedError(f"the file has {len(data)} bytes; at most {MAX_ASSET_BYTES}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                kind = probe.format or ""
                width, height = probe.size
                if width * height > MAX_PIXELS:
                    raise ImageRefusedError(
                        f"{width} x {height} pixels is too many; at most {MAX_PIXELS}"
                    )
                probe.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ImageRefusedError("too many pixels for its size (a decompression bomb)") from error
    except UnidentifiedImageError as error:
        raise ImageRefusedError("not a PNG or JPEG image") from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ImageRefusedError(f"the image is damaged: {error}") from error
    if kind not in _FORMATS:
        raise ImageRefusedError(f"{kind or 'this'} images are not shown; use PNG or JPEG")
    media_type, suffix = _FORMATS[kind]
    if declared_type and declared_type not in (media_type, "application/octet-stream"):
        raise ImageRefusedError(f"the file says {declared_type!r} but is {media_type}")
    if filename and not filename.lower().endswith((suffix, ".jpeg" if kind == "JPEG" else suffix)):
        raise ImageRefusedError(f"the file name {filename!r} does not match its content ({kind})")
    return CheckedImage(data, media_type, suffix, width, height)
