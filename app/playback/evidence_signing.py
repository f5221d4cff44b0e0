"""The workstation's Ed25519 key that signs evidence packages, kept in the system keyring, and the check.

The signature is over the exact bytes of SHA256SUMS, which lists every other member (manifest and
public key included), so a package that was changed verifies only when re-signed by another key.
The key is 32 random bytes made on the first export and kept only in the keyring (service
KEYRING_SERVICE); its fingerprint is the SHA-256 of the raw public key, recorded with the public key
in the export's audit entry. Without a usable keyring the package is signed with an EPHEMERAL key,
forgotten afterwards and marked as such, so evidence can still be handed over and checked against
the audit log. `workstation_signer` blocks on the keyring: call it on a worker, as exports do. Why,
and how to check a package with OpenSSL alone: docs/evidence-packages.md.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
import threading
from dataclasses import dataclass, field
from enum import StrEnum

import keyring
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    PublicFormat,
    load_pem_public_key,
)
from keyring.errors import KeyringError

__all__ = [
    "KEYRING_SERVICE",
    "PUBLIC_KEY_NAME",
    "SIGNATURE_NAME",
    "PackageSigner",
    "SignatureCheck",
    "SignatureState",
    "check_signature",
    "key_fingerprint",
    "workstation_signer",
]

KEYRING_SERVICE = "liangjiao-console/evidence-signing"
KEY_NAME = "workstation"
SIGNATURE_NAME = "SHA256SUMS.sig"  # 64 raw bytes: Ed25519 over the bytes of SHA256SUMS
PUBLIC_KEY_NAME = "signing-key.pem"  # SubjectPublicKeyInfo PEM, listed in SHA256SUMS

log = logging.getLogger(__name__)
_creating = threading.Lock()  # two first exports at once must not make two keys


def key_fingerprint(public_key: Ed25519PublicKey) -> str:
    """SHA-256 of the raw 32-byte public key, 64 hex digits."""
    return hashlib.sha256(public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)).hexdigest()


@dataclass(frozen=True, slots=True)
class PackageSigner:
    """Signs one package's SHA256SUMS. `ephemeral`: not the workstation's key (no keyring)."""

    _private: Ed25519PrivateKey = field(repr=False)
    ephemeral: bool = False

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self._private.public_key()

    @property
    def fingerprint(self) -> str:
        return key_fingerprint(self.public_key)

    @property
    def public_key_b64(self) -> str:
        """The raw public key in base64 (44 characters), as the audit entry records it."""
        return base64.b64encode(self.public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()

    def public_pem(self) -> bytes:
        return self.public_key.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)

    def sign(self, sums: bytes) -> bytes:
        return self._private.sign(sums)


def workstation_signer() -> PackageSigner:
    """This workstation's signer, its key created now if the keyring has none; else an ephemeral one.

    Blocking (keyring): call it off the GUI thread. A stored value that is not a key is left alone
    (replacing it would silently change the workstation's fingerprint) and an ephemeral key is used.
    """
    try:
        with _creating:
            stored = keyring.get_password(KEYRING_SERVICE, KEY_NAME)
            if stored is None:
                keyring.set_password(KEYRING_SERVICE, KEY_NAME, secrets.token_hex(32))
                stored = keyring.get_password(KEYRING_SERVICE, KEY_NAME)  # what the keyring kept
                if stored is None:
                    raise KeyringError("the keyring did not keep the new key")
                log.info("created this workstation's evidence signing key in the keyring")
        return PackageSigner(Ed25519PrivateKey.from_private_bytes(bytes.fromhex(stored)))
    except (KeyringError, ValueError) as exc:  # never the value itself: it is the private key
        signer = PackageSigner(Ed25519PrivateKey.generate(), ephemeral=True)
        log.warning(
            "no evidence signing key from the keyring (%s): this package is signed with the "
            "ephemeral key %s, recorded in its audit entry",
            type(exc).__name__,
            signer.fingerprint,
        )
        return signer


class SignatureState(StrEnum):
    VALID = "valid"  # the signature matches SHA256SUMS under the package's public key
    INVALID = "invalid"  # it does not: SHA256SUMS (or the key) changed after signing
    UNSIGNED = "unsigned"  # no signature and no key: made before packages were signed, or stripped
    MALFORMED = "malformed"  # one of the two is missing or unreadable


@dataclass(frozen=True, slots=True)
class SignatureCheck:
    state: SignatureState
    fingerprint: str | None = None  # of the public key in the package, when it could be read
    public_key_b64: str | None = None

    @property
    def valid(self) -> bool:
        return self.state is SignatureState.VALID


def check_signature(sums: bytes, signature: bytes | None, public_pem: bytes | None) -> SignatureCheck:
    """Check `signature` over `sums` (SHA256SUMS's bytes) with the PEM public key from the package."""
    if signature is None and public_pem is None:
        return SignatureCheck(SignatureState.UNSIGNED)
    public_key = _load_public_key(public_pem)
    if public_key is None:
        return SignatureCheck(SignatureState.MALFORMED)
    fingerprint = key_fingerprint(public_key)
    raw = base64.b64encode(public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()
    if signature is None or len(signature) != 64:
        return SignatureCheck(SignatureState.MALFORMED, fingerprint, raw)
    try:
        public_key.verify(signature, sums)
    except InvalidSignature:
        return SignatureCheck(SignatureState.INVALID, fingerprint, raw)
    return SignatureCheck(SignatureState.VALID, fingerprint, raw)


def _load_public_key(pem: bytes | None) -> Ed25519PublicKey | None:
    if pem is None:
        return None
    try:
        key = load_pem_public_key(pem)
    except (ValueError, TypeError):
        return None
    return key if isinstance(key, Ed25519PublicKey) else None
