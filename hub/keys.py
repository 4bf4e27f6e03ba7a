"""The repository's signing keys: one Ed25519 key per TUF role, stored as PKCS8 PEM files.

Only the timestamp key must stay online (in the hub's data folder). The root, targets and
snapshot keys are created there too, for convenience, and can be moved to offline media: every
command that needs them takes the folder that holds them (``--offline-keys``).
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
ONLINE_ROLES: frozenset[str] = frozenset({"timestamp"})


class SigningKeyError(Exception):
    """A signing key is missing, unreadable or already exists."""


class KeyStore:
    """Where each role's private key lives: online keys in one folder, offline keys in another."""

    def __init__(self, online_dir: Path, offline_dir: Path | None = None) -> None:
        self.online_dir = online_dir
        self.offline_dir = offline_dir or online_dir

    def path(self, role: str) -> Path:
        if role not in ROLES:
            raise SigningKeyError(f"unknown role {role!r}; roles are {', '.join(ROLES)}")
        folder = self.online_dir if role in ONLINE_ROLES else self.offline_dir
        return folder / f"{role}.pem"

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

    def stage_new(self, role: str) -> CryptoSigner:
        """Create a new key for `role` beside the current one (<role>.pem.new), not yet in use."""
        signer = CryptoSigner(Ed25519PrivateKey.generate())
        path = self.path(role).with_suffix(".pem.new")
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(path, signer.private_bytes, mode=0o600)
        return signer

    def commit_staged(self, role: str) -> None:
        """Make the staged key `role`'s key; the old private key is gone."""
        path = self.path(role)
        path.with_suffix(".pem.new").replace(path)
