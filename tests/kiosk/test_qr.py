"""The QR code a traveller scans: exactly qrcode's modules, sharp squares, a white margin."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import qrcode
from qrcode.constants import ERROR_CORRECT_M

URL = "https://vietnam.travel/en/entry/visa?gate=mong-cai&lang=km"


def reference_matrix(data: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


def drawn_pixels(widget: object) -> tuple[bytes, int, int]:
    image = widget.export_as_image()  # type: ignore[attr-defined]
    texture = image.texture
    return texture.pixels, texture.width, texture.height


@pytest.mark.parametrize("size", [(300, 300), (333, 517), (1000, 401)])
def test_the_drawn_code_is_qrcodes_matrix_in_whole_pixel_modules(
    window: object, settle: Callable[[], None], size: tuple[int, int]
) -> None:
    from kiosk.qr import QUIET_ZONE, QRCodeWidget

    widget = QRCodeWidget(data=URL, size_hint=(None, None), size=size)
    window.add_widget(widget)  # type: ignore[attr-defined]
    try:
        settle()
        pixels, width, height = drawn_pixels(widget)
    finally:
        window.remove_widget(widget)  # type: ignore[attr-defined]
    matrix = reference_matrix(URL)
    assert widget.matrix == matrix
    modules = len(matrix) + 2 * QUIET_ZONE
    assert widget.module_size == int(widget.module_size) >= 2
    assert widget.code_size == widget.module_size * modules <= min(size)
    left = widget.code_pos[0] - widget.x
    top = widget.code_pos[1] - widget.y + widget.code_size  # from the widget's bottom

    def dark(column: int, row: int, dx: int, dy: int) -> bool:
        x = int(left + column * widget.module_size + dx)
        y = int(top - row * widget.module_size - 1 - dy)  # row 0 is the top row
        y = height - 1 - y  # exported pixels start at the top
        return pixels[(y * width + x) * 4] < 128

    corners = [(0, 0), (widget.module_size - 1, 0), (0, widget.module_size - 1)]
    for row in range(modules):
        for column in range(modules):
            inside = (
                QUIET_ZONE <= row < modules - QUIET_ZONE
                and QUIET_ZONE <= column < modules - QUIET_ZONE
            )
            expected = inside and matrix[row - QUIET_ZONE][column - QUIET_ZONE]
            for dx, dy in corners:  # every pixel corner of the module has its colour: sharp
                assert dark(column, row, dx, dy) == expected, (row, column)


def test_data_too_long_for_a_code_shows_nothing(window: object) -> None:
    from kiosk.qr import MAX_QR_BYTES, QRCodeWidget, QRDataError, qr_matrix

    widget = QRCodeWidget(data="x" * (MAX_QR_BYTES + 1))
    assert widget.matrix == []
    assert widget.texture is None
    with pytest.raises(QRDataError):
        qr_matrix("x" * (MAX_QR_BYTES + 1))
    widget.data = URL
    assert widget.texture is not None
    widget.data = ""
    assert widget.module_size == 0
