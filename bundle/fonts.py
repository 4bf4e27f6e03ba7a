"""The bundle's fonts: the kiosk's per-script fonts, cut down to the characters they must carry.

The full fonts are built by the kiosk's own font builder (kiosk.text.fontbuild) from the Debian
Noto fonts; each is then subset with fontTools, keeping every OpenType layout feature so Khmer
and Lao still shape. File names are the builder's, so the kiosk finds them via KIOSK_FONT_DIR.
"""

from __future__ import annotations

import logging
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from bundle.charset import codepoints_for
from kiosk.text.fontbuild import SCRIPTS, WEIGHTS, build_font

logger = logging.getLogger(__name__)


def subset_fonts(full_dir: Path, out_dir: Path, used: set[str]) -> dict[str, tuple[int, int]]:
    """Build every font into `full_dir` (kept as a cache), subset it into `out_dir`.

    Returns each file's (full size, subset size) in bytes.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for script in SCRIPTS:
        wanted = codepoints_for(script, used)
        for weight in WEIGHTS:
            full = build_font(script, weight, full_dir)
            target = out_dir / full.name
            subset_font(full, target, wanted)
            sizes[full.name] = (full.stat().st_size, target.stat().st_size)
            logger.info("%s: %d -> %d bytes", full.name, *sizes[full.name])
    return sizes


def subset_font(source: Path, target: Path, codepoints: set[int]) -> None:
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.drop_tables += ["DSIG"]
    with TTFont(source) as font:
        available = set(font.getBestCmap() or {})
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(codepoints & available))
        subsetter.subset(font)
        staged = target.with_name(f".{target.name}.tmp")
        font.save(staged)
    staged.replace(target)
