"""The workstation's evidence signing key (made once, kept in the keyring only; ephemeral and said so
without one), the signature check, and `verify` on packages made by hand: every way the signature can
be wrong, and member names that try to write to the officer's terminal."""

from __future__ import annotations

import hashlib
import json
import logging
import zipfile
from pathlib import Path

import keyring
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from keyring.backends.fail import Keyring as FailKeyring

from app.command_line import printable
from app.playback.evidence_package import check_package, verify_package
from app.playback.evidence_signing import (
    KEYRING_SERVICE,
    PackageSigner,
    SignatureState,
    check_signature,
    key_fingerprint,
    workstation_signer,
)
from app.playback.verify import main as verify_main


def test_the_key_is_made_once_and_kept_in_the_keyring_only(caplog: pytest.LogCaptureFixture) -> None:
    assert keyring.get_password(KEYRING_SERVICE, "workstation") is None
    with caplog.at_level(logging.DEBUG):
        first = workstation_signer()
        second = workstation_signer()
    stored = keyring.get_password(KEYRING_SERVICE, "workstation")
    assert stored is not None and len(bytes.fromhex(stored)) == 32
    assert not first.ephemeral and first.fingerprint == second.fingerprint
    assert stored not in caplog.text and stored not in repr(first)
    assert "created this workstation's evidence signing key" in caplog.text
    raw = first.public_key.public_bytes_raw()
    assert first.fingerprint == hashlib.sha256(raw).hexdigest() == key_fingerprint(first.public_key)


def test_without_a_keyring_each_package_gets_an_ephemeral_key_and_the_log_says_so(
    caplog: pytest.LogCaptureFixture,
) -> None:
    keyring.set_keyring(FailKeyring())  # a headless machine; the isolation fixture restores the keyring
    with caplog.at_level(logging.WARNING):
        one, two = workstation_signer(), workstation_signer()
    assert one.ephemeral and two.ephemeral and one.fingerprint != two.fingerprint
    assert f"ephemeral key {one.fingerprint}" in caplog.text


def test_a_damaged_stored_key_is_left_alone_not_replaced(caplog: pytest.LogCaptureFixture) -> None:
    keyring.set_password(KEYRING_SERVICE, "workstation", "not a key")
    with caplog.at_level(logging.WARNING):
        signer = workstation_signer()
    assert signer.ephemeral and "ValueError" in caplog.text and "not a key" not in caplog.text
    assert keyring.get_password(KEYRING_SERVICE, "workstation") == "not a key"


def test_the_signature_check_names_each_state() -> None:
    signer = PackageSigner(Ed25519PrivateKey.generate())
    sums = b"0" * 64 + b"  clip.mp4\n"
    signature, pem = signer.sign(sums), signer.public_pem()
    valid = check_signature(sums, signature, pem)
    assert valid.state is SignatureState.VALID and valid.fingerprint == signer.fingerprint
    changed = check_signature(sums.replace(b"0", b"1", 1), signature, pem)
    assert changed.state is SignatureState.INVALID and changed.fingerprint == signer.fingerprint
    assert check_signature(sums, None, None).state is SignatureState.UNSIGNED
    assert check_signature(sums, signature, None).state is SignatureState.MALFORMED
    assert check_signature(sums, signature[:-1], pem).state is SignatureState.MALFORMED
    assert check_signature(sums, signature, b"-----BEGIN PUBLIC KEY-----\nnope\n").state is (
        SignatureState.MALFORMED
    )


def _package(path: Path, files: dict[str, bytes], signer: PackageSigner, extra: dict[str, bytes]) -> Path:
    """A format /2 package made by hand: `files` listed and signed, then `extra` members added."""
    manifest = {"format": "liangjiao-evidence/2", "signing_key": {"fingerprint": signer.fingerprint}}
    listed = {**files, "manifest.json": json.dumps(manifest).encode(), "signing-key.pem": signer.public_pem()}
    sums = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(listed.items()))
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in {**listed, "SHA256SUMS": sums.encode(), **extra}.items():
            archive.writestr(name, data)
        archive.writestr("SHA256SUMS.sig", signer.sign(sums.encode()))
    return path


def test_member_names_are_printed_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    signer = workstation_signer()
    evil = "x\nOK evidence.zip\x1b[2J\u202e"
    package = _package(tmp_path / "p.zip", {"clip.mp4": b"clip"}, signer, {evil: b"added later"})
    assert verify_package(package) == [evil]
    assert check_package(package).signature.valid
    assert verify_main([str(package)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    assert out.splitlines()[1] == "  added: x\\x0aOK evidence.zip\\x1b[2J\\u202e"
    assert printable("第一教室\\") == "第一教室\\\\"  # readable names stay readable


def test_a_signature_over_other_sums_and_a_garbled_key_both_fail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    signer = workstation_signer()
    package = _package(tmp_path / "p.zip", {"clip.mp4": b"clip"}, signer, {})
    with zipfile.ZipFile(package) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    for name, replacement in (
        ("SHA256SUMS.sig", signer.sign(b"something else")),
        ("signing-key.pem", b"garbage"),
    ):
        broken = tmp_path / f"broken-{name}.zip"
        with zipfile.ZipFile(broken, "w") as archive:
            for member, data in members.items():
                archive.writestr(member, replacement if member == name else data)
        assert "SHA256SUMS.sig" in verify_package(broken)
        assert verify_main([str(broken)]) == 1
        assert capsys.readouterr().out.startswith(f"FAILED {broken}\n")
