"""The append-only audit log, chained by SHA-256, and its verification.

Each entry's hash covers a canonical form of (id, at, actor, action, subject, detail, prev_hash), so
editing a row breaks its hash and deleting or inserting one breaks the next link. Appends are
serialised so two workstations never chain onto the same predecessor: on PostgreSQL a
transaction-scoped advisory lock taken before the last entry is read; on SQLite the writer's BEGIN
IMMEDIATE. The head (last id and hash) goes to workspace_meta in the same transaction, which catches
rows cut from the end or appended around this module; each workstation's witness (audit_witness.py)
catches a history rewritten with recomputed hashes. Everything blocks: run it on a worker.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from app.domain.casework import AuditEntry
from app.persistence.database import Database
from app.persistence.orm import AuditEntryRow
from app.persistence.repositories.meta_repository import MetaRepository
from app.review.audit_witness import AuditWitness, note_committed_entry

GENESIS = "0" * 64
HEAD_KEY = "audit.head"  # workspace_meta: "<id>:<entry_hash>" of the newest entry
# Any constant, the same on every workstation ("LJAUDIT" in ASCII).
_ADVISORY_LOCK_KEY = 0x4C4A4155444954


def canonical_bytes(
    entry_id: int, at: datetime, actor_id: int | None, action: str, subject: str, detail: str, prev_hash: str
) -> bytes:
    """The exact bytes hashed for an entry. JSON with fixed separators and microsecond ISO times,
    so SQLite (ISO text) and PostgreSQL (timestamp) give back values that hash the same."""
    payload = [entry_id, at.isoformat(timespec="microseconds"), actor_id, action, subject, detail, prev_hash]
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def hash_entry(
    entry_id: int, at: datetime, actor_id: int | None, action: str, subject: str, detail: str, prev_hash: str
) -> str:
    data = canonical_bytes(entry_id, at, actor_id, action, subject, detail, prev_hash)
    return hashlib.sha256(data).hexdigest()


def _detail_text(detail: str | Mapping[str, Any]) -> str:
    if isinstance(detail, str):
        return detail
    return json.dumps(dict(detail), ensure_ascii=False, sort_keys=True, default=str)


def lock_chain(session: Session) -> None:
    """Serialise appends (see the module docstring). Must run inside a writing() transaction."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK_KEY})


def append_entry(
    session: Session,
    actor_id: int | None,
    action: str,
    subject: str,
    detail: str | Mapping[str, Any] = "",
    *,
    at: datetime | None = None,
) -> AuditEntry:
    """Append one entry inside the caller's transaction, so the audited change and its entry are
    committed together or not at all."""
    lock_chain(session)
    last = session.execute(
        select(AuditEntryRow.id, AuditEntryRow.entry_hash).order_by(AuditEntryRow.id.desc()).limit(1)
    ).first()
    entry_id = 1 if last is None else int(last.id) + 1
    prev_hash = GENESIS if last is None else str(last.entry_hash)
    when = (at or datetime.now()).replace(tzinfo=None)
    body = _detail_text(detail)
    # The hash covers exactly what the text columns give back (an event id subject).
    action, subject = str(action), str(subject)
    digest = hash_entry(entry_id, when, actor_id, action, subject, body, prev_hash)
    entry = AuditEntry(entry_id, when, actor_id, action, subject, body, prev_hash, digest)
    session.execute(insert(AuditEntryRow), AuditEntryRow.values_from(entry))
    MetaRepository(session).set(HEAD_KEY, f"{entry_id}:{digest}")
    note_committed_entry(session, entry_id, digest)
    return entry


class AuditFn(Protocol):
    """What other features call: `audit(actor_id, action, subject, detail)`. Blocking."""

    def __call__(
        self, actor_id: int | None, action: str, subject: str, detail: str | Mapping[str, Any] = ""
    ) -> AuditEntry: ...


def make_audit(database: Database) -> AuditFn:
    """`audit(actor_id, action, subject, detail)` in its own transaction: for features that have
    nothing else to commit with the entry (logins, exports). Blocking."""

    def audit(
        actor_id: int | None, action: str, subject: str, detail: str | Mapping[str, Any] = ""
    ) -> AuditEntry:
        with database.writing() as session:
            return append_entry(session, actor_id, action, subject, detail)

    return audit


@dataclass(frozen=True, slots=True)
class AuditQuery:
    action: str = ""  # prefix, e.g. "completion." ; "" for all
    actor_id: int | None = None
    subject: str = ""  # substring
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 500


def find_entries(session: Session, query: AuditQuery) -> list[AuditEntry]:
    """Newest first, filtered. The audit pane pages with `limit`."""
    statement = select(AuditEntryRow)
    if query.action:
        statement = statement.where(AuditEntryRow.action.startswith(query.action, autoescape=True))
    if query.actor_id is not None:
        statement = statement.where(AuditEntryRow.actor_id == query.actor_id)
    if query.subject:
        statement = statement.where(AuditEntryRow.subject.contains(query.subject, autoescape=True))
    if query.since is not None:
        statement = statement.where(AuditEntryRow.at >= query.since)
    if query.until is not None:
        statement = statement.where(AuditEntryRow.at < query.until)
    statement = statement.order_by(AuditEntryRow.id.desc()).limit(query.limit)
    return [row.to_domain() for row in session.scalars(statement)]


def count_entries(session: Session) -> int:
    return int(session.scalar(select(func.count(AuditEntryRow.id))) or 0)


class ProblemKind(StrEnum):
    EDITED = "edited"  # the row's content no longer matches its hash (or it was re-hashed)
    INSERTED = "inserted"  # a row that was not appended through the chain
    DELETED = "deleted"  # rows missing before this one (or at the end: see the head)
    WITNESS = "witness"  # this workstation's witness line of the entry was altered (its MAC fails)


