"""Fonts: every script the kiosk writes has its font files, with glyphs for real text, and renders.

Coverage is read from each font's character map (a missing glyph would show as a box); then a
sample is rendered with Kivy's own text provider, offscreen, without opening a window.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from fontTools.ttLib import TTFont

from doctor.context import Context
from doctor.report import Result, failed, passed
from kiosk.text.fontbuild import SCRIPTS, WEIGHTS, font_filename

logger = logging.getLogger(__name__)

SAMPLES: dict[str, str] = {
    "latn": "Tiếng Việt: Đường đến cửa khẩu, hộ chiếu, thị thực. English 0123456789 ₫ €",
    "khmr": "ភាសាខ្មែរ ច្រកព្រំដែន លិខិតឆ្លងដែន 113 km 2026",
    "laoo": "ພາສາລາວ ດ່ານຊາຍແດນ ໜັງສືຜ່ານແດນ 113 km 2026",
    "hani": "中文 入境手续 口岸 护照 签证 113 km 2026",
}
"""Real words in each script, with the digits and Latin letters that appear inside them."""
SCRIPT_CODES = {"latn": "Latn", "khmr": "Khmr", "laoo": "Laoo", "hani": "Hani"}
SCRIPT_NAMES = {"latn": "Latin/Vietnamese", "khmr": "Khmer", "laoo": "Lao", "hani": "Chinese"}
REINSTALL = "reinstall the kiosk bundle (`sudo ./install.sh` from the bundle folder)"


def font_folder(ctx: Context) -> Path:
    """Where the kiosk reads its fonts: KIOSK_FONT_DIR (set in the bundle), else its Kivy home."""
    if ctx.font_dir is not None:
        return ctx.font_dir
    return ctx.data_dir / "kivy" / "fonts"


def check_fonts(ctx: Context) -> list[Result]:
    folder = font_folder(ctx)
    return [_check_script(folder, script) for script in SCRIPTS]


def _check_script(folder: Path, script: str) -> Result:
    name = f"font {SCRIPT_NAMES.get(script, script)}"
    sample = SAMPLES.get(script, "")
    for weight in WEIGHTS:
        path = folder / font_filename(script, weight)
        if not path.is_file():
            return failed(name, f"{path} is missing", REINSTALL)
        try:
            missing = missing_characters(path, sample)
        except Exception as error:  # any parse failure means a broken file
            return failed(name, f"{path.name} cannot be read: {error}", REINSTALL)
        if missing:
            shown = " ".join(f"U+{ord(char):04X}" for char in missing[:8])
            return failed(name, f"{path.name} has no glyph for {shown}", REINSTALL)
    regular = folder / font_filename(script, "regular")
    try:
        ink = rendered_ink(regular, SCRIPT_CODES.get(script, "Latn"), sample)
    except Exception as error:  # SDL_ttf or Kivy could not open it
        return failed(name, f"{regular.name} does not render: {error}", REINSTALL)
    if ink == 0:
        return failed(name, f"{regular.name} renders nothing", REINSTALL)
    return passed(name, f"{regular.name} and bold render ({len(sample)} sample characters)")


def missing_characters(path: Path, text: str) -> list[str]:
    """Characters of `text` (other than spaces and joiners) the font has no glyph for."""
    with TTFont(path, lazy=True) as font:
        cmap = font.getBestCmap() or {}
    return sorted({char for char in text if not char.isspace() and ord(char) not in cmap})


def rendered_ink(path: Path, script: str, text: str) -> int:
    """How many pixels Kivy's text provider inks when it draws `text` with the font at `path`."""
    _quiet_kivy()
    from kivy.core.text import Label as CoreLabel

    label = CoreLabel(text=text, font_name=str(path), font_size=32, font_script_name=script)
    label.resolve_font_name()
    width, height = label.render()
    label._size = (width, height)  # what refresh() would set before drawing
    label._render_begin()
    lines = label._cached_lines
    label.render_lines(
        lines, label._default_line_options(lines), label._render_text, 0, (width, height)
    )
    data = label._render_end()
    pixels = data.data
    return sum(1 for alpha in pixels[3::4] if alpha)


def _quiet_kivy() -> None:
    """Kivy set up for a tool: no arguments parsed, no logs on screen, a throw-away home."""
    if "kivy" in sys.modules:
        return
    home = tempfile.mkdtemp(prefix="kiosk-doctor-kivy-")
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    os.environ.update(
        {
            "KIVY_HOME": home,
            "KIVY_NO_ARGS": "1",
            "KIVY_NO_CONSOLELOG": "1",
            "KIVY_NO_FILELOG": "1",
            "KIVY_NO_CONFIG": "1",
            "KIVY_LOG_MODE": "PYTHON",  # Kivy leaves the logging set-up to this process
        }
    )
