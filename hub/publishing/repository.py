"""The signed TUF repository on the hub: root, targets, snapshot and timestamp (python-tuf Metadata API).

Files live under <repo>/metadata (N.root.json, N.targets.json, N.snapshot.json, timestamp.json) and
<repo>/targets (content-addressed, `<dir>/<sha256>.<name>`, since snapshots are consistent). A
publish writes content first, then targets, then snapshot, and the timestamp last: until the
timestamp is replaced, a kiosk sees only the previous, complete state.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from securesystemslib.signer import Signer
from tuf.api.metadata import (
    DelegatedRole,
    Metadata,
    MetaFile,
    Root,
    Signed,
    Snapshot,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization.json import JSONSerializer

import atomicfile
from hub.publishing.keys import DELEGATED_ROLE, ROLES, KeyStore

logger = logging.getLogger(__name__)

EXPIRY: dict[str, timedelta] = {
    "root": timedelta(days=365),
    "targets": timedelta(days=120),
    "snapshot": timedelta(days=120),
    "timestamp": timedelta(days=2),
    DELEGATED_ROLE: timedelta(days=120),
}
"""How long each role's signature is good for. Only the timestamp is re-signed on a schedule."""

RESIGN_BEFORE: dict[str, timedelta] = {role: life / 2 for role, life in EXPIRY.items()}
"""Re-sign a role once less than this much of its life is left."""

_SERIALIZER = JSONSerializer(compact=True)

SOFTWARE_PREFIX = "software/"
"""Targets under this path are the kiosk software (hub.publishing.software), signed only with the
top-level targets key: never delegated, and kept by every content publish."""


class RepositoryError(Exception):
    """The repository is missing, inconsistent, or cannot be written."""


