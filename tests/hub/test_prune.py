"""`python -m hub prune`: old versioned metadata and unreferenced files go; nothing the current
timestamp, snapshot and targets chain names ever does; every root version stays."""

from __future__ import annotations

from pathlib import Path

import pytest
from tuf.api.metadata import Metadata

from hub import lock
from hub.__main__ import main
from hub.publishing.repository import RepositoryError
from hub.store.prune import prune
from tests.sync.hubkit import Publisher


@pytest.fixture
def publisher(tmp_path: Path) -> Publisher:
    return Publisher(tmp_path / "hub")


def _editions(publisher: Publisher, count: int) -> list:
    return [publisher.publish(assets=2) for _ in range(count)]


def _metadata(publisher: Publisher) -> set[str]:
    return {p.name for p in publisher.repository.metadata_dir.iterdir()}


def _asset_files(publisher: Publisher) -> set[str]:
    return {p.name.split(".")[0] for p in (publisher.repository.targets_dir / "assets").iterdir()}


def _chain_files(publisher: Publisher, snapshot_version: int) -> list[Path]:
    """Every file a kiosk reaches from one snapshot: the snapshot, its targets, their files."""
    metadata = publisher.repository.metadata_dir
    snapshot = Metadata.from_file(str(metadata / f"{snapshot_version}.snapshot.json"))
    files = [metadata / f"{snapshot_version}.snapshot.json"]
    targets_version = snapshot.signed.meta["targets.json"].version
    files.append(metadata / f"{targets_version}.targets.json")
    targets = Metadata.from_file(str(files[-1])).signed.targets
    for path, info in targets.items():
        folder, _, name = path.rpartition("/")
        files.append(publisher.repository.targets_dir / folder / f"{info.hashes['sha256']}.{name}")
    return files


def test_prune_keeps_the_current_chain_and_the_snapshots_before_it(publisher):
    editions = _editions(publisher, 5)
    current = publisher.repository.snapshot().signed.version
    report = prune(publisher.repository, keep=1)
    assert report.kept_snapshots == [current, current - 1]
    for version in (current, current - 1):
        assert all(path.exists() for path in _chain_files(publisher, version))
    names = _metadata(publisher)
    assert f"{current - 2}.snapshot.json" not in names
    assert {"root.json", "1.root.json", "timestamp.json"} <= names
    kept_assets = {a.sha256 for edition in editions[-2:] for a in edition.assets}
    assert _asset_files(publisher) == kept_assets
    assert report.removed and report.bytes_freed > 0


def test_keep_zero_leaves_exactly_the_current_chain(publisher):
    editions = _editions(publisher, 3)
    prune(publisher.repository, keep=0)
    current = publisher.repository.snapshot().signed.version
    chain = _chain_files(publisher, current)
    assert all(path.exists() for path in chain)
    on_disk = {p for p in publisher.repository.targets_dir.rglob("*") if p.is_file()}
    assert on_disk == {p for p in chain if publisher.repository.targets_dir in p.parents}
    assert _asset_files(publisher) == {a.sha256 for a in editions[-1].assets}


def test_every_root_version_survives_a_prune(publisher):
    _editions(publisher, 2)
    publisher.repository.rotate("root")
    publisher.repository.rotate("timestamp")
    _editions(publisher, 2)
    prune(publisher.repository, keep=0)
    assert {"1.root.json", "2.root.json", "3.root.json", "root.json"} <= _metadata(publisher)


def test_a_dry_run_lists_what_would_go_and_removes_nothing(publisher):
    _editions(publisher, 3)
    before = sorted(publisher.repository_dir.rglob("*"))
    report = prune(publisher.repository, keep=0, dry_run=True)
    assert report.removed and all(path.exists() for path in report.removed)
    assert sorted(publisher.repository_dir.rglob("*")) == before


def test_pruning_twice_removes_nothing_more(publisher):
    _editions(publisher, 3)
    prune(publisher.repository, keep=1)
    assert prune(publisher.repository, keep=1).removed == []


def test_prune_waits_for_a_publish_holding_the_repository(publisher, monkeypatch):
    _editions(publisher, 2)
    monkeypatch.setattr(lock, "WAIT_SECONDS", 0)
    with lock.repository_lock(publisher.data_dir), pytest.raises(RepositoryError):
        prune(publisher.repository, keep=0)
    assert len(prune(publisher.repository, keep=0).removed) > 0


def test_prune_command_reports_what_it_removed(publisher, capsys):
    _editions(publisher, 3)
    data_dir = str(publisher.data_dir)
    assert main(["prune", "--keep", "0", "--dry-run", "--data-dir", data_dir]) == 0
    assert "would remove" in capsys.readouterr().out
    assert main(["prune", "--keep", "0", "--data-dir", data_dir]) == 0
    out = capsys.readouterr().out
    assert "removed" in out and "kept snapshot versions" in out
    assert main(["prune", "--keep", "-1", "--data-dir", data_dir]) == 1
