"""Evidence packages: a zip of the exported clip, snapshots, a manifest, the SHA-256 of each file
and a signature over those sums.

Layout (format liangjiao-evidence/2): clip.mp4, the snapshots under their own names, manifest.json
(its "signing_key" names the key's fingerprint), signing-key.pem (the signer's public key),
SHA256SUMS (lines of "<hex>  <name>", the `sha256sum` format, covering every file above) and
SHA256SUMS.sig (Ed25519 over the bytes of SHA256SUMS: app/playback/evidence_signing.py says exactly
what is signed and how to check it with openssl). `check_package` re-hashes the files, names every
one that changed, went missing or was added, and checks the signature; packages of format /1, made
before packages were signed, have neither key nor signature and are reported unsigned.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.playback.evidence_signing import (
    PUBLIC_KEY_NAME,
    SIGNATURE_NAME,
    PackageSigner,
    SignatureCheck,
    SignatureState,
    check_signature,
)
from app.playback.segment_timeline import SegmentTimeline
from app.playback.span_export import (
    PARTIAL_SUFFIX,
    BeforePublish,
    CancelCheck,
    ExportCancelled,
    ProgressCallback,
    export_span,
    fitting_target,
    publish,
    refuse_existing,
)
from app.playback.zip_limits import package_refusals, read_text_member

__all__ = [
    "CLIP_NAME",
    "FORMAT",
    "MANIFEST_NAME",
    "SUMS_NAME",
    "PackageCheck",
    "build_package",
    "check_package",
    "file_sha256",
    "parse_sums",
    "verify_package",
]

CLIP_NAME = "clip.mp4"
MANIFEST_NAME = "manifest.json"
SUMS_NAME = "SHA256SUMS"
FORMAT = "liangjiao-evidence/2"  # /1: the same without signing-key.pem, SHA256SUMS.sig, "signing_key"
_RESERVED_NAMES = {CLIP_NAME, MANIFEST_NAME, SUMS_NAME, PUBLIC_KEY_NAME, SIGNATURE_NAME}
_TEXT_MEMBERS = {MANIFEST_NAME, SUMS_NAME, PUBLIC_KEY_NAME, SIGNATURE_NAME}  # read whole: size-capped
_RESERVED_KEYS = {
    "format",
    "signing_key",
    "camera_id",
    "span",
    "clip",
    "segments",
    "exported_by",
    "exported_at",
    "files",
}
_CHUNK = 1 << 20


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _check_snapshot_name(name: str) -> None:
    if (
        not name
        or name in _RESERVED_NAMES
        or "/" in name
        or "\\" in name
        or name.startswith(".")
        or ".." in name
    ):
        raise ValueError(f"unusable snapshot name {name!r}")


def build_package(
    timeline: SegmentTimeline,
    start: datetime,
    end: datetime,
    out_zip: Path,
    *,
    manifest_extra: dict[str, Any],
    snapshots: Sequence[tuple[str, bytes]] = (),
    exported_by: str,
    signer: PackageSigner,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    before_publish: BeforePublish | None = None,
    replace: bool = True,
) -> Path:
    """Write the package to `out_zip` (atomically), signed by `signer`; returns its path.

    Cancellation removes it.
    `before_publish` and `replace` as for app.playback.span_export.export_span: the complete zip is
    handed to `before_publish` while still `.partial`; an existing `out_zip` is refused unless `replace`.
    """
    names = [name for name, _ in snapshots]
    for name in names:
        _check_snapshot_name(name)
    if len(set(names)) != len(names):
        raise ValueError("snapshot names must be unique")
    clash = _RESERVED_KEYS & set(manifest_extra)
    if clash:
        raise ValueError(f"manifest_extra may not set {sorted(clash)}")
    chosen = Path(out_zip)
    out_zip = fitting_target(chosen)  # a name too long for ".partial" is shortened: see there
    replace = replace and out_zip == chosen  # replacing was agreed for the name chosen only
    refuse_existing(out_zip, replace=replace)
    out_zip.parent.mkdir(parents=True, exist_ok=True)
    partial = out_zip.with_name(out_zip.name + PARTIAL_SUFFIX)

    def export_progress(fraction: float) -> None:
        if progress is not None:
            progress(0.9 * fraction)

    try:
        with tempfile.TemporaryDirectory(prefix="evidence-", dir=out_zip.parent) as workdir:
            clip_path = Path(workdir) / CLIP_NAME
            result = export_span(
                timeline, start, end, clip_path, progress=export_progress, cancelled=cancelled
            )
            public_pem = signer.public_pem()
            sums: dict[str, str] = {
                CLIP_NAME: file_sha256(clip_path),
                PUBLIC_KEY_NAME: hashlib.sha256(public_pem).hexdigest(),
            }
            for name, data in snapshots:
                sums[name] = hashlib.sha256(data).hexdigest()
            manifest: dict[str, Any] = {
                "format": FORMAT,
                "camera_id": timeline.camera_id,
                "span": {"start": _iso(start), "end": _iso(end)},
                "clip": {
                    "file": CLIP_NAME,
                    "start": _iso(result.clip_start),
                    "end": _iso(result.clip_end),
                    "duration_s": round(result.duration_s, 3),
                    "packets": result.packets,
                },
                "segments": [
                    {"id": r.id, "path": r.path, "started_at": _iso(r.started_at)}
                    for r in timeline.overlapping(start, end)
                ],
                "exported_by": exported_by,
                "exported_at": _iso(datetime.now(UTC)),
                "files": sorted(sums),
                "signing_key": {
                    "algorithm": "Ed25519",
                    "fingerprint": signer.fingerprint,  # SHA-256 of the raw public key
                    "public_key": PUBLIC_KEY_NAME,
                    "signature": SIGNATURE_NAME,
                    "signed": SUMS_NAME,
                    "ephemeral": signer.ephemeral,  # True: no keyring, a key for this package only
                },
                **manifest_extra,
            }
            manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2, default=str).encode()
            sums[MANIFEST_NAME] = hashlib.sha256(manifest_bytes).hexdigest()
            sums_bytes = "".join(f"{digest}  {name}\n" for name, digest in sorted(sums.items())).encode()
            signature = signer.sign(sums_bytes)
            if cancelled is not None and cancelled():
                raise ExportCancelled(f"package {out_zip} cancelled")
            with zipfile.ZipFile(partial, "w") as archive:
                # The clip is already compressed: store it; deflate the small text files.
                archive.write(clip_path, CLIP_NAME, compress_type=zipfile.ZIP_STORED)
                for name, data in snapshots:
                    archive.writestr(name, data, compress_type=zipfile.ZIP_STORED)
                archive.writestr(MANIFEST_NAME, manifest_bytes, compress_type=zipfile.ZIP_DEFLATED)
                archive.writestr(PUBLIC_KEY_NAME, public_pem, compress_type=zipfile.ZIP_DEFLATED)
                archive.writestr(SUMS_NAME, sums_bytes, compress_type=zipfile.ZIP_DEFLATED)
                archive.writestr(SIGNATURE_NAME, signature, compress_type=zipfile.ZIP_STORED)
        if before_publish is not None:
            before_publish(partial)
        publish(partial, out_zip, replace=replace)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    if progress is not None:
        progress(1.0)
    return out_zip


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _member_sha256(archive: zipfile.ZipFile, name: str) -> str | None:
    """The member's hash; None when it cannot be read back (e.g. its zip CRC no longer matches)."""
    digest = hashlib.sha256()
    try:
        with archive.open(name) as handle:
            for chunk in iter(lambda: handle.read(_CHUNK), b""):
                digest.update(chunk)
    except (zipfile.BadZipFile, OSError, EOFError):
        return None
    return digest.hexdigest()


