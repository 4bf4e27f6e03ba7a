"""Stand-in for kiosk.qr.QRCodeWidget, used only until the text layer's QR widget is merged."""

from __future__ import annotations

import qrcode
from kivy.graphics import Color, Rectangle
from kivy.properties import StringProperty
from kivy.uix.widget import Widget


class QRCodeWidget(Widget):
    data = StringProperty("")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        for name in ("data", "pos", "size"):
            self.fbind(name, self._draw)

    def _draw(self, *_args: object) -> None:
        self.canvas.clear()
        if not self.data:
            return
        code = qrcode.QRCode(border=2)
        code.add_data(self.data)
        matrix = code.get_matrix()
        side = min(self.size)
        cell = side / len(matrix)
        with self.canvas:
            Color(1, 1, 1, 1)
            Rectangle(pos=self.pos, size=(side, side))
            Color(0, 0, 0, 1)
            for row, cells in enumerate(matrix):
                for col, dark in enumerate(cells):
                    if dark:
                        top = self.y + side - (row + 1) * cell
                        Rectangle(pos=(self.x + col * cell, top), size=(cell, cell))
