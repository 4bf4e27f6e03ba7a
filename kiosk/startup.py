"""Starting fast: Python's cyclic garbage collector waits until the first frame is drawn.

Importing Kivy, the catalog models and the kiosk, and building the attract screen, allocates
hundreds of thousands of objects that live as long as the process. While they are made, the
collector keeps scanning them (about 50 ms of a start on a 2-core device) and finds nothing to
free. `hold_gc()` pauses it when the kiosk starts; `release_gc()`, after the first frame,
collects once, freezes what is alive then (those objects are never scanned again, which also
shortens every later collection) and turns the collector back on.
"""

from __future__ import annotations

import gc
import logging

logger = logging.getLogger(__name__)

_held = False


def hold_gc() -> None:
    """Pause the cyclic garbage collector until `release_gc()` (call first thing at start)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release_gc() -> None:
    """Collect, freeze the survivors and resume the collector, if `hold_gc()` paused it."""
    global _held
    if not _held:
        return
    _held = False
    gc.collect()
    gc.freeze()
    gc.enable()
    logger.debug("garbage collector resumed; %d objects frozen", gc.get_freeze_count())
