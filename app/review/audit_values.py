"""What the Audit pane asks and hears back: a query of the audit log, and the report of verifying its
chain with each problem found. Plain values, no database: app.review.audit_chain reads and verifies,
and re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class AuditQuery:
    action: str = ""  # prefix, e.g. "completion." ; "" for all
    actor_id: int | None = None
    subject: str = ""  # substring
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 500


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
