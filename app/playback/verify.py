"""Verify evidence packages from the command line.

    python -m app.playback.verify PACKAGE.zip [MORE.zip ...] [--database URL] [--key FINGERPRINT ...]

Each package is re-hashed against its SHA256SUMS and the Ed25519 signature over SHA256SUMS is checked
with the public key inside it. The first line per package is OK (intact, signed, and the key vouched
for by the package's audit entry with --database, or by --key), SIGNED (intact and signed, nothing
vouches for the key), UNSIGNED (not OK) or FAILED (a member changed, missing or added, a bad
signature, or an audit log that does not hold this file or names another key); indented lines say
why, control characters escaped. Exit status: 0 all OK; 1 any FAILED or UNSIGNED; 3 the rest SIGNED
but not vouched for; 2 a file or the database cannot be opened (app/command_line.py, which also
supplies a PostgreSQL password). docs/evidence-packages.md describes every line printed.
"""

from __future__ import annotations

import argparse
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from app.command_line import (
    EXIT_CANNOT_CHECK,
    UnusableDatabase,
    database_error_text,
    printable,
    tool_database_url,
)
from app.persistence import Database, DatabaseError
from app.playback.evidence_package import SUMS_NAME, PackageCheck, check_package, file_sha256, parse_sums
from app.playback.evidence_signing import SignatureState
from app.playback.export_records import (
    ExportRecord,
    describe_export,
    find_exports,
    find_signed_exports,
    find_span_exports,
)
from app.playback.zip_limits import read_text_member

# Worse wins: cannot check (2), failed (1), not vouched for (3), OK (0).
_RANK = {0: 0, 3: 1, 1: 2, 2: 3}


def normalise_fingerprint(text: str) -> str:
    """A fingerprint as typed (colons, spaces, upper case) → 64 lowercase hex digits."""
    value = re.sub(r"[\s:]", "", text).lower()
    if not re.fullmatch(r"[0-9a-f]{64}", value):
        raise argparse.ArgumentTypeError(f"not a key fingerprint (64 hex digits): {text!r}")
    return value


@dataclass
class Verdict:
    status: str  # OK, SIGNED, UNSIGNED or FAILED
    lines: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return {"OK": 0, "SIGNED": 3}.get(self.status, 1)


def describe(package: Path, names: list[str]) -> list[str]:
    """Say what happened to each named file: changed, missing (listed, absent) or added (unlisted)."""
    try:
        with zipfile.ZipFile(package) as archive:
            members = {info.filename for info in archive.infolist() if not info.is_dir()}
            sums = read_text_member(archive, SUMS_NAME) if SUMS_NAME in members else None
            listed = set(parse_sums(sums.decode("utf-8")) or {}) if sums is not None else set()
    except (zipfile.BadZipFile, OSError, KeyError, UnicodeDecodeError):
        return [f"unreadable: {name}" for name in names]
    lines = []
    for name in names:
        if name not in members and (name == SUMS_NAME or name in listed):
            lines.append(f"missing: {name}")
        elif name not in listed and name != SUMS_NAME:
            lines.append(f"added: {name}")
        else:
            lines.append(f"changed: {name}")
    return lines


def _signature_lines(check: PackageCheck) -> list[str]:
    """What the signature itself says, before anything vouches for its key."""
    signature = check.signature
    named = check.manifest_fingerprint
    if signature.state is SignatureState.UNSIGNED:
        if named is not None:
            return [f"signature REMOVED: the manifest names key {named} but the package has none"]
        return ["unsigned: made before evidence packages were signed, or its signature was removed"]
    if signature.state is SignatureState.MALFORMED:
        return ["signature unreadable: SHA256SUMS.sig or signing-key.pem is missing or damaged"]
    if signature.state is SignatureState.INVALID:
        return [
            f"signature INVALID: SHA256SUMS changed after it was signed (key in the package: "
            f"{signature.fingerprint})"
        ]
    if check.key_mismatch:
        return [f"signed by key {signature.fingerprint}, but the manifest names key {named}"]
    return []


