"""Loads the text widgets' layout rules (text.kv) once, whichever widget module comes first."""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder

KV_FILE = Path(__file__).with_name("text.kv")


def load() -> None:
    if str(KV_FILE) not in Builder.files:
        Builder.load_file(str(KV_FILE))
