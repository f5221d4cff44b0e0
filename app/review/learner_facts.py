"""What the completion rules know about one learner (LearnerFacts, with each on-site visit): plain
values, no database. app.review.study_facts loads them in a handful of queries and re-exports them;
the completion evaluator and the values the Completions pane shows import them from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.domain.completion_blockers import LearnerEvent, LearnerSpotCheck
from app.domain.enums import LicenceClass, Programme


@dataclass(frozen=True, slots=True)
class OnsiteVisit:
    """One learner in one scheduled class, as attendance summarised it."""

    session_id: int
    start: datetime
    end: datetime
    first_seen: datetime | None
    last_seen: datetime | None
    longest_continuous_minutes: float
    times_left: int


@dataclass(slots=True)
class LearnerFacts:
    learner_id: int
    name: str
    id_number_masked: str
    county_id: int
    programme: Programme
    licence_class: LicenceClass
    full_score_count: int
    visits: list[OnsiteVisit] = field(default_factory=list)  # in start order
    online: list[tuple[datetime, datetime]] = field(default_factory=list)
    open_events: int = 0
    confirmed_events: int = 0
    confirmed_mismatch: bool = False  # a confirmed FACE_MISMATCH event: 替学
    spot_passed: int = 0
    spot_failed: int = 0
    spot_pending: int = 0
    spot_impersonation: bool = False
    flagged_photos: int = 0
    # The blockers' inputs (app.domain.completion_blockers), besides the counts above.
    events: list[LearnerEvent] = field(default_factory=list)
    spot_checks: list[LearnerSpotCheck] = field(default_factory=list)
    flagged_photo_ids: set[int] = field(default_factory=set)  # flagged now, or sampled as flagged
