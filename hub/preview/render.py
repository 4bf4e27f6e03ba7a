"""The article screen as the kiosk draws it, for the content desk: `render_preview` -> PNG bytes.

hub/ never imports kiosk/: the kiosk's own command (`python -m kiosk render-article`) draws the
screen in a subprocess, offscreen, with a time limit and a cap on the image's size. Images are
kept in a cache folder named by the hash of the catalog and the request, so the same draft is
drawn once (a picture is named in the catalog by its hash, so it is part of the key); the kiosk's
built fonts are kept beside them (or in $KIOSK_FONT_DIR). The article's picture is handed to the
kiosk in a scratch media folder, as a device holds it. One preview is drawn at a time (each
starts a Kivy window of about 200 MB).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path

from atomicfile import write_atomic
from catalog import LANGUAGES

logger = logging.getLogger(__name__)

ORIENTATIONS: tuple[str, ...] = ("portrait", "landscape")
TIMEOUT_SECONDS = 90.0
"""A first preview builds the kiosk's fonts (about 15 s on two cores); later ones take 2-3 s."""
MAX_PNG_BYTES = 6_000_000
KEEP_IMAGES = 400
"""The cache keeps this many images; the oldest go first."""
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PROJECT_DIR = Path(__file__).resolve().parents[2]

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_one_at_a_time = threading.Lock()


class PreviewError(Exception):
    """The preview could not be drawn; the message says why, in words staff can act on."""


def render_preview(
    catalog_json: bytes,
    article_id: str,
    lang: str,
    orientation: str,
    *,
    cache_dir: Path,
    timeout: float = TIMEOUT_SECONDS,
    images: Mapping[str, bytes] | None = None,
) -> bytes:
    """PNG bytes of `article_id` in `lang`, drawn on the kiosk's `orientation` screen, with
    its picture when `images` (sha256 -> the file's bytes) holds it."""
    if lang not in LANGUAGES:
        raise PreviewError(f"unknown language {lang!r}; languages are {', '.join(LANGUAGES)}")
    if orientation not in ORIENTATIONS:
        raise PreviewError(f"orientation is {' or '.join(ORIENTATIONS)}, not {orientation!r}")
    request = f"\0{article_id}\0{lang}\0{orientation}".encode()
    key = hashlib.sha256(catalog_json + request).hexdigest()
    cached = cache_dir / f"{key}.png"
    if cached.is_file():
        return cached.read_bytes()
    with _one_at_a_time:
        if cached.is_file():  # drawn while this request waited
            return cached.read_bytes()
        image = _draw(catalog_json, article_id, lang, orientation, cache_dir, timeout, images)
        cache_dir.mkdir(parents=True, exist_ok=True)
        write_atomic(cached, image)
        _evict(cache_dir)
    return image


def _draw(
    catalog_json: bytes,
    article_id: str,
    lang: str,
    orientation: str,
    cache_dir: Path,
    timeout: float,
    images: Mapping[str, bytes] | None = None,
) -> bytes:
    fonts = Path(os.environ.get("KIOSK_FONT_DIR") or cache_dir / "fonts")
    fonts.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hub-preview-") as scratch:
        document, out = Path(scratch) / "catalog.json", Path(scratch) / "article.png"
        document.write_bytes(catalog_json)
        media = Path(scratch) / "media"
        media.mkdir()
        for sha256, data in (images or {}).items():
            if _SHA256.match(sha256) and hashlib.sha256(data).hexdigest() == sha256:
                (media / sha256).write_bytes(data)
        command = [
            sys.executable, "-m", "kiosk", "render-article",
            f"--catalog={document}", f"--article={article_id}", f"--lang={lang}",
            f"--orientation={orientation}", f"--out={out}", f"--media={media}",
        ]  # fmt: skip
        env = {**os.environ, "KIOSK_FONT_DIR": str(fonts)}
        try:
            done = subprocess.run(  # our own interpreter and module; no shell
                command,
                cwd=PROJECT_DIR,
                env=env,
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise PreviewError(f"the preview took longer than {timeout:g} s") from error
        if done.returncode != 0:
            raise PreviewError(_reason(done.stderr))
        if not out.is_file() or out.stat().st_size > MAX_PNG_BYTES:
            raise PreviewError(f"the kiosk drew no image of at most {MAX_PNG_BYTES} bytes")
        image = out.read_bytes()
    if not image.startswith(PNG_SIGNATURE):
        raise PreviewError("the kiosk drew something that is not a PNG image")
    logger.info("preview of %s (%s, %s) drawn", article_id, lang, orientation)
    return image


def _reason(stderr: bytes) -> str:
    """The kiosk's own one-line error, else the last line it wrote."""
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    for line in reversed(lines):
        if line.startswith("error: "):
            return line.removeprefix("error: ")[:500]
    logger.error("preview failed: %s", "\n".join(lines[-20:]))
    return "the kiosk could not draw this article" + (f": {lines[-1][:300]}" if lines else "")


def _evict(cache_dir: Path) -> None:
    images = sorted(cache_dir.glob("*.png"), key=lambda path: path.stat().st_mtime)
    for old in images[: max(0, len(images) - KEEP_IMAGES)]:
        old.unlink(missing_ok=True)
