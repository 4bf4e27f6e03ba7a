"""`python -m kiosk render-article`: one article screen, drawn by the kiosk's own code, to PNG.

The hub's content desk shows this image before publishing, so a Khmer or Lao layout problem is
seen on the desk, not at the gate. The catalog is checked first: a broken catalog, an unknown
article or a language the catalog does not offer stops with one clear line and exit code 2.
Content is built into a scratch folder that is removed afterwards.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import catalog
from catalog import Catalog

logger = logging.getLogger(__name__)


class PreviewError(Exception):
    """The catalog, article or language cannot be previewed; the message says why."""


@dataclass(frozen=True)
class ArticleShot:
    catalog: Path
    article: str
    lang: str
    orientation: str
    out: Path
    media: Path | None = None
    """A folder of the article's pictures, each named by its sha256 (as on the device)."""


def check(shot: ArticleShot) -> Catalog:
    """The catalog, once it is known to hold the article in a language it offers."""
    try:
        document = catalog.load(shot.catalog.read_bytes())
    except OSError as error:
        raise PreviewError(f"cannot read the catalog: {error}") from error
    except catalog.CatalogError as error:
        raise PreviewError(f"the catalog is not valid: {error}") from error
    if shot.lang not in {offer.code for offer in document.languages}:
        raise PreviewError(f"the catalog offers no language {shot.lang!r}")
    if shot.article not in {article.id for article in document.articles}:
        raise PreviewError(f"the catalog has no article {shot.article!r}")
    return document


def render_article(shot: ArticleShot) -> Path:
    """Draw the article screen offscreen and write it to `shot.out`."""
    check(shot)
    from kiosk.config import load_config
    from kiosk.environment import lock_environment

    scratch = Path(tempfile.mkdtemp(prefix="kiosk-preview-"))
    try:
        config = load_config(
            None,
            embedded_catalog=shot.catalog,
            data_dir=scratch,
            fullscreen=False,
            show_cursor=True,
            media_dir=shot.media,
        )
        lock_environment(scratch / "kivy")
        from kiosk.kivy_setup import apply_kivy_config

        apply_kivy_config(config)
        from kiosk.screenshots import render
        from kiosk.stores import open_stores

        content, state = open_stores(config)
        (written,) = render(
            scratch / "shots",
            config,
            content,
            state,
            orientations=(shot.orientation,),
            langs=(shot.lang,),
            shots=("article",),
            article=shot.article,
        )
        shot.out.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(written, shot.out)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    logger.info("wrote %s", shot.out)
    return shot.out
