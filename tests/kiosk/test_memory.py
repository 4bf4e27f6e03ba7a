"""What keeps memory flat over thousands of sessions: widgets reused, no piling bindings, no
stray timers."""

from __future__ import annotations

from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label
from kivy.uix.widget import Widget

from kiosk.reuse import refill, refill_mixed


def shown(box: BoxLayout) -> list[str]:
    return [child.text for child in reversed(box.children)]


def fill(label: Label, text: str) -> None:
    label.text = text


def test_a_list_shown_again_keeps_its_widgets(window: object) -> None:
    box = BoxLayout()
    first = refill(box, ["a", "b", "c"], Label, Label, fill)
    again = refill(box, ["x", "y"], Label, Label, fill)
    assert shown(box) == ["x", "y"]
    assert again == first[:2]
    grown = refill(box, ["1", "2", "3", "4"], Label, Label, fill)
    assert shown(box) == ["1", "2", "3", "4"]
    assert grown[:3] == first  # the one put aside came back


def test_widgets_of_another_kind_are_put_aside_for_later(window: object) -> None:
    box = BoxLayout()
    labels = refill(box, ["a", "b"], Label, Label, fill)
    refill(box, [1, 2, 3], Widget, Widget, lambda _w, _item: None)
    assert all(type(child) is Widget for child in box.children)
    back = refill(box, ["c", "d"], Label, Label, fill)
    assert sorted(map(id, back)) == sorted(map(id, labels)) and shown(box) == ["c", "d"]


def test_mixed_kinds_keep_the_matching_start(window: object) -> None:
    box = BoxLayout()

    def kind_of(item: str) -> type:
        return Label if item.isalpha() else Widget

    def show(widget: Widget, item: str) -> None:
        if isinstance(widget, Label):
            widget.text = item

    first = refill_mixed(box, ["a", "1", "b"], kind_of, lambda kind: kind(), show)
    second = refill_mixed(box, ["c", "d", "e"], kind_of, lambda kind: kind(), show)
    assert second[0] is first[0] and second[1] is first[2]
    assert [type(w) for w in reversed(box.children)] == [Label, Label, Label]


def test_scrolling_keeps_one_bar_colour_binding(window: object) -> None:
    from kiosk.widgets.scroll import KioskScrollView

    scroll = KioskScrollView()
    scroll.add_widget(Widget(size_hint_y=None, height=5000))
    for step in range(50):
        scroll.scroll_y = step / 50
        scroll.update_from_scroll()
    assert len(scroll.get_property_observers("bar_color")) <= 1
    scroll._bind_inactive_bar_color()
    scroll._bind_inactive_bar_color()
    assert len(scroll.get_property_observers("bar_inactive_color")) <= 1
    assert len(scroll.get_property_observers("bar_color")) == 0


def test_a_stopped_kiosk_leaves_no_clock_events(kiosk_config, font_dir) -> None:
    from kivy.clock import Clock

    from tests.kiosk.catalogs import kiosk_catalog
    from tests.kiosk.driver import Driver
    from tests.kiosk.fake_content import FakeContent

    def ours() -> list[object]:
        """The kiosk's repeating clock events (timers that would outlive the app)."""
        callbacks = [event.get_callback() for event in Clock.get_events() if event.loop]
        return [
            c
            for c in callbacks
            if type(getattr(c, "__self__", None)).__module__.startswith("kiosk")
        ]

    drive = Driver()
    drive.start(kiosk_config, FakeContent(kiosk_catalog()))
    drive.start_session("en")
    drive.idle_for(75)  # back to the attract screen: its slides run
    assert ours()
    drive.stop()
    assert ours() == []


def test_the_collector_paused_at_start_resumes_after_the_first_frame() -> None:
    import gc

    from kiosk import startup

    assert gc.isenabled()
    try:
        startup.hold_gc()
        assert not gc.isenabled()
        startup.release_gc()
        assert gc.isenabled() and gc.get_freeze_count() > 0
        startup.release_gc()  # a second release changes nothing
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
