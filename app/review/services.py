"""The review services bundled for the window (through AppContext.review).

Built by app.bootstrap on the bootstrap thread; every method blocks and is called by the panes
through app.tasks.TaskRunner, never on the GUI thread. Reading and verifying the audit log is
AUDIT of the permission matrix (city-wide by nature), exports EXPORT, drawing a day's sample
APPROVE anywhere: each judged on the officer as stored now, in the transaction that reads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from app.domain.casework import AuditEntry
from app.domain.people import User
from app.domain.permissions import Action
from app.persistence.database import Database
from app.persistence.repositories.permission_subjects import Place, require_acting
from app.review.audit_chain import AuditFn, AuditQuery, ChainReport, find_entries, make_audit, verify_chain
from app.review.audit_witness import witness_for
from app.review.completion_service import CompletionService
from app.review.spot_check_queue import SpotCheckQueue
from app.review.spot_check_sampling import SampleRecord, SamplingPolicy, sample_day


@dataclass(slots=True)
class ReviewServices:
    database: Database
    audit: AuditFn = field(init=False)
    completions: CompletionService = field(init=False)
    spot_checks: SpotCheckQueue = field(init=False)

    def __post_init__(self) -> None:
        self.audit = make_audit(self.database)
        self.completions = CompletionService(self.database)
        self.spot_checks = SpotCheckQueue(self.database)

    def record_login(self, user: User) -> None:
        self.audit(user.id, "login", f"user:{user.id}", {"login": user.login, "post": user.post.value})

    def audit_entries(self, user: User, query: AuditQuery) -> list[AuditEntry]:
        with self.database.reading() as session:
            require_acting(session, user.id, Action.AUDIT, Place())
            return find_entries(session, query)

    def verify_audit(self, user: User, cancelled: Callable[[], bool] = lambda: False) -> ChainReport:
        with self.database.reading() as session:
            require_acting(session, user.id, Action.AUDIT, Place())
            return verify_chain(session, cancelled=cancelled, witness=witness_for(self.database))

    def sample_day(self, day: date, policy: SamplingPolicy, user: User) -> SampleRecord:
        return sample_day(self.database, day, policy, sampled_by=user.id)

    def export_evidence(self, user: User, learner_id: int, target: Path) -> Path:
        from app.review.exports import export_evidence  # QtGui: loaded only when exporting

        written = export_evidence(self.database, learner_id, target, user)
        self.audit(user.id, "export.evidence", f"learner:{learner_id}", {"file": written.name})
        return written

    def export_approvals(self, user: User, day: date, target: Path) -> int:
        from app.review.exports import export_approvals_csv

        count = export_approvals_csv(self.database, day, target, user)
        self.audit(
            user.id, "export.approvals", f"day:{day.isoformat()}", {"rows": count, "file": target.name}
        )
        return count