def parse_sums(text: str) -> dict[str, str] | None:
    sums: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64 or not name:
            return None
        sums[name.lstrip("*")] = digest.lower()
    return sums


@dataclass(frozen=True, slots=True)
class PackageCheck:
    """What re-reading a package found. `problems`: the files that changed, went missing or were
    added (sorted; an unreadable zip is its own file name, a missing or garbled SHA256SUMS that name).
    `manifest`: manifest.json when it is listed in SHA256SUMS and intact, else None. `refused`: why
    the zip was not read at all (it declares more than a package may: zip_limits.py), else empty."""

    problems: list[str]
    signature: SignatureCheck
    manifest: dict[str, Any] | None = None
    refused: list[str] = field(default_factory=list)

    @property
    def manifest_fingerprint(self) -> str | None:
        """The key fingerprint the manifest names (None: none, e.g. a format /1 package)."""
        key = (self.manifest or {}).get("signing_key")
        value = key.get("fingerprint") if isinstance(key, dict) else None
        return value if isinstance(value, str) else None

    @property
    def manifest_says_ephemeral(self) -> bool:
        key = (self.manifest or {}).get("signing_key")
        return isinstance(key, dict) and key.get("ephemeral") is True

    @property
    def key_mismatch(self) -> bool:
        """A valid signature by another key than the one the manifest names."""
        named = self.manifest_fingerprint
        return self.signature.valid and named is not None and named != self.signature.fingerprint

    @property
    def failures(self) -> list[str]:
        """`problems`, plus SHA256SUMS.sig when the signature is missing, invalid or by another key
        than the manifest names (sorted); empty: intact and signed."""
        if self.signature.valid and not self.key_mismatch:
            return self.problems
        return sorted({*self.problems, SIGNATURE_NAME})


