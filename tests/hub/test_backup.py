"""`hub backup` and `hub restore` on the embedded SQLite hub: a restored hub shows the same
figures; keys and the session secret stay out; a damaged, hostile or misplaced restore changes
nothing."""

from __future__ import annotations

import io
import re
import tarfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hub.__main__ import main
from hub.backup.archive import BackupError, create_backup, restore_backup
from hub.store import backend
from tests.hub.hubui_support import app_for, login

DATABASES = ("hub.db", "database.pgdump")
"""The database in a backup: SQLite's file, or PostgreSQL's dump."""
PAGES = ("/scorecard.csv", "/fleet.csv", "/demand.csv", "/scorecard")
TOKEN = re.compile(r'name="csrf_token" value="[^"]+"')


def _pages(data: Path) -> dict[str, str]:
    with TestClient(app_for(data)) as client:
        login(client, "analyst")
        return {path: TOKEN.sub("", client.get(path).text) for path in PAGES}


@pytest.fixture(scope="module")
def archive(demo_hub: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert list((demo_hub / "keys").iterdir()), "the demo hub holds signing keys"
    out = tmp_path_factory.mktemp("backup") / "hub.tar.gz"
    create_backup(demo_hub, out)
    return out


def test_a_restored_hub_shows_the_same_scorecard_fleet_and_demand(
    demo_hub: Path, archive: Path, tmp_path: Path
) -> None:
    restore_backup(archive, tmp_path / "restored")
    before, after = _pages(demo_hub), _pages(tmp_path / "restored")
    assert after == before
    assert "Móng Cái" in after["/scorecard"] or "Mong Cai" in after["/scorecard"]


def test_a_backup_never_holds_the_keys_or_the_session_secret(archive: Path) -> None:
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert set(DATABASES) & set(names) and "manifest.json" in names
    assert not [n for n in names if n.startswith("keys") or n == "staff-secret"]
    assert not [n for n in names if n.endswith(("-wal", "-shm"))]


def test_restore_refuses_a_folder_that_is_not_empty(archive: Path, tmp_path: Path) -> None:
    (tmp_path / "hub").mkdir()
    (tmp_path / "hub" / "hub.db").write_text("someone's data")
    with pytest.raises(BackupError, match="not empty"):
        restore_backup(archive, tmp_path / "hub")
    assert (tmp_path / "hub" / "hub.db").read_text() == "someone's data"


def test_restore_refuses_a_damaged_backup_and_writes_nothing(archive: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            body = source.extractfile(member).read()  # type: ignore[union-attr]
            if member.name in DATABASES:
                body = body[:-1] + bytes([body[-1] ^ 1])
            target.addfile(member, io.BytesIO(body))
    with pytest.raises(BackupError, match=r"(hub\.db|database\.pgdump) in the backup is damaged"):
        restore_backup(damaged, tmp_path / "hub")
    assert not (tmp_path / "hub").exists()


def test_restore_refuses_an_archive_that_writes_outside_its_folder(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.tar.gz"
    with tarfile.open(hostile, "w:gz") as tar:
        info = tarfile.TarInfo("../escaped")
        info.size = 3
        tar.addfile(info, io.BytesIO(b"bad"))
    with pytest.raises(BackupError, match="not a readable hub backup"):
        restore_backup(hostile, tmp_path / "inner" / "hub")
    assert not (tmp_path / "inner" / "escaped").exists()
    assert not (tmp_path / "inner" / "hub").exists()


@pytest.mark.sqlite_only
def test_a_hub_on_postgresql_refuses_a_sqlite_backup_and_writes_nothing(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(backend.DATABASE_URL_ENV, "postgresql://hub@127.0.0.1:9/hub")
    with pytest.raises(BackupError, match="holds a SQLite database"):
        restore_backup(archive, tmp_path / "hub")
    assert not (tmp_path / "hub").exists()


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(BackupError, match="not a readable hub backup"):
        restore_backup(tmp_path / "notes.txt", tmp_path / "hub")


def test_the_commands_say_what_they_did_and_what_was_left_out(
    demo_hub: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "b.tar.gz"
    assert main(["backup", "--data-dir", str(demo_hub), "--out", str(out)]) == 0
    assert "Not included: keys/" in capsys.readouterr().out
    assert main(["restore", str(out), "--data-dir", str(tmp_path / "r")]) == 0
    assert "Put the hub's online keys back" in capsys.readouterr().out
    assert main(["restore", str(out), "--data-dir", str(tmp_path / "r")]) == 1
    assert "restore failed" in capsys.readouterr().err
