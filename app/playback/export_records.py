"""What the audit log says about exported files: the entries that hold a file's SHA-256, the exports a
signing key signed, and the package exports of one camera and span. For `python -m app.playback.verify`.

Every function opens its own read transaction and blocks. Entries are found by a text search of their
JSON detail and then checked field by field, so a digest or fingerprint that merely appears in some
other field never counts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.persistence import Database
from app.persistence.orm import AuditEntryRow, UserRow
from app.playback.review_exports import EXPORT_ACTIONS, EXPORT_FAILED, PACKAGE_ACTION

__all__ = [
    "ExportRecord",
    "describe_export",
    "find_exports",
    "find_signed_exports",
    "find_span_exports",
]


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """An audit entry of an export."""

    entry_id: int
    action: str
    at: datetime
    actor: str  # "display name (login)", or "#<id>" when the user row is gone
    file: str  # the target path the console wrote
    failed_by: int | None  # the id of a `recording.export.failed` entry naming it
    signing_key: str | None = None  # the fingerprint of the key that signed the package


def _detail(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _actors(session: Session, rows: list[Any]) -> dict[int, str]:
    actor_ids = {int(row.actor_id) for row in rows if row.actor_id is not None}
    return {
        int(user.id): f"{user.display_name} ({user.login})"
        for user in session.execute(
            select(UserRow.id, UserRow.display_name, UserRow.login).where(UserRow.id.in_(actor_ids))
        )
    }


def _rows(session: Session, actions: list[str], contains: str, subject: str | None = None) -> list[Any]:
    query = (
        select(
            AuditEntryRow.id,
            AuditEntryRow.action,
            AuditEntryRow.at,
            AuditEntryRow.actor_id,
            AuditEntryRow.detail,
        )
        .where(AuditEntryRow.action.in_(actions), AuditEntryRow.detail.contains(contains, autoescape=True))
        .order_by(AuditEntryRow.id)
    )
    if subject is not None:
        query = query.where(AuditEntryRow.subject == subject)
    return list(session.execute(query).all())


def _record(row: Any, detail: dict[str, Any], names: dict[int, str], failed_by: int | None) -> ExportRecord:
    actor = names.get(int(row.actor_id), f"#{row.actor_id}") if row.actor_id is not None else "?"
    key = detail.get("signing_key")
    return ExportRecord(
        int(row.id),
        str(row.action),
        row.at,
        actor,
        str(detail.get("file", "")),
        failed_by,
        key if isinstance(key, str) else None,
    )


def find_exports(database: Database, sha256: str) -> list[ExportRecord]:
    """The export entries whose detail records `sha256` as the exported file's, oldest first."""
    sha256 = sha256.lower()
    with database.reading() as session:
        rows = _rows(session, [*EXPORT_ACTIONS, EXPORT_FAILED], sha256)
        names = _actors(session, rows)
    failed: dict[int, int] = {}
    for row in rows:
        detail = _detail(row.detail)
        if (
            row.action == EXPORT_FAILED
            and detail.get("sha256") == sha256
            and isinstance(detail.get("entry"), int)
        ):
            failed[int(detail["entry"])] = int(row.id)
    records = []
    for row in rows:
        detail = _detail(row.detail)
        if row.action not in EXPORT_ACTIONS or detail.get("sha256") != sha256:
            continue  # the digest appeared in some other field
        records.append(_record(row, detail, names, failed.get(int(row.id))))
    return records


def find_signed_exports(database: Database, fingerprint: str) -> list[ExportRecord]:
    """The package exports signed by the key of `fingerprint`, oldest first."""
    with database.reading() as session:
        rows = _rows(session, [PACKAGE_ACTION], fingerprint)
        names = _actors(session, rows)
    return [
        _record(row, detail, names, None)
        for row in rows
        if (detail := _detail(row.detail)).get("signing_key") == fingerprint
    ]


def find_span_exports(database: Database, camera_id: int, start: str, end: str) -> list[ExportRecord]:
    """The package exports of `camera_id` over exactly [start, end) (ISO times as the manifest has them)."""
    with database.reading() as session:
        rows = _rows(session, [PACKAGE_ACTION], start, subject=f"camera:{camera_id}")
        names = _actors(session, rows)
    return [
        _record(row, detail, names, None)
        for row in rows
        if (detail := _detail(row.detail)).get("start") == start and detail.get("end") == end
    ]


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