@dataclass(frozen=True, slots=True)
class ChainProblem:
    kind: ProblemKind
    entry_id: int  # the row named: edited/inserted row, or the row after the deleted ones
    message: str  # English, for logs and the command line; the pane words its own text


@dataclass(slots=True)
class ChainReport:
    checked: int = 0
    last_id: int = 0
    problems: list[ChainProblem] = field(default_factory=list)
    witnessed: int = 0  # entries the witness holds (compared with the rows)
    witness_unverified: int = 0  # of its lines, those whose MAC could not be checked (none, or no key)
    witness_missing: bool = False  # a witness was given but its file is gone (deleted or moved)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(slots=True)
class _Seen:
    id: int
    entry_hash: str
    prev_hash: str
    intact: bool


def _rows_in_order(session: Session, batch: int = 2000) -> Iterator[AuditEntryRow]:
    after = 0
    while True:
        rows = session.scalars(
            select(AuditEntryRow).where(AuditEntryRow.id > after).order_by(AuditEntryRow.id).limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        after = rows[-1].id


def verify_chain(
    session: Session,
    *,
    cancelled: Callable[[], bool] = lambda: False,
    witness: AuditWitness | None = None,
) -> ChainReport:
    """Walk the chain in id order and name every row that was edited, inserted or deleted; with a
    witness, also every row that differs from (or lacks) what this workstation committed."""
    report = ChainReport()
    reading = witness.reading() if witness is not None else None
    witnessed = dict(reading.entries) if reading is not None else {}
    report.witnessed = len(witnessed)
    report.witness_missing = witness is not None and not witness.path.exists()
    report.witness_unverified = reading.unverified if reading is not None else 0
    for altered in reading.altered if reading is not None else []:
        report.problems.append(
            ChainProblem(
                ProblemKind.WITNESS,
                altered,
                f"this workstation's witness line of entry {altered} was altered, or a line before it "
                "removed (its MAC does not verify)",
            )
        )
    before: _Seen | None = None  # two rows back: tells an inserted row from a re-hashed one
    prev: _Seen | None = None
    for row in _rows_in_order(session):
        if cancelled():
            break
        report.checked += 1
        intact = (
            hash_entry(row.id, row.at, row.actor_id, row.action, row.subject, row.detail, row.prev_hash)
            == row.entry_hash
        )
        if not intact:
            report.problems.append(
                ChainProblem(ProblemKind.EDITED, row.id, f"entry {row.id} does not match its hash")
            )
        expected = GENESIS if prev is None else prev.entry_hash
        if row.prev_hash != expected:
            report.problems.append(_broken_link(row, prev, before))
        seen_hash = witnessed.pop(row.id, None)
        if seen_hash is not None and seen_hash != row.entry_hash and intact:
            # Hashes consistent with the row, yet not the hash committed: rewritten and re-hashed.
            report.problems.append(
                ChainProblem(
                    ProblemKind.EDITED,
                    row.id,
                    f"entry {row.id} differs from what this workstation committed (re-hashed)",
                )
            )
        before, prev = prev, _Seen(row.id, row.entry_hash, row.prev_hash, intact)
    report.last_id = prev.id if prev is not None else 0
    if not cancelled():
        for missing in sorted(witnessed):
            report.problems.append(
                ChainProblem(
                    ProblemKind.DELETED,
                    missing,
                    f"entry {missing}, committed by this workstation, is no longer in the database",
                )
            )
    head = MetaRepository(session).get(HEAD_KEY)
    if head and not cancelled():
        head_problem = _check_head(head, prev)
        if head_problem is not None:
            report.problems.append(head_problem)
    return report


def _broken_link(row: AuditEntryRow, prev: _Seen | None, before: _Seen | None) -> ChainProblem:
    if prev is None:
        return ChainProblem(
            ProblemKind.DELETED,
            row.id,
            f"entries before {row.id} were deleted (chain does not start at genesis)",
        )
    if before is not None and row.prev_hash == before.entry_hash:
        return ChainProblem(ProblemKind.INSERTED, prev.id, f"entry {prev.id} was inserted before {row.id}")
    if row.id > prev.id + 1:
        missing = f"{prev.id + 1}" if row.id == prev.id + 2 else f"{prev.id + 1}–{row.id - 1}"
        return ChainProblem(ProblemKind.DELETED, row.id, f"entries {missing} were deleted before {row.id}")
    if prev.intact:
        # The row before hashes right yet is not what this row chained to: re-hashed.
        return ChainProblem(ProblemKind.EDITED, prev.id, f"entry {prev.id} was edited and re-hashed")
    return ChainProblem(ProblemKind.EDITED, row.id, f"entry {row.id} does not chain to entry {prev.id}")


def _check_head(head: str, last: _Seen | None) -> ChainProblem | None:
    head_id_text, _, head_hash = head.partition(":")
    head_id = int(head_id_text) if head_id_text.isdigit() else 0
    last_id = last.id if last is not None else 0
    if last is not None and last.id == head_id and last.entry_hash == head_hash:
        return None
    if last_id < head_id:
        return ChainProblem(
            ProblemKind.DELETED, head_id, f"entries after {last_id} up to {head_id} were deleted from the end"
        )
    if last_id > head_id:
        return ChainProblem(
            ProblemKind.INSERTED, last_id, f"entries {head_id + 1}–{last_id} were added outside the audit log"
        )
    return ChainProblem(ProblemKind.EDITED, last_id, f"entry {last_id} differs from the recorded head")
