"""Service screen for technicians (behind the hidden gesture and the PIN): device id, gate,
content version, last sync result, free storage, a touch-test grid, and restart."""

from __future__ import annotations

import logging
import shutil
from typing import Any

from kivy.properties import ListProperty
from kivy.uix.gridlayout import GridLayout
from kivy.uix.widget import Widget

from kiosk.i18n import _
from kiosk.screens.base import KioskScreen, load_kv

logger = logging.getLogger(__name__)

GRID_COLS, GRID_ROWS = 6, 4
RESTART_EXIT_CODE = 75
"""The kiosk exits with this code to be restarted by its service manager (Restart=always)."""


class TouchCell(Widget):
    hits = ListProperty([])

    def on_touch_down(self, touch: Any) -> bool:
        if self.collide_point(*touch.pos):
            self.hits = [*self.hits[-9:], touch.uid]
            return True
        return False


class TouchGrid(GridLayout):
    def on_kv_post(self, _base: Any) -> None:
        for _index in range(GRID_COLS * GRID_ROWS):
            self.add_widget(TouchCell())

    def clear(self) -> None:
        for cell in self.children:
            cell.hits = []

    def touched(self) -> int:
        return sum(1 for cell in self.children if cell.hits)


class ServiceScreen(KioskScreen):
    keeps_history = False
    facts = ListProperty([])

    def show(self, **_params: Any) -> None:
        app = self.kiosk
        lang = app.ui.lang
        meta = app.content.meta
        rows = [
            (_("Device", lang), app.device_id() or _("not enrolled", lang)),
            (_("Gate", lang), meta.channel if meta else "-"),
            (_("Content version", lang), str(meta.content_version) if meta else "-"),
            (_("Last sync", lang), self._sync_text(lang)),
            (_("Free storage", lang), self._free_storage()),
            (_("Blocked inputs", lang), str(app.lockdown.swallowed)),
        ]
        self.facts = [f"{name}: {value}" for name, value in rows]
        self.ids.grid.clear()

    def _sync_text(self, lang: str) -> str:
        state = self.kiosk.state
        if state is None:
            return "-"
        try:
            outcome = state.last_sync()
        except Exception as error:
            logger.exception("cannot read the last sync result")
            return str(error)[:200]
        if outcome.last_attempt_at is None:
            return _("never", lang)
        parts = [outcome.last_attempt_at.strftime("%Y-%m-%d %H:%M UTC")]
        if outcome.last_error:
            parts.append(
                _("failed {count} times: {error}", lang).format(
                    count=outcome.consecutive_failures, error=outcome.last_error[:200]
                )
            )
        elif outcome.last_success_at is not None:
            parts.append(_("succeeded", lang))
        return " · ".join(parts)

    def _free_storage(self) -> str:
        try:
            usage = shutil.disk_usage(self.kiosk.settings.data_dir)
        except OSError:
            return "-"
        return f"{usage.free / 1e9:.1f} GB / {usage.total / 1e9:.1f} GB"

    def restart(self) -> None:
        logger.info("restart requested from the service screen")
        self.kiosk.restart()

    def close(self) -> None:
        self.kiosk.reset_session(idle=False)


SCREEN = ServiceScreen
load_kv(__file__)