def check_package(zip_path: Path) -> PackageCheck:
    """Re-hash every member against SHA256SUMS and check the signature over SHA256SUMS. Blocking."""
    try:
        archive = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError):
        return PackageCheck([Path(zip_path).name], SignatureCheck(SignatureState.MALFORMED))
    with archive:
        refused = package_refusals(archive, _TEXT_MEMBERS)
        if refused:
            return PackageCheck([SUMS_NAME], SignatureCheck(SignatureState.MALFORMED), refused=refused)
        members = [info.filename for info in archive.infolist() if not info.is_dir()]
        sums_bytes = _read(archive, SUMS_NAME) if SUMS_NAME in members else None
        try:
            sums = parse_sums(sums_bytes.decode("utf-8")) if sums_bytes is not None else None
        except UnicodeDecodeError:
            sums = None
        signature = check_signature(
            sums_bytes or b"",
            _read(archive, SIGNATURE_NAME) if SIGNATURE_NAME in members else None,
            _read(archive, PUBLIC_KEY_NAME) if PUBLIC_KEY_NAME in members else None,
        )
        if sums is None:
            return PackageCheck([SUMS_NAME], signature)
        problems: set[str] = set()
        for name, expected in sums.items():
            if name not in members or _member_sha256(archive, name) != expected:
                problems.add(name)
        unlisted = {SUMS_NAME, SIGNATURE_NAME}  # the sums and the signature over them
        problems.update(name for name in members if name not in unlisted and name not in sums)
        if len(set(members)) != len(members):  # a second member under an existing name
            problems.update(name for name in members if members.count(name) > 1)
        manifest = None
        if MANIFEST_NAME in sums and MANIFEST_NAME not in problems:
            manifest = _manifest(_read(archive, MANIFEST_NAME))
        return PackageCheck(sorted(problems), signature, manifest)


def verify_package(zip_path: Path) -> list[str]:
    """Names of the files that changed, are missing or were added (sorted); empty = intact.

    A signature that is missing, invalid or by another key than the manifest names counts as a
    problem of SHA256SUMS.sig. Blocking.
    """
    return check_package(zip_path).failures


def _read(archive: zipfile.ZipFile, name: str) -> bytes | None:
    return read_text_member(archive, name)


def _manifest(data: bytes | None) -> dict[str, Any] | None:
    try:
        value = json.loads(data or b"")
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
