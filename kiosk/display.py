"""The size of the screen the kiosk is shown on, asked of SDL before the window exists.

A fullscreen kiosk must cover the whole screen whatever draws it: cage (which sizes the window
itself), an X server with a window manager (which honours SDL's fullscreen request) or a bare X
server with none (which honours nothing: SDL's fullscreen request is a message to a window
manager, so the window would stay at its windowed size in the middle of the screen while Kivy
lays out for the whole screen). So the kiosk asks SDL for the screen's bounds first and opens a
borderless window of exactly that size at its top-left corner, which every one of them shows
whole.
"""

from __future__ import annotations

import ctypes
import importlib.util
import logging
import sys
from pathlib import Path

logger = logging.getLogger(__name__)

SDL_INIT_VIDEO = 0x20


class _Rect(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int), ("w", ctypes.c_int), ("h", ctypes.c_int)]


def sdl_module() -> Path | None:
    """Kivy's SDL2 window module (an extension linked to SDL2), found without importing it:
    importing `kivy.core.window` opens the window, which must wait for the size."""
    spec = importlib.util.find_spec("kivy")
    folders = [Path(folder) for folder in (spec.submodule_search_locations or [])] if spec else []
    if hasattr(sys, "_MEIPASS"):
        folders.append(Path(sys._MEIPASS) / "kivy")
    for folder in folders:
        for module in sorted((folder / "core" / "window").glob("_window_sdl2*.so")):
            return module
    return None


def screen_size() -> tuple[int, int] | None:
    """Width and height of the first display in pixels, or None when SDL cannot tell."""
    module = sdl_module()
    if module is None:
        logger.warning("SDL library not found: the screen size is left to the window system")
        return None
    try:
        sdl = ctypes.CDLL(str(module))  # its symbols and those of the SDL2 it links to
    except OSError as error:
        logger.warning("cannot load %s: %s", module, error)
        return None
    # Kivy initialises SDL's video again when it opens the window; SDL counts the calls.
    if sdl.SDL_Init(SDL_INIT_VIDEO) != 0:
        logger.warning("SDL video did not start: the screen size is left to the window system")
        return None
    bounds = _Rect()
    if sdl.SDL_GetDisplayBounds(0, ctypes.byref(bounds)) != 0 or bounds.w <= 0 or bounds.h <= 0:
        logger.warning("no display bounds: the screen size is left to the window system")
        return None
    logger.info("screen %dx%d", bounds.w, bounds.h)
    return bounds.w, bounds.h
