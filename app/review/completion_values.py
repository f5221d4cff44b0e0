"""What the Completions pane shows and hears back: a completion with the evidence for deciding it
(CompletionCandidate), the outcome of a batch approval, and the refusal of a blocked approval.
Plain values, no database: app.review.completion_service builds them and re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.casework import Completion
from app.domain.completion_blockers import Blocker
from app.domain.enums import LicenceClass
from app.review.completion_evaluator import CompletionEvidence

DECIDED_LIST_LIMIT = 200


class CompletionBlockedError(Exception):
    """Approval refused: judged inside the deciding transaction, something voids or holds the record.

    `blockers` names each one (kind, and the event / spot-check / photo ids behind it)."""

    def __init__(self, completion_id: int, learner_name: str, blockers: tuple[Blocker, ...]) -> None:
        codes = " ".join(b.code() for b in blockers)
        super().__init__(f"completion {completion_id} ({learner_name}) is blocked: {codes}")
        self.completion_id = completion_id
        self.learner_name = learner_name
        self.blockers = blockers


@dataclass(frozen=True, slots=True)
class CompletionCandidate:
    completion: Completion
    learner_name: str
    id_number_masked: str  # namesakes are told apart by it (app.domain.masking)
    county_id: int
    licence_class: LicenceClass
    evidence: CompletionEvidence


@dataclass(slots=True)
class BatchOutcome:
    approved: list[int] = field(default_factory=list)  # completion ids
    refused: dict[int, tuple[Blocker, ...]] = field(default_factory=dict)  # blocked when it was decided
    failed: dict[int, BaseException] = field(default_factory=dict)  # decided elsewhere, not allowed…

    @property
    def not_approved(self) -> list[int]:
        return [*self.refused, *self.failed]
