"""What the review panes call (Completions, Spot-check, Audit, and the sign-in's audit entry), as
Protocols: the widgets depend on these and on the plain values of completion_values,
spot_check_values and audit_values, not on the services' database code
(app.review.services.ReviewServices, CompletionService, SpotCheckQueue). GUI tests hand them small
fakes (tests/helpers/fakes.py). Every method blocks: the panes call them through app.tasks.TaskRunner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from app.domain.casework import AuditEntry, Completion, SpotCheck
from app.domain.classroom_rules import ClassroomRules
from app.domain.enums import SpotCheckVerdict
from app.domain.people import Scope, User
from app.review.audit_values import AuditQuery, ChainReport
from app.review.completion_values import DECIDED_LIST_LIMIT, BatchOutcome, CompletionCandidate
from app.review.spot_check_values import ReviewItem, SampleRecord, SamplingPolicy


class CompletionDesk(Protocol):
    """Listing completions with their evidence and deciding them (CompletionService)."""

    def pending(
        self, scope: Scope | None, rules: ClassroomRules | None = None
    ) -> list[CompletionCandidate]: ...

    def decided(
        self,
        scope: Scope | None,
        since: datetime,
        rules: ClassroomRules | None = None,
        limit: int = DECIDED_LIST_LIMIT,
    ) -> list[CompletionCandidate]: ...

    def decide(
        self,
        user: User,
        completion_id: int,
        *,
        approve: bool,
        reason: str = "",
        rules: ClassroomRules | None = None,
        batch: bool = False,
    ) -> Completion: ...

    def approve_many(
        self, user: User, completion_ids: Sequence[int], rules: ClassroomRules | None = None
    ) -> BatchOutcome: ...

    def reverse(self, user: User, completion_id: int, reason: str) -> Completion: ...


class SpotCheckDesk(Protocol):
    """Claiming sampled photos and recording verdicts on them (SpotCheckQueue)."""

    def claim(self, user: User, scope: Scope | None, count: int = 5) -> list[ReviewItem]: ...

    def held_by(self, user: User) -> list[ReviewItem]: ...

    def release(self, user: User, check_ids: Sequence[int]) -> None: ...

    def record_verdict(
        self, user: User, check_id: int, verdict: SpotCheckVerdict, fail_reason: str = ""
    ) -> SpotCheck: ...

    def undo(self, user: User, check_id: int) -> SpotCheck: ...


class ReviewDesk(Protocol):
    """The review services bundled for the window (ReviewServices): completions, spot-checks,
    the audit log, a day's sample and the exports."""

    @property
    def completions(self) -> CompletionDesk: ...

    @property
    def spot_checks(self) -> SpotCheckDesk: ...

    def record_login(self, user: User) -> None: ...

    def audit_entries(self, user: User, query: AuditQuery) -> list[AuditEntry]: ...

    def verify_audit(self, user: User, cancelled: Callable[[], bool] = ...) -> ChainReport: ...

    def sample_day(self, day: date, policy: SamplingPolicy, user: User) -> SampleRecord: ...

    def export_evidence(self, user: User, learner_id: int, target: Path) -> Path: ...

    def export_approvals(self, user: User, day: date, target: Path) -> int: ...
