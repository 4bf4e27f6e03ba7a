"""Lockdown: keys, close requests, right-click and multi-finger touches do nothing visible."""

from __future__ import annotations

import os

from kivy.core.window import Window

from kiosk.environment import lock_environment
from kiosk.i18n import _
from kiosk.lockdown import KEY_E, KEY_ESCAPE, KEY_F1, KEY_F4


def test_escape_f1_ctrl_e_and_alt_f4_are_swallowed(driver) -> None:
    driver.start_session("en")
    for key, modifiers in ((KEY_ESCAPE, []), (KEY_F1, []), (KEY_E, ["ctrl"]), (KEY_F4, ["alt"])):
        assert Window.dispatch("on_keyboard", key, 0, None, modifiers) is True
        driver.frames(1)
    assert driver.screen == "home"
    assert driver.app._app_settings is None  # no settings panel was ever built
    assert not [w for w in Window.children if w is not driver.root]
    assert driver.app.open_settings() is False


def test_window_close_requests_are_refused(driver) -> None:
    assert Window.dispatch("on_request_close") is True
    assert Window.dispatch("on_request_close", source="keyboard") is True
    driver.frames(1)
    assert driver.root.get_root_window() is Window


def test_right_and_middle_clicks_do_nothing(driver) -> None:
    attract = driver.current()
    driver.tap(attract, button="right")
    driver.tap(attract, button="middle")
    assert driver.screen == "attract" and driver.recorder.events == []
    driver.tap(attract)
    assert driver.screen == "language"


def test_a_second_finger_does_nothing(driver) -> None:
    from kivy.tests.common import UnitTestTouch

    driver.start_session("en")
    tile = driver.current().ids.tiles.children[0]
    first = UnitTestTouch(5, 5)
    first.touch_down()
    driver.frames(1)
    second = UnitTestTouch(*tile.to_window(*tile.center))
    second.touch_down()
    driver.frames(1)
    second.touch_up()
    first.touch_up()
    driver.frames(2)
    assert driver.screen == "home"
    driver.tap(tile)
    assert driver.screen == "topic"


def test_kivy_modules_and_escape_exit_are_off() -> None:
    from kivy.config import Config

    assert Config.items("modules") == []
    assert Config.get("kivy", "exit_on_escape") == "0"
    assert Config.get("input", "mouse") == "mouse,disable_multitouch"
    assert [name for name, _v in Config.items("input")] == ["mouse"]


def test_kivy_environment_and_command_line_are_ignored(tmp_path) -> None:
    env = {"KIVY_WINDOW": "x11", "KIVY_NO_ARGS": "0", "KCFG_KIVY_EXIT_ON_ESCAPE": "1",
           "KIVY_DPI": "300", "KIVY_INSPECTOR": "1", "PATH": "/usr/bin"}  # fmt: skip
    lock_environment(tmp_path / "kivy", env)
    assert env["KIVY_NO_ARGS"] == "1" and env["KIVY_NO_ENV_CONFIG"] == "1"
    assert env["KIVY_NO_CONFIG"] == "1"
    assert "KCFG_KIVY_EXIT_ON_ESCAPE" not in env and "KIVY_DPI" not in env
    assert "KIVY_INSPECTOR" not in env
    assert env["KIVY_HOME"] == str((tmp_path / "kivy").resolve())
    assert env["PATH"] == "/usr/bin" and env["KIVY_WINDOW"] == "x11"
    assert os.environ.get("KIVY_NO_ARGS") == "1"  # this very test process runs that way


def test_service_screen_needs_the_gesture_and_the_pin(driver) -> None:
    from kiosk.service_access import hash_pin
    from kiosk.widgets.overlays import PinPad

    app = driver.app
    app.pin_gate._stored = hash_pin("2468", iterations=1000)
    clock = app.root.ids.header.ids.clock
    for _tap in range(4):
        driver.tap(clock)
    assert driver.root.overlay(PinPad) is None
    driver.tap(clock)
    pad = driver.root.overlay(PinPad)
    assert pad is not None
    keys = {child.text: child for child in pad.ids.pin_keys.children}
    keys["OK"] = keys[_("OK", app.ui.lang)]
    for digit in "1111":
        driver.tap(keys[digit])
    driver.tap(keys["OK"])
    assert pad.failed and driver.screen == "attract"
    for digit in "2468":
        driver.tap(keys[digit])
    driver.tap(keys["OK"])
    assert driver.screen == "service"
    service = driver.current()
    assert any("test-kiosk-01" in fact for fact in service.facts)
    assert any("mong-cai" in fact for fact in service.facts)
    cell = service.ids.grid.children[0]
    driver.tap(cell)
    assert service.ids.grid.touched() == 1
    driver.tap(service.ids.close)
    assert driver.screen == "attract"


def test_restart_exits_with_the_restart_code(driver, monkeypatch) -> None:
    from kiosk.screens.service import RESTART_EXIT_CODE

    stopped = []
    monkeypatch.setattr(driver.app, "stop", lambda *a: stopped.append(True))
    driver.app.open_service()
    driver.frames(2)
    driver.tap(driver.current().ids.restart)
    assert stopped and driver.app.exit_code == RESTART_EXIT_CODE


def test_a_development_window_closes_when_asked() -> None:
    from kiosk.lockdown import Lockdown

    assert Lockdown(allow_close=True).on_request_close() is False
    assert Lockdown().on_request_close() is True
