"""Building the kiosk's fonts, one file per script and weight, from the system's Noto fonts.

Kivy's SDL2 text provider has no font fallback, and Noto Sans Khmer and Noto Sans Lao carry no
Latin letters or digits, which Khmer and Lao content uses. So the Khmer and Lao fonts are built
by merging Noto Sans's Latin glyphs into them. The Chinese font is the Simplified Chinese face
taken out of the Noto Sans CJK collection (its first face is Japanese, and Kivy opens only the
first). Every built font is written to a temporary file and moved into place, so a font file
that exists is complete.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

log = logging.getLogger(__name__)

SOURCE_DIRS: tuple[Path, ...] = (
    Path("/usr/share/fonts/truetype/noto"),
    Path("/usr/share/fonts/opentype/noto"),
)
WEIGHTS: tuple[str, ...] = ("regular", "bold")
SCRIPTS: tuple[str, ...] = ("latn", "khmr", "laoo", "hani")

_LATIN_SOURCE = "NotoSans-{Weight}.ttf"
_MERGED_SOURCES = {"khmr": "NotoSansKhmer-{Weight}.ttf", "laoo": "NotoSansLao-{Weight}.ttf"}
_CJK_SOURCE = "NotoSansCJK-{Weight}.ttc"
_CJK_FACE = "Noto Sans CJK SC"
_FAMILY = {"latn": "Latin", "khmr": "Khmer", "laoo": "Lao", "hani": "SC"}

# Unicode blocks borrowed from Noto Sans: Latin with every Vietnamese letter and tone mark,
# punctuation, currency, letter-like symbols, number forms, arrows, maths and shapes.
_LATIN_RANGES = (
    (0x0020, 0x024F), (0x0300, 0x036F), (0x1E00, 0x1EFF), (0x2000, 0x206F),
    (0x2070, 0x209F), (0x20A0, 0x20CF), (0x2100, 0x218F), (0x2190, 0x21FF),
    (0x2200, 0x22FF), (0x25A0, 0x25FF),
)  # fmt: skip


class FontError(RuntimeError):
    """A kiosk font is missing and could not be built (no source font, or an unwritable folder)."""


def font_filename(script: str, weight: str) -> str:
    """The file name of a built font, e.g. 'khmr-bold.ttf' or 'hani-regular.otf'."""
    return f"{script}-{weight}.{'otf' if script == 'hani' else 'ttf'}"


def build_font(script: str, weight: str, out_dir: Path) -> Path:
    """Build one font into out_dir unless it is already there; return its path."""
    target = out_dir / font_filename(script, weight)
    if target.is_file():
        return target
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FontError(f"cannot create the font folder {out_dir}: {error}") from error
    log.info("Building font %s", target.name)
    if script == "latn":
        _install(target, lambda tmp: shutil.copyfile(_source(_LATIN_SOURCE, weight), tmp))
    elif script == "hani":
        _install(target, lambda tmp: _cjk_face(weight).save(tmp))
    elif script in _MERGED_SOURCES:
        _install(target, lambda tmp: _merge_latin(script, weight).save(tmp))
    else:
        raise FontError(f"no font source for script {script!r}")
    return target


def _install(target: Path, write: Callable[[Path], object]) -> None:
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as error:
        raise FontError(f"cannot write {target.name} into {target.parent}: {error}") from error
    os.close(handle)
    tmp = Path(name)
    try:
        write(tmp)
        tmp.chmod(0o644)
        tmp.replace(target)
    except (OSError, ValueError, KeyError) as error:
        raise FontError(f"could not build {target.name}: {error}") from error
    finally:
        tmp.unlink(missing_ok=True)


def _source(pattern: str, weight: str) -> Path:
    name = pattern.format(Weight=weight.capitalize())
    for folder in SOURCE_DIRS:
        if (folder / name).is_file():
            return folder / name
    raise FontError(
        f"source font {name} not found in {', '.join(map(str, SOURCE_DIRS))}; "
        "install fonts-noto-core and fonts-noto-cjk"
    )


def _cjk_face(weight: str) -> TTFont:
    from fontTools.ttLib import TTCollection  # fontTools only when a font is built

    collection = TTCollection(_source(_CJK_SOURCE, weight), lazy=True)
    for face in collection.fonts:
        if face["name"].getDebugName(1) == _CJK_FACE:
            _rename(face, "hani", weight)
            return face
    raise FontError(f"{_CJK_FACE} is not in {_CJK_SOURCE.format(Weight=weight)}")


def _merge_latin(script: str, weight: str) -> TTFont:
    """The script's Noto font with Noto Sans's Latin glyphs added for what it lacks."""
    from fontTools import subset  # fontTools only when a font is built
    from fontTools.merge import Merger
    from fontTools.ttLib import TTFont

    primary = TTFont(_source(_MERGED_SOURCES[script], weight))
    own = set(primary.getBestCmap())
    latin = TTFont(_source(_LATIN_SOURCE, weight))
    wanted = [
        code
        for code in latin.getBestCmap()
        if code not in own and any(low <= code <= high for low, high in _LATIN_RANGES)
    ]
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["DSIG"]
    with _fonttools_quiet():
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=wanted)
        subsetter.subset(latin)
        primary_file, latin_file = io.BytesIO(), io.BytesIO()
        for font, file in ((primary, primary_file), (latin, latin_file)):
            if "DSIG" in font:
                del font["DSIG"]
            font.save(file)
            file.seek(0)
        merged = Merger().merge([primary_file, latin_file])
    _rename(merged, script, weight)
    return merged


@contextmanager
def _fonttools_quiet() -> Iterator[None]:
    """fontTools logs each table and glyph list it subsets and merges at INFO (hundreds of
    lines, one with every glyph name): only its warnings and errors while a font is built."""
    names = [
        "fontTools",
        *(name for name in logging.root.manager.loggerDict if name.startswith("fontTools.")),
    ]
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _rename(font: TTFont, script: str, weight: str) -> None:
    """Give a built font its own name, so it is never mistaken for the Noto original."""
    family = f"Kiosk Sans {_FAMILY[script]}"
    style = weight.capitalize()
    table = font["name"]
    for name_id in (1, 2, 3, 4, 6, 16, 17):
        table.removeNames(nameID=name_id)
    for name_id, value in (
        (1, family),
        (2, style),
        (3, f"{family} {style}; built from Noto fonts"),
        (4, f"{family} {style}"),
        (6, f"{family}-{style}".replace(" ", "")),
    ):
        table.setName(value, name_id, 3, 1, 0x409)


def main(argv: list[str] | None = None) -> int:
    """Build every font into a folder, e.g. at set-up: python -m kiosk.text.fontbuild DIR."""
    parser = argparse.ArgumentParser(description="Build the kiosk's fonts into a folder.")
    parser.add_argument("folder", type=Path)
    folder = parser.parse_args(argv).folder
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    log.setLevel(logging.INFO)
    try:
        for script in SCRIPTS:
            for weight in WEIGHTS:
                build_font(script, weight, folder)
    except FontError as error:
        log.error("%s", error)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
