"""Atomic writes: the whole new file or the old one, with the mode asked for, and no leftovers."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from atomicfile import write_atomic


def test_write_atomic_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "device.toml"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.parametrize("mode", [0o600, 0o644])
def test_write_atomic_sets_the_mode(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "key.pem"
    write_atomic(target, b"secret", mode=mode)
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_failed_write_leaves_the_old_file_and_no_staged_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "root.json"
    target.write_bytes(b"old")

    def refuse(self: Path, other: Path) -> Path:
        raise OSError("disk gone")

    monkeypatch.setattr(Path, "replace", refuse)
    with pytest.raises(OSError, match="disk gone"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]
