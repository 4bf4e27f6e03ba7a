"""The hub's delegated targets role: set up, rotated and revoked with the offline keys.

`delegate` hands every content target (`channels/*/*`, `assets/*`) from the top-level targets
role to the role `desk`, whose key lives in the hub's data folder, so the hub publishes an
approved change by itself. The snapshot key must be online too (every publish writes a new
snapshot): when it is kept offline, `delegate` replaces it with a new key in the hub's folder,
in a new root version that enrolled kiosks follow as any key rotation. Run again, `delegate`
rotates the delegated key: a new key signs the role, the old one is revoked. `revoke` takes
the delegation back: the top-level targets list the content again and the hub's key is deleted.
The top-level targets that hand content over are signed for a year: run `delegate` yearly.

Each step signs the roles it changes, then a snapshot and the timestamp, so kiosks see the
old layout or the new one, never half; python-tuf's ngclient resolves the delegation on the
kiosk. The caller holds the repository lock.
"""

from __future__ import annotations

import logging

from tuf.api.metadata import DelegatedRole, Delegations, Metadata, Targets

from hub.publishing.keys import DELEGATED_ROLE
from hub.publishing.repository import (
    EXPIRY,
    RESIGN_BEFORE,
    Repository,
    RepositoryError,
    software_targets,
)

logger = logging.getLogger(__name__)

DELEGATED_PATHS: tuple[str, ...] = ("channels/*/*", "assets/*")
"""What the delegated role may sign: every channel's files and every asset, nothing else."""


def delegate(repository: Repository) -> str:
    """Create the delegation, or rotate its key; the new key's id. Needs root (if the snapshot
    key is offline) and targets keys."""
    keys = repository.keys
    targets_signer = keys.signer("targets")
    _snapshot_key_online(repository)
    content = repository.content_targets().signed
    top = repository.targets().signed
    signer = keys.stage_new(DELEGATED_ROLE)
    keyid = signer.public_key.keyid
    role = DelegatedRole(
        name=DELEGATED_ROLE,
        keyids=[keyid],
        threshold=1,
        terminating=True,
        paths=list(DELEGATED_PATHS),
    )
    software = software_targets(top)
    delegated = Targets(
        version=repository.next_version(DELEGATED_ROLE),
        expires=repository.clock() + EXPIRY[DELEGATED_ROLE],
        targets={path: info for path, info in content.targets.items() if path not in software},
    )
    handing = Targets(
        version=top.version + 1,
        expires=repository.clock() + EXPIRY["root"],  # re-signed offline: once a year
        targets=software,  # the kiosk software stays signed with the offline key
        delegations=Delegations(keys={keyid: signer.public_key}, roles={DELEGATED_ROLE: role}),
    )
    repository.write_role(Metadata(delegated), signer, DELEGATED_ROLE)
    repository.write_role(Metadata(handing), targets_signer)
    keys.commit_staged(DELEGATED_ROLE)
    repository.write_snapshot_and_timestamp(
        {"targets": handing.version, DELEGATED_ROLE: delegated.version}
    )
    logger.info("content delegated to the hub's key %s", keyid[:12])
    return keyid


def revoke(repository: Repository) -> None:
    """Sign the content with the offline targets key again and delete the hub's delegated key."""
    if repository.delegation() is None:
        raise RepositoryError("the repository has no delegated role to revoke")
    content = repository.content_targets().signed
    top = repository.targets().signed
    restored = Targets(
        version=top.version + 1,
        expires=repository.clock() + EXPIRY["targets"],
        targets=dict(content.targets) | software_targets(top),
    )
    repository.write_role(Metadata(restored), repository.keys.signer("targets"))
    repository.write_snapshot_and_timestamp({"targets": restored.version})
    repository.keys.remove(DELEGATED_ROLE)
    logger.info("delegation revoked; content is signed with the offline targets key again")


def resign_delegated(repository: Repository) -> bool:
    """Re-sign the delegated role (and so the snapshot) once either is past half its life, with
    the keys on the hub, so a hub that publishes nothing for months never freezes its fleet."""
    if not repository.exists() or repository.delegation() is None:
        return False
    now = repository.clock()
    content = repository.role(DELEGATED_ROLE).signed
    snapshot = repository.snapshot().signed
    if (
        content.expires - now >= RESIGN_BEFORE[DELEGATED_ROLE]
        and snapshot.expires - now >= RESIGN_BEFORE["snapshot"]
    ):
        return False
    content.version += 1
    content.expires = now + EXPIRY[DELEGATED_ROLE]
    repository.write_role(Metadata(content), repository.keys.signer(DELEGATED_ROLE), DELEGATED_ROLE)
    repository.write_snapshot_and_timestamp({DELEGATED_ROLE: content.version})
    return True


def _snapshot_key_online(repository: Repository) -> None:
    """Replace an offline snapshot key by a new one in the hub's folder (new root version)."""
    keys = repository.keys
    if keys.is_online("snapshot"):
        return
    root_signer = keys.signer("root")
    signer = keys.stage_new("snapshot", online=True)
    root = repository.root()
    for keyid in list(root.signed.roles["snapshot"].keyids):
        root.signed.revoke_key(keyid, "snapshot")
    root.signed.add_key(signer.public_key, "snapshot")
    root.signed.version += 1
    root.signed.expires = repository.clock() + EXPIRY["root"]
    repository.write_root(root, [root_signer])
    keys.commit_staged("snapshot", online=True)
    logger.info("snapshot key moved online as %s", signer.public_key.keyid[:12])
