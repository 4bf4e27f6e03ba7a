"""A QR code a traveller can scan to take an answer away (an article's link).

The code is drawn from qrcode's module matrix as a small texture, one texel per module, scaled
by a whole number of pixels with nearest filtering: every module is a sharp square of the same
size at any widget size. Black on white with the standard quiet zone of four modules.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import qrcode
from kivy.graphics.texture import Texture
from kivy.lang import Builder
from kivy.properties import ListProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.widget import Widget
from qrcode.constants import ERROR_CORRECT_M

log = logging.getLogger(__name__)

MAX_QR_BYTES = 512
"""Longest data (UTF-8 bytes) drawn; a catalog URL is at most 500 characters."""
QUIET_ZONE = 4
"""White modules around the code, as the QR standard asks."""
_KV_FILE = Path(__file__).with_name("qr.kv")


class QRDataError(ValueError):
    """The data cannot be drawn as a QR code (empty or too long)."""


def qr_matrix(data: str) -> list[list[bool]]:
    """The QR code's modules for `data` (True is dark), without the quiet zone."""
    size = len(data.encode("utf-8"))
    if not size or size > MAX_QR_BYTES:
        raise QRDataError(f"QR data must be 1 to {MAX_QR_BYTES} bytes, not {size}")
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    return [[bool(module) for module in row] for row in code.get_matrix()]


class QRCodeWidget(Widget):
    """Shows `data` as a QR code, as large as fits the widget, centred."""

    data = StringProperty("")
    matrix = ListProperty([])
    """The drawn modules (rows of booleans, True is dark), empty when nothing is drawn."""
    texture = ObjectProperty(None, allownone=True)
    module_size = NumericProperty(0)
    """Pixels per module: a whole number, 0 when nothing is drawn."""
    code_size = NumericProperty(0)
    """Pixels across the drawn code, quiet zone included."""
    code_pos = ListProperty([0, 0])

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.fbind("pos", self._place)
        self.fbind("size", self._place)
        self.on_data(self, self.data)

    def on_data(self, _instance: object, data: str) -> None:
        try:
            self.matrix = qr_matrix(data) if data else []
        except QRDataError as error:
            log.warning("QR code not shown: %s", error)
            self.matrix = []
        self.texture = _texture(self.matrix) if self.matrix else None
        self._place()

    def _place(self, *_args: object) -> None:
        modules = len(self.matrix) + 2 * QUIET_ZONE if self.matrix else 0
        self.module_size = max(1, int(min(self.size) // modules)) if modules else 0
        self.code_size = self.module_size * modules
        self.code_pos = [
            int(self.center_x - self.code_size / 2),
            int(self.center_y - self.code_size / 2),
        ]


def _texture(matrix: list[list[bool]]) -> Texture:
    """One texel per module, quiet zone included; rows bottom-up as GL textures are."""
    side = len(matrix) + 2 * QUIET_ZONE
    white, black = b"\xff\xff\xff\xff", b"\x00\x00\x00\xff"
    blank = white * side
    margin = white * QUIET_ZONE
    rows = [blank] * QUIET_ZONE
    rows += [margin + b"".join(black if dark else white for dark in row) + margin for row in matrix]
    rows += [blank] * QUIET_ZONE
    texture = Texture.create(size=(side, side), colorfmt="rgba")
    texture.mag_filter = "nearest"
    texture.min_filter = "nearest"
    texture.blit_buffer(b"".join(reversed(rows)), colorfmt="rgba", bufferfmt="ubyte")
    return texture


if str(_KV_FILE) not in Builder.files:
    Builder.load_file(str(_KV_FILE))
