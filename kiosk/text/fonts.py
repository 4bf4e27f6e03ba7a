"""Which font, script and size the kiosk uses for each language and text role.

One font file per script and weight, always used with the same `font_script_name`: Kivy keeps
one shaping state per font file and size, so mixing scripts on one file mis-measures text.
The type scale is small on purpose: every (font, size) pair Kivy opens costs memory (about
2.6 MB for Chinese), so roles share sizes, and large text moves each role one step up.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import kivy
from kivy.core.text import LabelBase
from kivy.metrics import sp

from kiosk.text.fontbuild import SCRIPTS, WEIGHTS, FontError, build_font

log = logging.getLogger(__name__)

__all__ = [
    "LARGE_TEXT_STEPS",
    "ROLE_STEPS",
    "TYPE_SCALE",
    "FontError",
    "FontSpec",
    "font_file",
    "font_for",
    "font_size",
    "register_fonts",
]

FONT_DIR_ENV = "KIOSK_FONT_DIR"
"""A folder of prebuilt fonts (named like fontbuild.font_filename); used as it is."""

SCRIPT_OF_LANGUAGE: dict[str, str] = {
    "vi": "Latn",
    "en": "Latn",
    "zh": "Hani",
    "lo": "Laoo",
    "km": "Khmr",
}
"""ISO 15924 script code of each language; other languages are written with the Latin font."""

TYPE_SCALE: tuple[int, ...] = (24, 30, 38, 48, 60)
"""Font sizes in sp for a screen whose short side is 1080 px, each about 1.25 times the last."""
ROLE_STEPS: dict[str, int] = {"small": 0, "body": 1, "heading": 2, "title": 3}
"""Where each text role sits on TYPE_SCALE."""
LARGE_TEXT_STEPS = 1
"""How many steps large text moves a role up TYPE_SCALE (about x1.25, sharing sizes)."""
BOLD_ROLES: frozenset[str] = frozenset({"heading", "title"})


@dataclass(frozen=True)
class FontSpec:
    """A registered font: `name` has `bold_name`'s file as its bold variant (for [b] markup)."""

    name: str
    bold_name: str
    script: str


_files: dict[tuple[str, str], Path] = {}


def default_font_dir() -> Path:
    """Where built fonts are kept when neither an argument nor KIOSK_FONT_DIR names a folder."""
    return Path(kivy.kivy_home_dir) / "fonts"


def register_fonts(font_dir: Path | None = None) -> Path:
    """Register every script's fonts with Kivy, building any that are missing; return the folder.

    The folder is `font_dir`, else $KIOSK_FONT_DIR, else default_font_dir(). Fonts already in the
    folder are used as they are. Raises FontError when one is missing and cannot be built.
    """
    env = os.environ.get(FONT_DIR_ENV)
    folder = Path(font_dir) if font_dir else Path(env) if env else default_font_dir()
    files = {(s, w): build_font(s, w, folder) for s in SCRIPTS for w in WEIGHTS}
    for script in SCRIPTS:
        regular, bold = str(files[script, "regular"]), str(files[script, "bold"])
        spec = _spec(script)
        LabelBase.register(spec.name, regular, fn_bold=bold)
        LabelBase.register(spec.bold_name, bold, fn_bold=bold)
    _files.clear()
    _files.update(files)
    log.info("Fonts registered from %s", folder)
    return folder


def font_for(lang: str) -> FontSpec:
    """The font to write `lang` with. Registers the fonts first if nobody did."""
    if not _files:
        register_fonts()
    return _spec(SCRIPT_OF_LANGUAGE.get(lang, "Latn").lower())


def font_file(lang: str, bold: bool = False) -> Path:
    """The font file that renders `lang` (for coverage checks and diagnostics)."""
    if not _files:
        register_fonts()
    script = SCRIPT_OF_LANGUAGE.get(lang, "Latn").lower()
    return _files[script, "bold" if bold else "regular"]


def font_size(role: str, large_text: bool = False, scale: float = 1.0) -> float:
    """Font size in whole pixels for a text role ('small', 'body', 'heading', 'title').

    `scale` fits the scale to the screen (e.g. short side / 1080); keep it one value per
    screen size, so the kiosk still uses only a few sizes.
    """
    step = ROLE_STEPS[role] + (LARGE_TEXT_STEPS if large_text else 0)
    return float(max(1, round(sp(TYPE_SCALE[min(step, len(TYPE_SCALE) - 1)]) * scale)))


def _spec(script: str) -> FontSpec:
    code = script.capitalize()
    return FontSpec(name=f"Kiosk{code}", bold_name=f"Kiosk{code}Bold", script=code)
