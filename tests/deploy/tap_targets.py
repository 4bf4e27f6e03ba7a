"""Where a traveller taps, found in the kiosk's own offscreen layout at the guest's size.

`python -m tests.deploy.tap_targets CATALOG WIDTH HEIGHT` prints, as JSON, the screen pixel
(origin top left, as the touch tablet counts) of: the "English" button on the attract screen,
the first topic's tile on the home screen, and that topic's first article card; and the box
(left, top, width, height) of the attract screen's featured-article panel, which rotates by
itself and so is left out of the screen comparison. The booted guest lays out the same catalog
at the same size, so a tap there hits the same widget.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any


def _centre(widget: Any, height: int) -> tuple[int, int]:
    x, y = widget.to_window(*widget.center)
    return round(x), round(height - y)


def _box(widget: Any, height: int) -> tuple[int, int, int, int]:
    left, top = widget.to_window(widget.x, widget.top)
    return round(left), round(height - top), round(widget.width), round(widget.height)


def _find(root: Any, test: Any) -> Any:
    found = [w for w in root.walk() if test(w) and w.width > 0 and w.height > 0]
    assert found, "widget not on screen"
    return max(found, key=lambda w: w.width * w.height)


def targets(catalog: Path, width: int, height: int) -> dict[str, Any]:
    from kiosk.config import KioskConfig
    from kiosk.environment import lock_environment

    data = Path(tempfile.mkdtemp(prefix="kiosk-targets-"))
    lock_environment(data / "kivy")
    from kiosk.kivy_setup import apply_kivy_config

    config = KioskConfig(data_dir=data, embedded_catalog=catalog, fullscreen=False)
    apply_kivy_config(config.model_copy(update={"window_size": (width, height)}))
    from kivy.base import EventLoop

    from kiosk.app import KioskApp
    from kiosk.screenshots import _first_article, pump
    from kiosk.stores import open_stores
    from kiosk.widgets.cards import ArticleCardButton, TopicTile

    content, state = open_stores(config)
    EventLoop.ensure_window()
    EventLoop.window.size = (width, height)
    app = KioskApp(config, content, state=state)
    app._run_prepare()
    pump(4)
    root = app.root
    english = _find(root, lambda w: getattr(w, "text", None) == "English")
    found: dict[str, Any] = {"english": _centre(english, height)}
    found["rotating"] = _box(app.nav.screen("attract").ids.slide, height)
    app.switch_language("en")
    pump(4)
    topic_id, article_id = _first_article(app, "en")
    tile = _find(root, lambda w: isinstance(w, TopicTile) and w.topic and w.topic.id == topic_id)
    found["topic"] = _centre(tile, height)
    app.open_topic(topic_id)
    pump(4)
    card = _find(
        root, lambda w: isinstance(w, ArticleCardButton) and w.card and w.card.id == article_id
    )
    found["article"] = _centre(card, height)
    found["screen"] = app.nav.current
    return found


if __name__ == "__main__":
    print(json.dumps(targets(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))))
