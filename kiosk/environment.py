"""Kivy's process-wide set-up, done before the first `import kivy`.

Kivy reads its command line, `KIVY_*`/`KCFG_*` environment variables and a user config file at
import time. A kiosk must ignore all three: a stray variable or argument must not turn on the
inspector, change the window provider or expose the settings panel.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping
from pathlib import Path

KEPT_KIVY_VARIABLES = frozenset({"KIVY_GL_BACKEND", "KIVY_WINDOW"})
"""Kivy variables a device image may legitimately need (graphics driver choice). Nothing else."""


def lock_environment(kivy_home: Path, environ: MutableMapping[str, str] | None = None) -> None:
    """Drop Kivy's environment configuration and point Kivy at its own home folder."""
    env = os.environ if environ is None else environ
    for name in list(env):
        if (name.startswith("KIVY_") and name not in KEPT_KIVY_VARIABLES) or name.startswith(
            "KCFG_"
        ):
            del env[name]
    kivy_home.mkdir(parents=True, exist_ok=True)
    env["KIVY_HOME"] = str(kivy_home.resolve())
    env["KIVY_NO_ARGS"] = "1"  # Kivy's own command-line options are not parsed
    env["KIVY_NO_ENV_CONFIG"] = "1"  # KCFG_section_key variables are not applied
    env["KIVY_NO_CONFIG"] = "1"  # no config.ini is read or written: the defaults, then ours
    env["KIVY_NO_FILELOG"] = "1"  # our logging goes to the journal through stderr
    env["KIVY_CLIPBOARD"] = "dummy"  # nothing to copy or paste on a kiosk
    env["KIVY_LOG_MODE"] = "MIXED"  # Kivy logs through Python logging, our handlers apply
    env["SDL_NO_SIGNAL_HANDLERS"] = "1"  # SIGTERM stops the kiosk, not a refused close (signals)


def kivy_already_imported() -> bool:
    return "kivy" in sys.modules
