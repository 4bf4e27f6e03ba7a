"""`python -m hub devices add|list|revoke`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hub.__main__ import main
from hub.devices.enrolment import exchange
from hub.store import HubStore


def test_devices_add_prints_a_one_time_code_and_stores_only_its_hash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["devices", "add", "--gate", "mong-cai", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    code = re.search(r"code:\s+(\S+)", out).group(1)  # type: ignore[union-attr]
    device_id = re.search(r"device:\s+(\S+)", out).group(1)  # type: ignore[union-attr]
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code)
    assert device_id.startswith("mong-cai-")
    store = HubStore(tmp_path / "hub.db")
    store.close()
    for path in tmp_path.glob("hub.db*"):
        data = path.read_bytes()
        assert code.encode() not in data and code.replace("-", "").encode() not in data


def test_devices_add_refuses_a_gate_that_is_not_a_channel_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["devices", "add", "--gate", "Móng Cái", "--data-dir", str(tmp_path)]) == 2
    assert "gate" in capsys.readouterr().err


def test_devices_list_and_revoke(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["devices", "add", "--gate", "lao-bao", "--data-dir", str(tmp_path)])
    code = re.search(r"code:\s+(\S+)", capsys.readouterr().out).group(1)  # type: ignore[union-attr]
    store = HubStore(tmp_path / "hub.db")
    device, _ = exchange(store, code)
    assert main(["devices", "list", "--data-dir", str(tmp_path)]) == 0
    assert re.search(rf"{device.id}\s+lao-bao\s+active", capsys.readouterr().out)
    assert main(["devices", "revoke", device.id, "--data-dir", str(tmp_path)]) == 0
    assert store.device(device.id).status == "revoked"  # type: ignore[union-attr]
    assert main(["devices", "revoke", "no-such-device", "--data-dir", str(tmp_path)]) == 2
    store.close()
