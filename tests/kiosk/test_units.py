"""Small pure parts: tone marks, keyboard editing, idle timing, PINs, links, config, sessions."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.qrlink import short_code
from kiosk.config import ConfigError, KioskConfig, load_config
from kiosk.idle import IdleState, IdleWatcher
from kiosk.service_access import PinGate, TapGesture, hash_pin, verify_pin
from kiosk.session import SessionTracker
from kiosk.takeaway import takeaway_url
from kiosk.vietnamese import ACUTE, DOT, GRAVE, HOOK, TILDE, TONE_MARKS, apply_tone
from kiosk.widgets.keyboard import LAYOUT_DIR, edit
from tests.kiosk.driver import FakeClock, Recorder


@pytest.mark.parametrize(
    ("typed", "tone", "expected"),
    [
        ("viêt", DOT, "việt"), ("ngươi", GRAVE, "người"), ("hoa", GRAVE, "hòa"),
        ("quy", ACUTE, "quý"), ("gia", ACUTE, "giá"), ("gi", GRAVE, "gì"),
        ("Hà Nôi", DOT, "Hà Nội"), ("cưa khâu", HOOK, "cưa khẩu"), ("Đa", TILDE, "Đã"),
        ("ngoai", GRAVE, "ngoài"), ("tuôi", HOOK, "tuổi"), ("viết", ACUTE, "viêt"),
        ("việt", ACUTE, "viết"), ("113", ACUTE, "113"), ("", DOT, ""),
    ],
)  # fmt: skip
def test_tone_placement(typed: str, tone: str, expected: str) -> None:
    assert apply_tone(typed, tone) == expected


@given(
    st.text(alphabet="aăâeêioôơuưy bcdđghklmnpqrstvx", max_size=12),
    st.sampled_from(sorted(TONE_MARKS)),
)
def test_a_tone_pressed_twice_comes_off_again(text: str, tone: str) -> None:
    once = apply_tone(text, tone)
    assert unicodedata.is_normalized("NFC", once)
    assert apply_tone(once, tone) == unicodedata.normalize("NFC", text)


def test_keyboard_editing() -> None:
    assert edit("vis", "a") == "visa"
    assert edit("visa", None, "backspace") == "vis"
    assert edit("", " ") == "" and edit("a ", " ") == "a "
    assert edit("x" * 60, "y") == "x" * 60
    assert edit("a", GRAVE) == "à"


def test_keyboard_layouts_fill_their_rows() -> None:
    for name in ("vi", "latin"):
        layout = json.loads((LAYOUT_DIR / f"{name}.json").read_text(encoding="utf-8"))
        for row in range(1, layout["rows"] + 1):
            assert sum(key[3] for key in layout[f"normal_{row}"]) == pytest.approx(layout["cols"])
    vi = json.loads((LAYOUT_DIR / "vi.json").read_text(encoding="utf-8"))
    keys = {key[1] for row in range(1, 6) for key in vi[f"normal_{row}"]}
    assert set("ăâđêôơư") <= keys and keys >= TONE_MARKS


def test_idle_watcher() -> None:
    clock = FakeClock()
    idle = IdleWatcher(60, 10, clock)
    clock.advance(500)
    assert idle.state() is IdleState.ACTIVE  # not armed: the attract screen
    idle.arm()
    clock.advance(59.9)
    assert idle.state() is IdleState.ACTIVE
    clock.advance(0.2)
    assert idle.state() is IdleState.PROMPT and idle.seconds_left() == 10
    idle.poke()
    assert idle.state() is IdleState.ACTIVE
    clock.advance(70)
    assert idle.state() is IdleState.EXPIRED and idle.seconds_left() == 0


def test_pin_hash_gesture_and_lockout() -> None:
    stored = hash_pin("2468", iterations=1000)
    assert "2468" not in stored and verify_pin("2468", stored) and not verify_pin("1357", stored)
    clock = FakeClock()
    gate = PinGate(stored, clock)
    for _attempt in range(5):
        assert not gate.check("0000")
    assert gate.locked() and not gate.check("2468")
    clock.advance(61)
    assert gate.check("2468")
    assert not PinGate(None, clock).enabled
    gesture = TapGesture(clock)
    assert [gesture.tap() for _tap in range(5)] == [False] * 4 + [True]
    for _tap in range(4):
        gesture.tap()
        clock.advance(1)
    assert not gesture.tap()  # the first taps are older than three seconds


def test_takeaway_links() -> None:
    assert takeaway_url("https://k.gov.vn/", "mc 01", "km", "e-visa", None, "https://s") == (
        f"https://k.gov.vn/q/{short_code('mc 01', 'km', 'e-visa')}"
    )
    unenrolled = takeaway_url("https://k.gov.vn", None, "vi", "e-visa", None, "https://s")
    assert unenrolled == f"https://k.gov.vn/q/{short_code('unenrolled', 'vi', 'e-visa')}"
    assert takeaway_url("https://k.gov.vn", "mc 01", "fr", "e-visa", None, "https://s") == (
        "https://k.gov.vn/q/mc%2001/fr/e-visa"  # no short code for it: the long form
    )
    assert takeaway_url(None, "x", "en", "a", "https://take", "https://s") == "https://take"
    assert takeaway_url(None, "x", "en", "a", None, "https://s") == "https://s"


def test_config_defaults_file_and_errors(tmp_path) -> None:
    defaults = KioskConfig()
    assert defaults.idle_timeout_s == 60 and defaults.content_path.name == "content.db"
    assert defaults.min_target_px() == pytest.approx(9 / 25.4 * 96)
    path = tmp_path / "device.toml"
    path.write_text('[kiosk]\nidle_timeout_s = 90\nscreen_dpi = 81.6\n[sync]\nhub = "x"\n')
    assert load_config(path).idle_timeout_s == 90
    assert load_config(path, data_dir=tmp_path).data_dir == tmp_path
    path.write_text("[kiosk]\nidle_timout_s = 90\n")
    with pytest.raises(ConfigError, match="idle_timout_s"):
        load_config(path)
    path.write_text('[kiosk]\ntakeaway_base_url = "javascript:alert(1)"\n')
    with pytest.raises(ConfigError):
        load_config(path)


def test_session_events() -> None:
    clock, recorder = FakeClock(), Recorder()
    tracker = SessionTracker(recorder, clock)
    tracker.choose_language("lo")
    tracker.enter_view("topic_view", topic="money", lang="lo")
    clock.advance(12.34)
    tracker.choose_language("en")
    tracker.end(idle=True)
    assert recorder.events == [
        ("session_start", {"lang": "lo"}),
        ("language_chosen", {"lang": "lo"}),
        ("language_switched", {"from_lang": "lo", "lang": "en"}),
        ("topic_view", {"topic": "money", "lang": "lo", "dwell_s": 12.3}),
        ("idle_timeout", {"duration_s": 12.3}),
        ("session_end", {"duration_s": 12.3}),
    ]
    from kiosk.usage import EVENT_KINDS

    assert {kind for kind, _dims in recorder.events} <= EVENT_KINDS
