"""Everything the completion rules need about a set of learners, loaded in a handful of queries.

One query per table (learners, attendance with sessions, online records, events, spot-checks,
flagged photos), each restricted by the same learner subquery, then grouped in Python. A naive
loader issuing queries per learner costs ~10 round trips × learners; see bench/review_completions.py.

Threads: blocking, called on a worker thread with a session from Database.reading().
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.domain.completion_blockers import IMPERSONATION_FAIL_REASONS, LearnerEvent, LearnerSpotCheck
from app.domain.enums import EventKind, EventState, SpotCheckVerdict
from app.domain.people import Scope
from app.persistence.orm import (
    AttendanceRow,
    CapturedPhotoRow,
    ClassSessionRow,
    EventLearnerRow,
    EventRow,
    LearnerRow,
    OnlineStudyRecordRow,
    SpotCheckRow,
)
from app.persistence.repositories.scope_filters import learner_ids_in
from app.review.learner_facts import LearnerFacts, OnsiteVisit

__all__ = ["LearnerFacts", "OnsiteVisit", "load_facts", "scope_learners"]


def scope_learners(scope: Scope | None) -> Select[int]:
    """Learner ids in scope; the city (or None) means every learner."""
    return learner_ids_in(scope or Scope.city())


def load_facts(session: Session, learners: Select[int]) -> dict[int, LearnerFacts]:
    """Facts for the learners whose ids `learners` (a one-column SELECT) yields."""
    facts: dict[int, LearnerFacts] = {}
    for row in session.execute(
        select(
            LearnerRow.id,
            LearnerRow.name,
            LearnerRow.id_number_masked,
            LearnerRow.county_id,
            LearnerRow.programme,
            LearnerRow.licence_class,
            LearnerRow.full_score_count,
        ).where(LearnerRow.id.in_(learners))
    ):
        facts[row.id] = LearnerFacts(row.id, row.name, row.id_number_masked, row.county_id, *row[4:])

    visits = (
        select(AttendanceRow, ClassSessionRow.starts_at, ClassSessionRow.ends_at)
        .join(ClassSessionRow, ClassSessionRow.id == AttendanceRow.session_id)
        .where(AttendanceRow.learner_id.in_(learners))
        .order_by(ClassSessionRow.starts_at)
    )
    for attendance, starts_at, ends_at in session.execute(visits):
        target = facts.get(attendance.learner_id)
        if target is not None:
            target.visits.append(
                OnsiteVisit(
                    attendance.session_id,
                    starts_at,
                    ends_at,
                    attendance.first_seen,
                    attendance.last_seen,
                    attendance.longest_continuous_minutes,
                    attendance.times_left,
                )
            )

    online = select(
        OnlineStudyRecordRow.learner_id, OnlineStudyRecordRow.starts_at, OnlineStudyRecordRow.ends_at
    ).where(OnlineStudyRecordRow.learner_id.in_(learners))
    for learner_id, start, end in session.execute(online):
        if learner_id in facts:
            facts[learner_id].online.append((start, end))

    _load_events(session, learners, facts)
    _load_spot_checks(session, learners, facts)
    flagged = select(CapturedPhotoRow.learner_id, CapturedPhotoRow.id).where(
        CapturedPhotoRow.learner_id.in_(learners), CapturedPhotoRow.flags != "[]"
    )
    for learner_id, photo_id in session.execute(flagged):
        if learner_id in facts:
            facts[learner_id].flagged_photos += 1
            facts[learner_id].flagged_photo_ids.add(int(photo_id))
    return facts


def _load_events(session: Session, learners: Select[int], facts: dict[int, LearnerFacts]) -> None:
    query = (
        select(EventLearnerRow.learner_id, EventRow.id, EventRow.kind, EventRow.state)
        .join(EventRow, EventRow.id == EventLearnerRow.event_id)
        .where(EventLearnerRow.learner_id.in_(learners))
        .order_by(EventRow.id)
    )
    for learner_id, event_id, kind, state in session.execute(query):
        target = facts.get(learner_id)
        if target is None:
            continue
        target.events.append(LearnerEvent(int(event_id), kind, state))
        if state is EventState.CONFIRMED:
            target.confirmed_events += 1
            target.confirmed_mismatch |= kind is EventKind.FACE_MISMATCH
        elif not state.is_closed:
            target.open_events += 1


def _load_spot_checks(session: Session, learners: Select[int], facts: dict[int, LearnerFacts]) -> None:
    counts: dict[tuple[int, SpotCheckVerdict], int] = defaultdict(int)
    query = (
        select(
            SpotCheckRow.learner_id,
            SpotCheckRow.id,
            SpotCheckRow.photo_id,
            SpotCheckRow.reason,
            SpotCheckRow.verdict,
            SpotCheckRow.fail_reason,
        )
        .where(SpotCheckRow.learner_id.in_(learners))
        .order_by(SpotCheckRow.id)
    )
    for learner_id, check_id, photo_id, reason, verdict, fail_reason in session.execute(query):
        counts[(learner_id, verdict)] += 1
        target = facts.get(learner_id)
        if target is None:
            continue
        target.spot_checks.append(LearnerSpotCheck(int(check_id), int(photo_id), verdict, fail_reason))
        if str(reason).startswith("flagged"):
            # Sampled because the scorer flagged it: still flagged evidence if rescored since.
            target.flagged_photo_ids.add(int(photo_id))
        if verdict is SpotCheckVerdict.FAIL and fail_reason in IMPERSONATION_FAIL_REASONS:
            target.spot_impersonation = True
    for (learner_id, verdict), n in counts.items():
        target = facts.get(learner_id)
        if target is None:
            continue
        if verdict is SpotCheckVerdict.PASS:
            target.spot_passed += n
        elif verdict is SpotCheckVerdict.FAIL:
            target.spot_failed += n
        elif verdict is SpotCheckVerdict.PENDING:
            target.spot_pending += n