@dataclass(frozen=True)
class TargetSource:
    """One file to publish: its bytes, or the path of a file holding them."""

    data: bytes | None = None
    path: Path | None = None
    sha256: str | None = None
    """The content's sha256 when the caller knows it: lets a publish skip re-reading stored files."""
    custom: dict[str, Any] | None = None
    """Signed facts about the file for the device (TUF's `custom` field of the target)."""

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.path is not None
        return self.path.read_bytes()


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class Repository:
    def __init__(self, repo_dir: Path, keys: KeyStore, clock: Callable[[], datetime] = _now):
        self.repo_dir = repo_dir
        self.metadata_dir = repo_dir / "metadata"
        self.targets_dir = repo_dir / "targets"
        self.keys = keys
        self.clock = clock

    # reading the current state ------------------------------------------------------------

    def exists(self) -> bool:
        return (self.metadata_dir / "timestamp.json").exists()

    def root(self) -> Metadata[Root]:
        return self._load("root.json")

    def timestamp(self) -> Metadata[Timestamp]:
        return self._load("timestamp.json")

    def snapshot(self) -> Metadata[Snapshot]:
        return self._load(f"{self.timestamp().signed.snapshot_meta.version}.snapshot.json")

    def targets(self) -> Metadata[Targets]:
        """The top-level targets role (signed with the offline targets key)."""
        return self.role("targets")

    def role(self, name: str) -> Metadata[Targets]:
        """The current version of a targets role: `targets` or a delegated one."""
        meta = self.snapshot().signed.meta.get(f"{name}.json")
        if meta is None:
            raise RepositoryError(f"the snapshot names no {name} role")
        return self._load(f"{meta.version}.{name}.json")

    def delegation(self) -> DelegatedRole | None:
        """The hub's delegated role, when the top-level targets hand content to it."""
        delegations = self.targets().signed.delegations
        if delegations is None or delegations.roles is None:
            return None
        return delegations.roles.get(DELEGATED_ROLE)

    def content_role(self) -> str:
        """The role that signs the content: the delegated role once there is one."""
        return DELEGATED_ROLE if self.delegation() is not None else "targets"

    def content_targets(self) -> Metadata[Targets]:
        """The metadata that lists the published catalogs and assets."""
        return self.role(self.content_role())

    def next_version(self, name: str) -> int:
        """The version a new `name` role gets: one past any the snapshot ever named."""
        meta = self.snapshot().signed.meta.get(f"{name}.json")
        return 1 if meta is None else meta.version + 1

    def root_bytes(self) -> bytes:
        """The current root, as a device's enrolment needs it."""
        return (self.metadata_dir / "root.json").read_bytes()

    def _load(self, name: str) -> Metadata:
        try:
            return Metadata.from_file(str(self.metadata_dir / name))
        except FileNotFoundError as error:
            raise RepositoryError(f"no {name}: run `python -m hub keys init` first") from error

    # writing -----------------------------------------------------------------------------

    def init(self) -> None:
        """Create root v1 from the stored keys, and empty targets, snapshot and timestamp."""
        if (self.metadata_dir / "1.root.json").exists():
            raise RepositoryError(f"a repository already exists in {self.repo_dir}")
        signers = {role: self.keys.signer(role) for role in ROLES}
        root = Root(expires=self._expiry("root"), consistent_snapshot=True)
        for role, signer in signers.items():
            root.add_key(signer.public_key, role)
        self.write_root(Metadata(root), [signers["root"]])
        targets = Targets(expires=self._expiry("targets"))
        self.write_role(Metadata(targets), signers["targets"])
        self.write_snapshot_and_timestamp({"targets": targets.version})
        logger.info("repository created in %s", self.repo_dir)

    def publish(self, files: dict[str, TargetSource], *, force: bool = False) -> bool:
        """Make `files` (target path -> source) the complete target set. False when nothing changed.

        Signed by the delegated role's key when the repository has one (hub.publishing), else by
        the top-level targets key.
        """
        role = self.content_role()
        current = self.role(role).signed
        new_targets: dict[str, TargetFile] = {}
        if role == "targets":  # the software the kiosks run is not content: it stays
            new_targets.update(software_targets(current))
        for target_path, source in sorted(files.items()):
            new_targets[target_path] = self._store_target(target_path, source, current)
        expiring = current.expires - self.clock() < RESIGN_BEFORE[role]
        if new_targets == current.targets and not expiring and not force:
            logger.info("targets unchanged; nothing to publish")
            return False
        targets = Targets(
            version=current.version + 1,
            expires=self._expiry(role),
            targets=new_targets,
            delegations=current.delegations,
        )
        self.write_role(Metadata(targets), self.keys.signer(role), role)
        self.write_snapshot_and_timestamp({role: targets.version})
        return True

    def resign_timestamp(self, *, force: bool = False) -> bool:
        """Re-sign the timestamp when it nears expiry, so an idle hub never freezes its fleet."""
        current = self.timestamp().signed
        if not force and current.expires - self.clock() >= RESIGN_BEFORE["timestamp"]:
            return False
        self._write_timestamp(current.snapshot_meta, current.version + 1)
        return True

    def rotate(self, role: str) -> str:
        """Replace `role`'s key: new root version, then re-sign what the old key signed."""
        old_root_signer = self.keys.signer("root")
        new_signer = self.keys.stage_new(role)
        root = self.root()
        for keyid in list(root.signed.roles[role].keyids):
            root.signed.revoke_key(keyid, role)
        root.signed.add_key(new_signer.public_key, role)
        root.signed.version += 1
        root.signed.expires = self._expiry("root")
        signers: list[Signer] = [old_root_signer]
        if role == "root":
            signers.append(new_signer)  # a new root is signed by the old and the new root keys
        self.write_root(root, signers)
        self.keys.commit_staged(role)
        logger.info("%s key rotated to %s", role, new_signer.public_key.keyid[:12])
        if role in ("targets", "snapshot", "timestamp"):
            current_targets = self.targets().signed
            if role == "targets":
                current_targets.version += 1
                current_targets.expires = self._expiry("targets")
                self.write_role(Metadata(current_targets), self.keys.signer("targets"))
                self.write_snapshot_and_timestamp({"targets": current_targets.version})
            elif role == "snapshot":
                self.write_snapshot_and_timestamp({})
            else:
                self.resign_timestamp(force=True)
        return new_signer.public_key.keyid

    # internals ---------------------------------------------------------------------------

    def _expiry(self, role: str) -> datetime:
        return self.clock() + EXPIRY[role]

    def _store_target(self, target_path: str, source: TargetSource, current: Targets) -> TargetFile:
        known = current.targets.get(target_path)
        if (
            source.sha256 is not None
            and known is not None
            and known.custom == (source.custom or {})
        ):
            digest = known.hashes.get("sha256", "")
            if source.sha256 == digest and self._target_file(target_path, digest).exists():
                return known
        data = source.read()
        target = TargetFile.from_data(target_path, data, ["sha256"])
        if source.custom:
            target.unrecognized_fields["custom"] = source.custom
        file = self._target_file(target_path, target.hashes["sha256"])
        if not file.exists():
            write_atomic(file, data)
        return target

    def _target_file(self, target_path: str, digest: str) -> Path:
        folder, _, name = target_path.rpartition("/")
        return self.targets_dir / folder / f"{digest}.{name}"

    def write_snapshot_and_timestamp(self, changed: dict[str, int]) -> None:
        """A new snapshot naming the `changed` roles' new versions (role -> version) and every
        other role as before, then the timestamp: this makes the new state the served one."""
        meta: dict[str, MetaFile] = {}
        version = 1
        if self.exists():
            current = self.snapshot().signed
            meta, version = dict(current.meta), current.version + 1
        for role, role_version in changed.items():
            data = (self.metadata_dir / f"{role_version}.{role}.json").read_bytes()
            meta[f"{role}.json"] = _meta(role_version, data)
        snapshot = Snapshot(version=version, expires=self._expiry("snapshot"), meta=meta)
        snapshot_bytes = self.write_role(Metadata(snapshot), self.keys.signer("snapshot"))
        timestamp_version = self.timestamp().signed.version + 1 if self.exists() else 1
        self._write_timestamp(_meta(snapshot.version, snapshot_bytes), timestamp_version)

    def _write_timestamp(self, snapshot_meta: MetaFile, version: int) -> None:
        timestamp = Timestamp(
            version=version, expires=self._expiry("timestamp"), snapshot_meta=snapshot_meta
        )
        metadata = Metadata(timestamp)
        metadata.sign(self.keys.signer("timestamp"))
        write_atomic(self.metadata_dir / "timestamp.json", metadata.to_bytes(_SERIALIZER))
        logger.info("timestamp v%d signed, expires %s", version, timestamp.expires.isoformat())

    def write_role(
        self, metadata: Metadata[Signed], signer: Signer, role: str | None = None
    ) -> bytes:
        """Sign and store `<version>.<role>.json`; not served until a snapshot names it."""
        role = role or metadata.signed.type
        metadata.signatures.clear()
        metadata.sign(signer)
        data = metadata.to_bytes(_SERIALIZER)
        write_atomic(self.metadata_dir / f"{metadata.signed.version}.{role}.json", data)
        logger.info("%s v%d signed", role, metadata.signed.version)
        return data

    def write_root(self, root: Metadata[Root], signers: list[Signer]) -> None:
        root.signatures.clear()
        for signer in signers:
            root.sign(signer, append=True)
        data = root.to_bytes(_SERIALIZER)
        write_atomic(self.metadata_dir / f"{root.signed.version}.root.json", data)
        write_atomic(self.metadata_dir / "root.json", data)
        logger.info("root v%d signed", root.signed.version)


def software_targets(targets: Targets) -> dict[str, TargetFile]:
    """The software targets among `targets`' own."""
    return {
        path: info for path, info in targets.targets.items() if path.startswith(SOFTWARE_PREFIX)
    }


def _meta(version: int, data: bytes) -> MetaFile:
    return MetaFile(
        version=version, length=len(data), hashes={"sha256": hashlib.sha256(data).hexdigest()}
    )


def write_atomic(path: Path, data: bytes) -> None:
    """A repository file, readable by the web server: the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomicfile.write_atomic(path, data, mode=0o644)
