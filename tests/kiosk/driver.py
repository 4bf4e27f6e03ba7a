"""Drives the real kiosk app in tests: frames, taps on real widgets, a controllable clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from kivy.base import EventLoop
from kivy.tests.common import UnitTestTouch

from kiosk.config import KioskConfig
from tests.kiosk.conftest import TEST_WINDOW


class FakeClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, dict[str, Any]]] = []

    def record(self, kind: str, **dimensions: Any) -> None:
        self.events.append((kind, dimensions))

    def kinds(self) -> list[str]:
        return [kind for kind, _dims in self.events]

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [dims for k, dims in self.events if k == kind]


class Driver:
    def __init__(self) -> None:
        self.app: Any = None
        self.clock = FakeClock()
        self.recorder = Recorder()

    def start(
        self,
        config: KioskConfig,
        content: Any,
        state: Any = None,
        size=TEST_WINDOW,
        update: Any = None,
    ) -> Any:
        from kiosk.app import KioskApp

        EventLoop.ensure_window()
        window = EventLoop.window
        window.size = size
        EventLoop.quit = False
        self.app = KioskApp(
            config,
            content,
            state=state,
            recorder=self.recorder,
            clock=self.clock,
            wall_clock=lambda: datetime(2026, 11, 26, 3, 4, tzinfo=UTC),
            update=update,
        )
        self.app._run_prepare()
        self.frames(3)
        return self.app

    def stop(self) -> None:
        from kivy.app import App
        from kivy.metrics import Metrics

        Metrics.density = 1  # as the text layer's tests expect
        app, self.app = self.app, None
        if app is None:
            return
        app.dispatch("on_stop")
        window = EventLoop.window
        for child in list(window.children):
            window.remove_widget(child)
        App._running_app = None

    # -- frames and input -------------------------------------------------------------------
    @staticmethod
    def guarded(step: Callable[[], Any]) -> None:
        """Run one step the way Kivy's main loop does: exceptions go to ExceptionManager."""
        from kivy.base import ExceptionManager

        try:
            step()
        except BaseException as error:
            if ExceptionManager.handle_exception(error) == ExceptionManager.RAISE:
                raise

    def frames(self, count: int = 2) -> None:
        for _ in range(count):
            self.guarded(EventLoop.idle)

    def touch(self, x: float, y: float, button: str | None = None) -> UnitTestTouch:
        touch = UnitTestTouch(x, y)
        if button is not None:
            touch.button = button
            touch.profile.append("button")
        self.guarded(touch.touch_down)
        self.frames(1)
        self.guarded(touch.touch_up)
        self.frames(2)
        return touch

    def tap(self, widget: Any, button: str | None = None) -> None:
        assert widget.get_root_window() is not None, f"{widget!r} is not on screen"
        x, y = widget.to_window(*widget.center)
        self.touch(x, y, button)

    def press(self, keyboard: Any, *labels: str) -> None:
        """Tap keys of the on-screen keyboard by their labels."""
        for label in labels:
            self.touch(*keyboard.key_center(label))

    # -- finding widgets --------------------------------------------------------------------
    @property
    def root(self) -> Any:
        return self.app.root

    @property
    def screen(self) -> str:
        return self.app.nav.current

    def current(self) -> Any:
        return self.app.nav.manager.current_screen

    def walk(self, where: Any = None) -> Iterator[Any]:
        yield from (where or self.root).walk(restrict=True)

    def find(self, predicate: Callable[[Any], bool], where: Any = None) -> Any:
        for widget in self.walk(where):
            if predicate(widget):
                return widget
        raise LookupError("no such widget on screen")

    def find_text(self, text: str, where: Any = None) -> Any:
        return self.find(lambda w: getattr(w, "text", None) == text, where)

    def texts(self, where: Any = None) -> list[str]:
        return [w.text for w in self.walk(where) if isinstance(getattr(w, "text", None), str)]

    def footer(self, name: str) -> Any:
        return self.root.ids.footer.ids[name]

    # -- flows ------------------------------------------------------------------------------
    def start_session(self, lang: str = "en") -> None:
        self.tap(self.current())
        assert self.screen == "language"
        buttons = self.current().ids.choices.children
        self.tap(next(b for b in buttons if b.code == lang))
        assert self.screen == "home"

    def idle_for(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.app.tick()
        self.frames(1)
