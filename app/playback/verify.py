"""Verify evidence packages from the command line.

    python -m app.playback.verify PACKAGE.zip [MORE.zip ...] [--database URL]

For each package prints "OK <file>" when every file matches its SHA-256 in SHA256SUMS, otherwise
"FAILED <file>" followed by one "  changed/missing/added: <name>" line per problem. That only shows
the package is consistent with itself: whoever rebuilds a zip can rewrite SHA256SUMS too.

With --database, the package's own SHA-256 is also looked up in the console's audit log: the
`recording.export.*` entry whose detail holds it says the console exported exactly this file, by
whom and when ("  exported: entry #N recording.export.package by NAME (login) at TIME to PATH").
When no entry holds it: "  NOT EXPORTED by this console: no audit entry holds sha256 ..." and the
package counts as failed; an export whose file was audited but then not published (a
`recording.export.failed` entry names it) counts as failed too. The audit chain itself is verified
by `python -m app.review.audit_verify --database URL`.

Exit status 0 when all packages are intact (and, with --database, exported by the console), 1 when
any is not, 2 when a file cannot be found or the database cannot be opened.
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from app.persistence import Database, DatabaseError
from app.persistence.orm import AuditEntryRow, UserRow
from app.playback.evidence_package import SUMS_NAME, file_sha256, parse_sums, verify_package
from app.playback.review_exports import EXPORT_ACTIONS, EXPORT_FAILED


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """An audit entry of an export whose file has the asked SHA-256."""

    entry_id: int
    action: str
    at: datetime
    actor: str  # "display name (login)", or "#<id>" when the user row is gone
    file: str  # the target path the console wrote
    failed_by: int | None  # the id of a `recording.export.failed` entry naming it


def _detail(text: str) -> dict[str, object]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def find_exports(database: Database, sha256: str) -> list[ExportRecord]:
    """The export entries whose detail records `sha256` as the exported file's, oldest first."""
    sha256 = sha256.lower()
    with database.reading() as session:
        rows = session.execute(
            select(
                AuditEntryRow.id,
                AuditEntryRow.action,
                AuditEntryRow.at,
                AuditEntryRow.actor_id,
                AuditEntryRow.detail,
            )
            .where(
                AuditEntryRow.action.in_([*EXPORT_ACTIONS, EXPORT_FAILED]),
                AuditEntryRow.detail.contains(sha256, autoescape=True),
            )
            .order_by(AuditEntryRow.id)
        ).all()
        actor_ids = {int(row.actor_id) for row in rows if row.actor_id is not None}
        names = {
            int(user.id): f"{user.display_name} ({user.login})"
            for user in session.execute(
                select(UserRow.id, UserRow.display_name, UserRow.login).where(UserRow.id.in_(actor_ids))
            )
        }
    failed: dict[int, int] = {}
    for row in rows:
        detail = _detail(row.detail)
        if (
            row.action == EXPORT_FAILED
            and detail.get("sha256") == sha256
            and isinstance(detail.get("entry"), int)
        ):
            failed[int(detail["entry"])] = int(row.id)  # type: ignore[call-overload]
    records = []
    for row in rows:
        detail = _detail(row.detail)
        if row.action not in EXPORT_ACTIONS or detail.get("sha256") != sha256:
            continue  # the digest appeared in some other field
        actor = names.get(int(row.actor_id), f"#{row.actor_id}") if row.actor_id is not None else "?"
        records.append(
            ExportRecord(
                int(row.id),
                str(row.action),
                row.at,
                actor,
                str(detail.get("file", "")),
                failed.get(int(row.id)),
            )
        )
    return records


def describe_export(records: list[ExportRecord], sha256: str) -> tuple[bool, list[str]]:
    """Whether the console exported this file (and published it), and the lines that say so."""
    if not records:
        return False, [f"NOT EXPORTED by this console: no audit entry holds sha256 {sha256}"]
    lines = []
    for record in records:
        line = (
            f"exported: entry #{record.entry_id} {record.action} by {record.actor} "
            f"at {record.at.isoformat(sep=' ', timespec='seconds')} to {record.file}"
        )
        if record.failed_by is not None:
            line += f" — NOT PUBLISHED (entry #{record.failed_by} {EXPORT_FAILED})"
        lines.append(line)
    return any(record.failed_by is None for record in records), lines


def describe(package: Path, names: list[str]) -> list[str]:
    """Say what happened to each named file: changed, missing (listed, absent) or added (unlisted)."""
    try:
        with zipfile.ZipFile(package) as archive:
            members = {info.filename for info in archive.infolist() if not info.is_dir()}
            listed = (
                set(parse_sums(archive.read(SUMS_NAME).decode("utf-8")) or {})
                if SUMS_NAME in members
                else set()
            )
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.playback.verify", description=__doc__)
    parser.add_argument("packages", nargs="+", type=Path, help="evidence package (.zip)")
    parser.add_argument(
        "--database", help="SQLAlchemy URL of the console's database: was this the file it exported?"
    )
    args = parser.parse_args(argv)
    database: Database | None = None
    if args.database:
        try:
            database = Database(args.database)
        except (DatabaseError, SQLAlchemyError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    try:
        return _verify_all(args.packages, database)
    except (DatabaseError, SQLAlchemyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        if database is not None:
            database.dispose()


def _verify_all(packages: list[Path], database: Database | None) -> int:
    status = 0
    for package in packages:
        if not package.is_file():
            print(f"MISSING {package}", file=sys.stderr)
            status = max(status, 2)
            continue
        problems = verify_package(package)
        lines = describe(package, problems) if problems else []
        exported = True
        if database is not None:
            sha256 = file_sha256(package)
            exported, export_lines = describe_export(find_exports(database, sha256), sha256)
            lines += export_lines
        if problems or not exported:
            status = max(status, 1)
        print(f"{'FAILED' if problems or not exported else 'OK'} {package}")
        for line in lines:
            print(f"  {line}")
    return status


if __name__ == "__main__":
    sys.exit(main())
