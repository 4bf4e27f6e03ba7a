"""The staff command line (`users add`, `users list`, `demo`) and the pages' texts in both languages."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from hub.__main__ import main
from hub.demo.gates import GATES
from hub.evidence.decision import REASONS, VERDICTS
from hub.reports.fleet import alerts
from hub.staff.accounts import ROLES, Accounts
from hub.staff.context import open_staff_db
from hub.staff.messages import MESSAGES, TAKEAWAY
from hub.store import HubStore
from hub.store.schema import EVENT_KINDS

STAFF = Path(__file__).resolve().parents[2] / "hub" / "staff"


def test_users_add_makes_the_first_admin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    assert (
        main(
            [
                "users",
                "add",
                "Nguyen.An",
                "--role",
                "admin",
                "--password-stdin",
                "--data-dir",
                str(tmp_path),
            ]
        )
        == 0
    )
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    assert (
        main(
            [
                "users",
                "add",
                "nguyen.an",
                "--role",
                "analyst",
                "--password-stdin",
                "--data-dir",
                str(tmp_path),
            ]
        )
        == 1
    )
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert (
        main(
            [
                "users",
                "add",
                "lan",
                "--role",
                "analyst",
                "--password-stdin",
                "--data-dir",
                str(tmp_path),
            ]
        )
        == 1
    )
    assert main(["users", "list", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr()
    assert "nguyen.an\tadmin\tall" in out.out
    assert "exists already" in out.err and "10 to 256 characters" in out.err
    db = open_staff_db(tmp_path)
    assert Accounts(db).verify("NGUYEN.AN", "a long enough password") is not None
    db.close()


def test_a_province_must_be_known(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "gates.yaml").write_text(
        "- {id: mong-cai, name: {vi: Móng Cái, en: Mong Cai}, province: {vi: Tỉnh Quảng Ninh, en: Quang Ninh Province}}\n",
        encoding="utf-8",
    )
    for province, code in (("atlantis", 1), ("quang-ninh", 0)):
        monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
        args = ["users", "add", f"a-{province}", "--role", "analyst", "--province", province]
        assert main([*args, "--password-stdin", "--data-dir", str(tmp_path)]) == code


@pytest.mark.slow
def test_the_demo_seeds_the_whole_story(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "demo"
    assert (
        main(["demo", "--data-dir", str(data), "--days", "3", "--password", "a demo password"]) == 0
    )
    assert "16 gates, 30 kiosks" in capsys.readouterr().out
    assert main(["demo", "--data-dir", str(data), "--days", "3"]) == 1  # will not overwrite
    store = HubStore(data / "hub.db")
    devices = store.devices()
    assert len(devices) == 30 and len({d.gate for d in devices}) == len(GATES) >= 12
    assert {g.border for g in GATES} == {"CN", "LA", "KH"}
    from datetime import UTC, datetime

    from hub.reports.fleet import kiosk_statuses

    now = datetime.now(UTC)
    statuses = kiosk_statuses(devices, store.latest_heartbeats(), {}, now)
    silent = {a.device_id for a in alerts(statuses, now) if a.kind in ("offline", "never_seen")}
    assert "lao-bao-2" in silent
    store.close()


def _used_keys() -> set[str]:
    pattern = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+|[a-z_]+)["']""")
    keys = set()
    for path in [*STAFF.glob("*.py"), *(STAFF / "templates").glob("*.html")]:
        keys.update(pattern.findall(path.read_text(encoding="utf-8")))
    return keys


def test_every_text_exists_in_vietnamese_and_english() -> None:
    dynamic = (
        {f"verdict.{v}" for v in VERDICTS}
        | {f"reason.{r}" for r in REASONS}
        | {f"event.{k}" for k in EVENT_KINDS}
        | {f"role.{r}" for r in ROLES}
        | {f"lang.{c}" for c in ("vi", "en", "zh", "lo", "km")}
        | {f"state.{s}" for s in ("online", "offline", "revoked")}
        | {f"device.{s}" for s in ("pending", "active", "revoked")}
        | {
            f"alert.{k}"
            for k in (
                "offline",
                "never_seen",
                "stale_content",
                "errors",
                "sync_failing",
                "low_disk",
                "clock_skew",
            )
        }
        | {f"demand.top_{i}s" for i in ("topic", "article")}
        | {"col.topic", "col.article", "login.failed", "login.locked"}
    )
    missing = sorted((_used_keys() | dynamic) - set(MESSAGES) - {"csrf_token"})
    assert missing == []
    for key, (vi, en) in MESSAGES.items():
        assert vi.strip() and en.strip(), key
        assert re.findall(r"\{(\w+)\}", vi) == re.findall(r"\{(\w+)\}", en), key
    for key, texts in TAKEAWAY.items():
        assert set(texts) == {"vi", "en", "zh", "lo", "km"}, key
