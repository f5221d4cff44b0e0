"""Signed evidence packages: a package rewritten and re-summed is caught offline, one re-signed with
another key is named as such, unsigned ones are not OK, and `verify` prints names safely."""

from __future__ import annotations

import hashlib
import json
import logging
import zipfile
from pathlib import Path

import keyring
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from keyring.backends.fail import Keyring as FailKeyring
from sqlalchemy import select

from app.persistence.orm import AuditEntryRow
from app.playback.evidence_package import file_sha256
from app.playback.evidence_signing import KEYRING_SERVICE, key_fingerprint, workstation_signer
from app.playback.verify import main as verify_main
from app.review.audit_chain import append_entry
from tests.helpers.playback_review import DUTY, Review


def _never(_fraction: float = 0.0) -> bool:
    return False


def _export(review: Review, target: Path) -> Path:
    rows = review.rows
    return review.service.exports.export_package(
        7, rows[0].started_at, rows[1].started_at, target, DUTY, progress=lambda f: None, cancelled=_never
    )


def _members(package: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(package) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _resummed(members: dict[str, bytes]) -> bytes:
    """SHA256SUMS recomputed over the files it lists that are still there, as someone rewriting the
    package would."""
    listed = [line.partition("  ")[2] for line in members["SHA256SUMS"].decode().splitlines() if line]
    return "".join(
        f"{hashlib.sha256(members[name]).hexdigest()}  {name}\n" for name in sorted(listed) if name in members
    ).encode()


def _write(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_changed_file_with_recomputed_sums_fails_offline(
    review: Review, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = _export(review, tmp_path / "evidence.zip")
    members = _members(package)
    clip = bytearray(members["clip.mp4"])
    clip[len(clip) // 2] ^= 0x01  # one bit of the picture
    members["clip.mp4"] = bytes(clip)
    members["SHA256SUMS"] = _resummed(members)
    tampered = _write(tmp_path / "tampered.zip", members)
    capsys.readouterr()
    assert verify_main([str(tampered)]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == f"FAILED {tampered}"
    assert not any(line.startswith("OK") for line in printed)
    assert any("signature INVALID" in line for line in printed)


def _entries(review: Review) -> list[tuple[int, str, dict[str, object]]]:
    with review.database.reading() as session:
        rows = session.execute(select(AuditEntryRow.id, AuditEntryRow.action, AuditEntryRow.detail))
        return [(int(i), str(a), json.loads(d)) for i, a, d in rows]


def _url(review: Review) -> str:
    return review.database.engine.url.render_as_string(hide_password=False)


def test_a_package_is_signed_by_the_workstation_key_its_audit_entry_names(
    review: Review, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _export(review, tmp_path / "first.zip")
    second = _export(review, tmp_path / "second.zip")
    signer = workstation_signer()  # the one in the (test's in-memory) keyring
    stored = keyring.get_password(KEYRING_SERVICE, "workstation")
    assert stored is not None and not signer.ephemeral
    for (_, action, detail), package in zip(_entries(review), (first, second), strict=True):
        assert action == "recording.export.package"
        assert detail["signing_key"] == signer.fingerprint  # one key per workstation, made once
        assert detail["public_key"] == signer.public_key_b64 and "signing_key_ephemeral" not in detail
        members = _members(package)
        manifest = json.loads(members["manifest.json"])
        assert manifest["format"] == "liangjiao-evidence/2"
        assert manifest["signing_key"]["fingerprint"] == signer.fingerprint
        assert manifest["signing_key"]["ephemeral"] is False
        assert members["signing-key.pem"] == signer.public_pem()
        assert "signing-key.pem" in members["SHA256SUMS"].decode()
        signer.public_key.verify(members["SHA256SUMS.sig"], members["SHA256SUMS"])  # exactly these bytes
        # The private key is in the keyring only: not in the package, not in the audit log.
        private = bytes.fromhex(stored)
        assert all(stored.encode() not in data and private not in data for data in members.values())
        assert stored not in json.dumps(detail)

    capsys.readouterr()
    assert verify_main([str(first)]) == 3
    assert capsys.readouterr().out.splitlines() == [
        f"SIGNED {first}",
        f"  signature valid by key {signer.fingerprint} (not checked against the audit log: no --database)",
    ]
    assert verify_main([str(first), "--key", signer.fingerprint.upper()]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"OK {first}"
    assert verify_main([str(first), str(second), "--database", _url(review)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == f"OK {first}" and printed[3] == f"OK {second}"
    assert printed[4] == f"  signature valid by key {signer.fingerprint}, the key of audit entry #2"


def _resign(members: dict[str, bytes], key: Ed25519PrivateKey, *, name_it: bool = True) -> dict[str, bytes]:
    """Re-sign with `key` as someone who rewrote the package would (manifest naming it, or not)."""
    members = dict(members)
    public = key.public_key()
    members["signing-key.pem"] = public.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    if name_it:
        manifest = json.loads(members["manifest.json"])
        manifest["signing_key"]["fingerprint"] = key_fingerprint(public)
        members["manifest.json"] = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
    members["SHA256SUMS"] = _resummed(members)
    members["SHA256SUMS.sig"] = key.sign(members["SHA256SUMS"])
    return members


def test_a_package_re_signed_with_another_key_is_named_by_that_key(
    review: Review, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = _export(review, tmp_path / "evidence.zip")
    ((entry, _, detail),) = _entries(review)
    members = _members(package)
    clip = bytearray(members["clip.mp4"])
    clip[len(clip) // 2] ^= 0x01
    members["clip.mp4"] = bytes(clip)
    other = Ed25519PrivateKey.generate()
    other_fp = key_fingerprint(other.public_key())
    forged = _write(tmp_path / "forged.zip", _resign(members, other))
    capsys.readouterr()

    # Offline the signature is valid, so it can only show whose it is: the officer compares.
    assert verify_main([str(forged)]) == 3
    assert capsys.readouterr().out.splitlines() == [
        f"SIGNED {forged}",
        f"  signature valid by key {other_fp} (not checked against the audit log: no --database)",
    ]
    assert verify_main([str(forged), "--key", str(detail["signing_key"])]) == 3  # not the trusted key
    capsys.readouterr()

    assert verify_main([str(forged), "--database", _url(review)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"FAILED {forged}",
        f"  signed by an UNKNOWN key {other_fp}: no export in the audit log was signed with it",
        f"  the audit log's export of this camera and span, entry #{entry} by 值班领导甲 (duty), "
        f"was signed by key {detail['signing_key']}",
        f"  NOT EXPORTED by this console: no audit entry holds sha256 {file_sha256(forged)}",
    ]

    # Re-signed without also rewriting the manifest: the manifest names the workstation's key.
    careless = _write(tmp_path / "careless.zip", _resign(members, other, name_it=False))
    assert verify_main([str(careless)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"FAILED {careless}",
        f"  signed by key {other_fp}, but the manifest names key {detail['signing_key']}",
    ]


def test_unsigned_packages_are_reported_unsigned_not_ok(
    review: Review, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = _export(review, tmp_path / "evidence.zip")
    members = _members(package)
    # The signature stripped and the sums recomputed: the manifest still names the key.
    stripped = {k: v for k, v in members.items() if k not in ("SHA256SUMS.sig", "signing-key.pem")}
    stripped["SHA256SUMS"] = _resummed(stripped)
    stripped_zip = _write(tmp_path / "stripped.zip", stripped)
    capsys.readouterr()
    assert verify_main([str(stripped_zip)]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == f"UNSIGNED {stripped_zip}"
    assert printed[1].startswith("  signature REMOVED: the manifest names key ")

    # A package as exported before packages were signed (format /1), and audited then.
    manifest = json.loads(members["manifest.json"])
    del manifest["signing_key"]
    manifest["format"] = "liangjiao-evidence/1"
    legacy = dict(stripped, **{"manifest.json": json.dumps(manifest).encode()})
    legacy["SHA256SUMS"] = _resummed(legacy)
    legacy_zip = _write(tmp_path / "legacy.zip", legacy)
    with review.database.writing() as session:
        append_entry(
            session,
            DUTY.id,
            "recording.export.package",
            "camera:7",
            {"file": str(legacy_zip), "sha256": file_sha256(legacy_zip)},
        )
    assert verify_main([str(legacy_zip)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"UNSIGNED {legacy_zip}",
        "  unsigned: made before evidence packages were signed, or its signature was removed",
    ]
    assert verify_main([str(legacy_zip), "--database", _url(review)]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == f"UNSIGNED {legacy_zip}" and printed[2].startswith("  exported: entry #2 ")


def test_without_a_keyring_a_package_is_signed_with_a_marked_ephemeral_key(
    review: Review, tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    keyring.set_keyring(FailKeyring())  # a headless machine; the isolation fixture restores the keyring
    with caplog.at_level(logging.WARNING, logger="app.playback.evidence_signing"):
        first = _export(review, tmp_path / "first.zip")
        second = _export(review, tmp_path / "second.zip")
    (_, _, detail), (_, _, detail2) = _entries(review)
    assert detail["signing_key_ephemeral"] is True and detail2["signing_key_ephemeral"] is True
    assert detail["signing_key"] != detail2["signing_key"]  # one key per package, then forgotten
    assert "ephemeral key" in caplog.text and str(detail["signing_key"]) in caplog.text
    manifest = json.loads(_members(first)["manifest.json"])
    assert manifest["signing_key"]["ephemeral"] is True
    assert manifest["signing_key"]["fingerprint"] == detail["signing_key"]
    capsys.readouterr()
    assert verify_main([str(first)]) == 3
    assert capsys.readouterr().out.splitlines() == [
        f"SIGNED {first}",
        f"  signature valid by the ephemeral key {detail['signing_key']} (made for this package only, "
        "the workstation had no keyring; not checked against the audit log: no --database)",
    ]
    assert verify_main([str(second), "--database", _url(review)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[:2] == [
        f"OK {second}",
        f"  signature valid by the ephemeral key {detail2['signing_key']}, the key of audit entry #2",
    ]
