"""The authoring folder goes into the desk and comes out byte for byte."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from hub.__main__ import main
from hub.desk.folder import export_folder, import_folder
from hub.desk.store import DeskStore
from hub.sourcefile import ContentError

SAMPLE = Path(__file__).parents[3] / "assets" / "content"


def _same_tree(left: Path, right: Path) -> bool:
    compared = filecmp.dircmp(left, right)
    if compared.left_only or compared.right_only or compared.diff_files or compared.funny_files:
        return False
    for name in compared.common_files:
        if (left / name).read_bytes() != (right / name).read_bytes():
            return False
    return all(_same_tree(left / name, right / name) for name in compared.common_dirs)


def test_sample_content_round_trips_byte_for_byte_through_the_cli(tmp_path: Path) -> None:
    data = tmp_path / "hub"
    assert main(["import-folder", str(SAMPLE), "--data-dir", str(data)]) == 0
    assert main(["export-folder", str(tmp_path / "out"), "--data-dir", str(data)]) == 0
    assert _same_tree(SAMPLE, tmp_path / "out")


def test_export_writes_approved_text_not_a_newer_draft(store: DeskStore, tmp_path: Path) -> None:
    store.save("visa", "km", "changed", "translator", 1, 1)
    export_folder(store, tmp_path / "out")
    assert "ទិដ្ឋាការ" in (tmp_path / "out/articles/visa/km.md").read_text()
    export_folder(store, tmp_path / "drafts", drafts=True)
    assert (tmp_path / "drafts/articles/visa/km.md").read_text() == "changed"


def test_a_translation_never_approved_is_left_out_of_the_export(
    store: DeskStore, tmp_path: Path
) -> None:
    store.save("visa", "lo", "new", "translator", 0, 1)
    export_folder(store, tmp_path / "out")
    assert not (tmp_path / "out/articles/visa/lo.md").exists()


def test_import_refuses_a_translation_that_is_not_utf8(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    (folder / "articles" / "a").mkdir(parents=True)
    (folder / "gates.yaml").write_text("[]\n")
    (folder / "articles" / "a" / "en.md").write_bytes(b"title: \xff\xfe\n")
    desk = DeskStore(tmp_path / "hub.db")
    with pytest.raises(ContentError, match="not UTF-8"):
        import_folder(desk, folder, "import")
    desk.close()


def test_export_refuses_a_folder_that_has_files(store: DeskStore, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("mine")
    with pytest.raises(ContentError, match="not empty"):
        export_folder(store, tmp_path / "out")


def test_desk_roles_are_granted_and_listed_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from hub.staff.accounts import Accounts
    from hub.staff.context import open_staff_db

    db = open_staff_db(tmp_path)
    Accounts(db).add("lan", "a long passphrase", "analyst")
    db.close()
    grant = ["desk-roles", "grant", "lan", "translator", "--lang", "km"]
    assert main([*grant, "--data-dir", str(tmp_path)]) == 0
    assert main(["desk-roles", "grant", "lan", "translator", "--data-dir", str(tmp_path)]) == 1
    assert main(["desk-roles", "list", "--data-dir", str(tmp_path)]) == 0
    assert "translator:km" in capsys.readouterr().out