def _vouch(
    check: PackageCheck, records: list[ExportRecord] | None, database: Database | None, trusted: set[str]
) -> tuple[bool, bool, list[str]]:
    """For a valid signature: (vouched for, failed, lines) from --key and the audit log."""
    key = check.signature.fingerprint or ""
    kind = "the ephemeral key" if check.manifest_says_ephemeral else "key"
    if records is None:  # no --database
        if key in trusted:
            return True, False, [f"signature valid by {kind} {key} (a key given with --key)"]
        reason = "not checked against the audit log: no --database"
        if check.manifest_says_ephemeral:
            reason = "made for this package only, the workstation had no keyring; " + reason
        return False, False, [f"signature valid by {kind} {key} ({reason})"]
    assert database is not None
    recorded = [r for r in records if r.signing_key == key]
    if recorded:
        return (
            True,
            False,
            [f"signature valid by {kind} {key}, the key of audit entry #{recorded[-1].entry_id}"],
        )
    if records:
        others = ", ".join(f"#{r.entry_id}: {r.signing_key or 'none'}" for r in records)
        return False, True, [f"signed by key {key}, but its audit entry records another key ({others})"]
    signed = find_signed_exports(database, key)
    if signed:
        latest = signed[-1].entry_id
        line = f"signature valid by key {key}, which signed {len(signed)} export(s) (latest: entry #{latest})"
        return False, True, [line]
    lines = [f"signed by an UNKNOWN key {key}: no export in the audit log was signed with it"]
    # The export this one claims to be, unless its camera and span were rewritten too.
    manifest = check.manifest or {}
    span = manifest.get("span")
    if isinstance(manifest.get("camera_id"), int) and isinstance(span, dict):
        for record in find_span_exports(
            database, manifest["camera_id"], str(span.get("start")), str(span.get("end"))
        ):
            lines.append(
                f"the audit log's export of this camera and span, entry #{record.entry_id} by "
                f"{record.actor}, was signed by key {record.signing_key or 'none (unsigned)'}"
            )
    return False, True, lines


def judge(package: Path, database: Database | None, trusted: set[str]) -> Verdict:
    """Check one package (blocking: reads it, and the database when given)."""
    check = check_package(package)
    if check.refused:  # a zip bomb or the like: nothing in it was inflated, nothing more is said
        return Verdict("FAILED", [f"refused: {reason}" for reason in check.refused])
    lines = describe(package, check.problems) if check.problems else []
    lines += _signature_lines(check)
    broken = check.signature.state in (SignatureState.INVALID, SignatureState.MALFORMED)
    failed = bool(check.problems) or check.key_mismatch or broken
    records: list[ExportRecord] | None = None
    export_lines: list[str] = []
    exported = True
    if database is not None:
        sha256 = file_sha256(package)
        records = find_exports(database, sha256)
        exported, export_lines = describe_export(records, sha256)
    vouched = False
    if check.signature.valid and not check.key_mismatch:
        vouched, refused, vouch_lines = _vouch(check, records, database, trusted)
        failed = failed or refused
        lines += vouch_lines
    lines += export_lines
    if failed or not exported:
        return Verdict("FAILED", lines)
    if check.signature.state is SignatureState.UNSIGNED:
        return Verdict("UNSIGNED", lines)
    return Verdict("OK" if vouched else "SIGNED", lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m app.playback.verify",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("packages", nargs="+", type=Path, help="evidence package (.zip)")
    parser.add_argument(
        "--database",
        help="SQLAlchemy URL of the console's database: was this the file it exported? (no password: "
        "the keyring's, as the console uses, else PGPASSWORD or ~/.pgpass)",
    )
    parser.add_argument(
        "--key",
        action="append",
        default=[],
        type=normalise_fingerprint,
        metavar="FINGERPRINT",
        help="a signing key fingerprint to trust without the database (e.g. the exporting workstation's)",
    )
    args = parser.parse_args(argv)
    database: Database | None = None
    if args.database:
        try:
            database = Database(tool_database_url(args.database))
        except (UnusableDatabase, DatabaseError, SQLAlchemyError) as exc:
            print(f"error: {database_error_text(exc)}", file=sys.stderr)
            return EXIT_CANNOT_CHECK
    try:
        return _verify_all(args.packages, database, set(args.key))
    except (DatabaseError, SQLAlchemyError) as exc:
        print(f"error: {database_error_text(exc)}", file=sys.stderr)
        return 2
    finally:
        if database is not None:
            database.dispose()


def _verify_all(packages: list[Path], database: Database | None, trusted: set[str]) -> int:
    status = 0
    for package in packages:
        if not package.is_file():
            print(f"MISSING {printable(package)}", file=sys.stderr)
            status = max(status, 2, key=_RANK.__getitem__)
            continue
        verdict = judge(package, database, trusted)
        status = max(status, verdict.exit_code, key=_RANK.__getitem__)
        print(f"{verdict.status} {printable(package)}")
        for line in verdict.lines:
            print(f"  {printable(line)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
