"""The repository's signing keys: one Ed25519 key per TUF role, stored as PKCS8 PEM files.

Only the timestamp key must stay online (in the hub's data folder). The root, targets and
snapshot keys are created there too, for convenience, and can be moved to offline media: every
command that needs them takes the folder that holds them (``--offline-keys``).

Publishing from the web (hub.publishing) adds the delegated role's key (`desk`) and puts the
snapshot key online: both live in the hub's data folder, while root and targets stay offline.
A snapshot key found in the online folder is used before one in the offline folder.
"""

from __future__ import annotations

import logging
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from securesystemslib.signer import CryptoSigner

from atomicfile import write_atomic

logger = logging.getLogger(__name__)

ROLES: tuple[str, ...] = ("root", "targets", "snapshot", "timestamp")
DELEGATED_ROLE = "desk"
"""The targets role delegated to the hub for one-click publishing (see hub.publishing)."""
ONLINE_ROLES: frozenset[str] = frozenset({"timestamp", DELEGATED_ROLE})


class SigningKeyError(Exception):
    """A signing key is missing, unreadable or already exists."""


class KeyStore:
    """Where each role's private key lives: online keys in one folder, offline keys in another."""

    def __init__(self, online_dir: Path, offline_dir: Path | None = None) -> None:
        self.online_dir = online_dir
        self.offline_dir = offline_dir or online_dir

    def path(self, role: str) -> Path:
        if role not in ROLES and role != DELEGATED_ROLE:
            raise SigningKeyError(f"unknown role {role!r}; roles are {', '.join(ROLES)}")
        online = self.online_dir / f"{role}.pem"
        if role in ONLINE_ROLES or (role == "snapshot" and online.exists()):
            return online
        return self.offline_dir / f"{role}.pem"

    def is_online(self, role: str) -> bool:
        """True when `role`'s key is kept in the hub's own (online) folder."""
        return self.path(role).parent == self.online_dir

    def exists(self, role: str) -> bool:
        return self.path(role).exists()

    def signer(self, role: str) -> CryptoSigner:
        path = self.path(role)
        try:
            private_key = load_pem_private_key(path.read_bytes(), password=None)
        except FileNotFoundError as error:
            raise SigningKeyError(
                f"the {role} key is not at {path}; pass the folder that holds it with --offline-keys"
            ) from error
        except (OSError, ValueError) as error:
            raise SigningKeyError(f"the {role} key at {path} is unreadable: {error}") from error
        return CryptoSigner(private_key)

    def generate(self, role: str, *, replace: bool = False) -> CryptoSigner:
        """Create a new key for `role` and store it (mode 0600). Refuses to overwrite unless asked."""
        path = self.path(role)
        if path.exists() and not replace:
            raise SigningKeyError(f"the {role} key already exists at {path}")
        signer = CryptoSigner(Ed25519PrivateKey.generate())
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(path, signer.private_bytes, mode=0o600)
        logger.info("new %s key %s at %s", role, signer.public_key.keyid[:12], path)
        return signer

    def stage_new(self, role: str, *, online: bool = False) -> CryptoSigner:
        """Create a new key for `role` beside the current one (<role>.pem.new), not yet in use;
        `online` puts it in the online folder whatever the role."""
        signer = CryptoSigner(Ed25519PrivateKey.generate())
        path = self._staged(role, online)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(path, signer.private_bytes, mode=0o600)
        return signer

    def commit_staged(self, role: str, *, online: bool = False) -> None:
        """Make the staged key `role`'s key; the old private key (in that folder) is gone."""
        staged = self._staged(role, online)
        staged.replace(staged.with_suffix(""))

    def remove(self, role: str) -> None:
        """Delete `role`'s private key (a revoked delegated key)."""
        self.path(role).unlink(missing_ok=True)

    def _staged(self, role: str, online: bool) -> Path:
        path = self.online_dir / f"{role}.pem" if online else self.path(role)
        return path.with_suffix(".pem.new")
