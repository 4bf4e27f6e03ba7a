"""Child process for the kiosk benchmarks: `python -m bench._kiosk_probe MODE CATALOG [N]`.

Kivy owns one window per process, so every measurement runs in its own process. Prints one line
per figure: `name value`.
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

SIZE = (1080, 1920)


def _setup(size: tuple[int, int] = SIZE) -> None:
    from kiosk.environment import lock_environment

    lock_environment(Path(tempfile.mkdtemp(prefix="bench-kivy-")))
    os.environ["KIVY_NO_CONSOLELOG"] = "1"
    from kiosk.config import KioskConfig
    from kiosk.kivy_setup import apply_kivy_config

    apply_kivy_config(KioskConfig(fullscreen=False, show_cursor=True, window_size=size))


def _first_frame_then_exit(app: object) -> None:
    from kivy.core.window import Window

    def flipped(*_args: object) -> None:
        print("first_frame", flush=True)
        os._exit(0)

    Window.bind(on_flip=flipped)
    app.run()


def _kiosk(catalog: Path, data_dir: Path) -> object:
    from kiosk.app import KioskApp
    from kiosk.config import KioskConfig
    from kiosk.stores import open_stores

    config = KioskConfig(data_dir=data_dir, embedded_catalog=catalog, fullscreen=False)
    content, state = open_stores(config)
    return KioskApp(config, content, state=state)


def _pump(frames: int = 1) -> None:
    from kivy.base import EventLoop

    for _ in range(frames):
        EventLoop.idle()


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 1e6


def bare_start() -> None:
    _setup()
    from kivy.app import App
    from kivy.uix.label import Label

    class Bare(App):
        def build(self) -> Label:
            return Label(text="Xin chào")

    _first_frame_then_exit(Bare())


def kiosk_start(catalog: Path, data_dir: Path) -> None:
    _setup()
    _first_frame_then_exit(_kiosk(catalog, data_dir))


def bare_tap(rounds: int) -> None:
    _setup()
    from kivy.base import EventLoop
    from kivy.uix.label import Label
    from kivy.uix.screenmanager import NoTransition, Screen, ScreenManager

    EventLoop.ensure_window()
    manager = ScreenManager(transition=NoTransition())
    for name in ("a", "b"):
        screen = Screen(name=name)
        screen.add_widget(Label(text=f"Screen {name}"))
        manager.add_widget(screen)
    EventLoop.window.add_widget(manager)
    _pump(3)
    times = []
    for index in range(rounds):
        start = time.perf_counter()
        manager.current = "b" if index % 2 == 0 else "a"
        _pump(2)
        times.append(time.perf_counter() - start)
    print("tap_s", statistics.median(times))


def kiosk_tap(catalog: Path, data_dir: Path, rounds: int) -> None:
    _setup()
    from kivy.base import EventLoop
    from kivy.tests.common import UnitTestTouch

    EventLoop.ensure_window()
    app = _kiosk(catalog, data_dir)
    app._run_prepare()
    _pump(3)
    app.choose_language("en")
    topic = next(
        t.id for t in app.content.store.topics("en") if app.content.store.articles(t.id, "en")
    )
    times = []
    for _round in range(rounds):
        app.nav.show("topic", topic_id=topic)
        _pump(3)
        card = app.nav.screen("topic").ids.cards.children[-1]
        x, y = card.to_window(*card.center)
        touch = UnitTestTouch(x, y)
        start = time.perf_counter()
        touch.touch_down()
        touch.touch_up()
        _pump(2)
        times.append(time.perf_counter() - start)
        assert app.nav.current == "article"
    print("tap_s", statistics.median(times))


def kiosk_memory(catalog: Path, data_dir: Path, sessions: int) -> None:
    _setup((540, 960))
    from kivy.base import EventLoop

    EventLoop.ensure_window()
    app = _kiosk(catalog, data_dir)
    app._run_prepare()
    _pump(3)
    store = app.content.store
    langs = app.content.language_codes()
    for number in range(1, sessions + 1):
        lang = langs[number % len(langs)]
        app.start_session()
        app.nav.show("language")
        app.choose_language(lang)
        app.go_home()
        _pump(1)
        topics = [t.id for t in store.topics(lang) if store.articles(t.id, lang)]
        topic = topics[number % len(topics)]
        app.open_topic(topic)
        _pump(1)
        cards = store.articles(topic, lang)
        app.open_article(cards[number % len(cards)].id)
        _pump(1)
        app.open_search()
        app.nav.screen("search").ids.keyboard.text = "visa"
        _pump(1)
        app.reset_session(idle=True)
        _pump(1)
        if number in (20, sessions):
            print(f"rss_after_{number}_mb", _rss_mb(), flush=True)


def main() -> None:
    mode, catalog = sys.argv[1], Path(sys.argv[2])
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    data_dir = catalog.parent / "data"  # shared by the runs, as on a device after its first start
    os.environ.setdefault("KIOSK_FONT_DIR", str(catalog.parent / "fonts"))
    {
        "bare-start": lambda: bare_start(),
        "kiosk-start": lambda: kiosk_start(catalog, data_dir),
        "bare-tap": lambda: bare_tap(count),
        "kiosk-tap": lambda: kiosk_tap(catalog, data_dir, count),
        "kiosk-memory": lambda: kiosk_memory(catalog, data_dir, count),
    }[mode]()


if __name__ == "__main__":
    main()
