"""Device state outlives restarts and the content file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from cache import StateStore, SyncOutcome

NOON = datetime(2025, 5, 1, 12, 0, tzinfo=UTC)


def test_a_new_device_has_no_high_water_mark(state: StateStore) -> None:
    assert state.high_water_mark() == 0


def test_the_high_water_mark_never_goes_down(state: StateStore) -> None:
    state.raise_high_water_mark(5)
    state.raise_high_water_mark(3)

    assert state.high_water_mark() == 5


def test_the_high_water_mark_survives_a_restart(tmp_path: Path) -> None:
    first = StateStore(tmp_path / "usage.db")
    first.raise_high_water_mark(12)
    first.close()

    again = StateStore(tmp_path / "usage.db")
    assert again.high_water_mark() == 12
    again.close()


def test_a_device_that_never_synced_says_so(state: StateStore) -> None:
    assert state.last_sync() == SyncOutcome(None, None, None, 0)


def test_failures_are_counted_until_a_success(state: StateStore) -> None:
    state.record_sync_outcome(True, "version 3", NOON)
    state.record_sync_outcome(False, "hub timed out", NOON + timedelta(hours=1))
    state.record_sync_outcome(False, "hub refused", NOON + timedelta(hours=2))

    assert state.last_sync() == SyncOutcome(
        last_success_at=NOON,
        last_attempt_at=NOON + timedelta(hours=2),
        last_error="hub refused",
        consecutive_failures=2,
    )

    state.record_sync_outcome(True, "version 4", NOON + timedelta(hours=3))

    assert state.last_sync() == SyncOutcome(
        NOON + timedelta(hours=3), NOON + timedelta(hours=3), None, 0
    )


def test_a_long_error_is_cut(state: StateStore) -> None:
    state.record_sync_outcome(False, "x" * 50_000, NOON)

    error = state.last_sync().last_error
    assert error is not None
    assert len(error) < 2_000


def test_device_state_keeps_values_by_key(state: StateStore) -> None:
    assert state.get("device_id") is None
    assert state.get("device_id", "unset") == "unset"

    state.set("device_id", "kiosk-0042")
    state.set("device_id", "kiosk-0043")

    assert state.get("device_id") == "kiosk-0043"
