"""The kiosk application: screens, session, idle reset, content swap, lockdown, recovery.

The app reads content only from the local cache (`content`, a cache.ContentStore) and reports
what travellers do through `recorder`. It never touches the network.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from kivy.app import App
from kivy.clock import Clock
from kivy.core.window import Window
from kivy.metrics import Metrics
from kivy.properties import ObjectProperty
from kivy.uix.screenmanager import NoTransition

from kiosk.config import KioskConfig
from kiosk.content import ContentWatch
from kiosk.idle import IdleState, IdleWatcher
from kiosk.localize import clock_time, pick, short_date
from kiosk.lockdown import Lockdown
from kiosk.navigation import Navigator
from kiosk.resilience import RecoveringHandler
from kiosk.service_access import PinGate, TapGesture
from kiosk.session import SessionTracker
from kiosk.software_update import SoftwareUpdate
from kiosk.ui_state import UiState, text_density
from kiosk.usage import NullRecorder, UsageRecorder

logger = logging.getLogger(__name__)

TICK_S = 0.5


class KioskApp(App):
    ui = ObjectProperty(None)
    title = "Kiosk"
    use_kivy_settings = False

    def __init__(
        self,
        config: KioskConfig,
        content: Any,
        state: Any = None,
        recorder: UsageRecorder | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        closable: bool = False,
        update: SoftwareUpdate | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.settings = config
        self.update = update or SoftwareUpdate()
        self.state = state
        self.clock = clock
        self.wall_clock = wall_clock
        self.ui = UiState(min_target=config.min_target_px(), min_qr=config.min_qr_px())
        self.content = ContentWatch(content, config.media_path)
        self.tracker = SessionTracker(recorder or NullRecorder(), clock)
        self.usage = self.tracker.recorder
        self.idle = IdleWatcher(config.idle_timeout_s, config.idle_countdown_s, clock)
        self.lockdown = Lockdown(on_activity=self.idle.poke, allow_close=closable)
        self.errors = RecoveringHandler(self.recover)
        self.service_gesture = TapGesture(clock)
        self.pin_gate = PinGate(config.service_pin_hash, clock)
        self.nav: Navigator | None = None
        self._events: list[Any] = []

    # -- life cycle -------------------------------------------------------------------------
    def build(self) -> Any:
        from kiosk.widgets.chrome import KioskRoot
        from kiosk.widgets.text import register_fonts

        Metrics.density = text_density(*Window.size)
        register_fonts()
        # Sizes and language as they will be, before any widget exists: kv rules then evaluate
        # once, not again when the window sizes the root and the content names the language.
        self.ui.fit(*Window.size)
        self.content.accept()
        self.ui.lang = self.content.default_language()
        root = KioskRoot()
        manager = root.ids.sm
        manager.transition = NoTransition()
        root.bind(size=lambda _w, size: self.ui.fit(*size))
        self.nav = Navigator(manager, self)
        self.nav.screen("attract")  # the others are built when first shown
        self.ui.bind(lang=lambda *_args: self.update_header())
        return root

    def on_start(self) -> None:
        self.lockdown.install(Window)
        self.errors.install()
        Window.fbind("on_flip", self._first_frame_drawn)
        self._events = [
            Clock.schedule_interval(self.tick, TICK_S),
            Clock.schedule_interval(self.poll_content, self.settings.content_poll_s),
        ]
        self.apply_content()
        self.tick()
        self.root.lay_out()  # every label is then drawn once, at its width

    def _first_frame_drawn(self, *_args: Any) -> None:
        from kiosk.startup import release_gc

        Window.funbind("on_flip", self._first_frame_drawn)
        Clock.schedule_once(lambda _dt: release_gc())  # after the first frame, not before it
        Clock.schedule_once(lambda _dt: self.update.report_health(self.content.store))

    def on_stop(self) -> None:
        self.tracker.end(idle=False)
        self.content.end_session()
        for event in self._events:
            event.cancel()
        if self.nav is not None and self.nav.manager.current_screen is not None:
            self.nav.manager.current_screen.leave()  # the attract screen's slide timer
        self.lockdown.uninstall(Window)
        self.errors.uninstall()

    def open_settings(self, *_args: Any) -> bool:
        return False  # no Kivy settings panel, whatever key is pressed

    def close_settings(self, *_args: Any) -> bool:
        return False

    # -- content ----------------------------------------------------------------------------
    def apply_content(self) -> None:
        """Take the content version the cache has now (only ever at the attract screen)."""
        self.content.accept()
        if not self.tracker.active:
            self.ui.lang = self.content.default_language()
        self.show_catalog_settings()
        self.nav.reset_all()
        self.nav.show("attract", history=False)

    def show_catalog_settings(self) -> None:
        """Redraw what comes from the catalog outside the screens: languages, gate name."""
        codes = self.content.language_codes()
        if self.ui.lang not in codes:
            self.ui.lang = codes[0]
        for strip in (
            self.root.ids.header.ids.languages_tall,
            self.root.ids.header.ids.languages_wide,
        ):
            strip.codes = codes  # each strip marks the UI language itself
        self.update_header()

    def poll_content(self, *_args: Any) -> None:
        if self.update.pending() and self.between_sessions():
            logger.info("new software installed: stopping between sessions to start it")
            self.stop()  # exit code 0: the service manager starts the new release
            return
        if self.content.changed() and self.nav.current == "attract":
            logger.info("new content %s: applying", self.content.store.content_version())
            self.apply_content()

    def between_sessions(self) -> bool:
        """At the attract screen, nobody's session open, nothing shown over it."""
        return (
            self.nav.current == "attract"
            and not self.tracker.active
            and not self.root.has_overlay()
        )

    # -- session ----------------------------------------------------------------------------
    def start_session(self) -> None:
        """The first touch: the session reads the content version the cache holds now, to its
        end, whatever sync applies meanwhile."""
        if not self.tracker.active and self.content.begin_session():
            self.show_catalog_settings()  # applied since the kiosk last looked: taken now
        self.tracker.start()
        self.idle.arm()

    def choose_language(self, lang: str) -> None:
        self.start_session()
        self.ui.lang = lang
        self.tracker.choose_language(lang)
        self.update_header()

    def switch_language(self, lang: str) -> None:
        if self.nav.current in ("attract", "language"):
            self.choose_language(lang)
            self.go_home()
            return
        self.choose_language(lang)
        self.nav.refresh_language()

    def reset_session(self, idle: bool) -> None:
        """Back to the attract screen with every text field, scroll position and answer cleared."""
        from kiosk.widgets.overlays import hide_all

        hide_all(self.root)
        self.tracker.end(idle=idle)
        self.idle.disarm()
        self.lockdown.reset_touches()
        self.ui.large_text = False
        self.ui.high_contrast = False
        self.apply_content()

    def recover(self, _error: BaseException) -> None:
        self.usage.record("error", where=self.nav.current if self.nav else "start")
        if self.nav is None:
            return
        self.nav.reset_screen(self.nav.current)
        if self.tracker.active:
            self.nav.show("home", history=False)
        else:
            self.nav.show("attract", history=False)

    # -- navigation (called from .kv) -------------------------------------------------------
    def go_home(self) -> None:
        self._ensure_session()
        self.nav.home()

    def go_back(self) -> None:
        self._ensure_session()
        self.nav.back()

    def open_search(self) -> None:
        self._ensure_session()
        self.nav.show("search")

    def open_emergency(self) -> None:
        self._ensure_session()
        self.usage.record("emergency_opened", lang=self.ui.lang)
        self.nav.show("emergency")

    def open_topic(self, topic_id: str) -> None:
        self.nav.show("topic", topic_id=topic_id)

    def open_article(self, article_id: str) -> None:
        self.nav.show("article", article_id=article_id)

    def toggle_large_text(self) -> None:
        self._ensure_session()
        self.ui.large_text = not self.ui.large_text

    def toggle_high_contrast(self) -> None:
        self._ensure_session()
        self.ui.high_contrast = not self.ui.high_contrast

    def _ensure_session(self) -> None:
        if not self.tracker.active:
            self.choose_language(self.ui.lang)

    def device_id(self) -> str | None:
        if self.settings.device_id:
            return self.settings.device_id
        try:
            return self.state.get("device_id") if self.state is not None else None
        except Exception:
            logger.exception("cannot read the device id")
            return None

    # -- service ----------------------------------------------------------------------------
    def service_tap(self) -> None:
        if self.service_gesture.tap() and self.pin_gate.enabled:
            from kiosk.widgets.overlays import PinPad

            self.root.show_overlay(PinPad())

    exit_code = 0

    def restart(self) -> None:
        """Exit with RESTART_EXIT_CODE; the service manager starts the kiosk again."""
        from kiosk.screens.service import RESTART_EXIT_CODE

        self.exit_code = RESTART_EXIT_CODE
        self.stop()

    def open_service(self) -> None:
        self.idle.disarm()
        self.nav.show("service", history=False)

    # -- clock ------------------------------------------------------------------------------
    def tick(self, *_args: Any) -> None:
        self.update_clock()
        state = self.idle.state()
        if state is IdleState.EXPIRED:
            logger.info("idle: clearing the session")
            self.reset_session(idle=True)
            return
        if state is not IdleState.PROMPT and not self.root.has_overlay():
            return  # the usual case: nothing to show or hide
        from kiosk.widgets.overlays import IdlePrompt

        prompt = self.root.overlay(IdlePrompt)
        if state is IdleState.PROMPT:
            if prompt is None:
                prompt = IdlePrompt()
                self.root.show_overlay(prompt)
            prompt.seconds = self.idle.seconds_left()
        elif prompt is not None:
            self.root.hide_overlay(IdlePrompt)

    def still_here(self) -> None:
        from kiosk.widgets.overlays import IdlePrompt

        self.idle.poke()
        self.root.hide_overlay(IdlePrompt)

    def local_now(self) -> datetime:
        meta = self.content.meta
        zone = ZoneInfo(meta.gate.timezone) if meta else UTC
        return self.wall_clock().astimezone(zone)

    def update_clock(self) -> None:
        now = self.local_now()
        clock = self.root.ids.header.ids.clock
        clock.time_text = clock_time(now)
        clock.date_text = short_date(now.date(), self.ui.lang)

    def update_header(self) -> None:
        meta = self.content.meta
        if meta is None:
            return
        header = self.root.ids.header
        chain = self.content.fallback_chain(self.ui.lang)
        # The language first: each text is then measured and drawn in its own font only.
        name, header.gate_name_lang = pick(meta.gate.name, self.ui.lang, chain)
        header.gate_name = name
        province, header.province_lang = pick(meta.gate.province, self.ui.lang, chain)
        header.province = province
        self.update_clock()
