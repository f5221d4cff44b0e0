"""The spot-check queue: claiming items so two officers never review the same photo, verdicts, undo.

`claim` picks pending, unclaimed items and sets `claimed_by` in one transaction, guarded by
`claimed_by IS NULL`: on PostgreSQL with FOR UPDATE SKIP LOCKED, so a second workstation skips the
rows the first holds; on SQLite, which ignores SKIP LOCKED, BEGIN IMMEDIATE serialises claims. A
verdict lands only on an item still pending and claimed by the same officer. Permissions, judged on
the officer as stored now: claiming is CLAIM, only of learners within reach whatever the pane asks;
a verdict and its undo are APPROVE on the learner's county; a refusal raises PermissionDenied. Each
item carries today's verdict parameters (`ReviewItem.today`) beside those its photo was scored with,
so the view can say when the line has moved. Every method blocks: call it through the TaskRunner.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, case, func, select, update
from sqlalchemy.orm import Session

from app.domain.casework import SpotCheck
from app.domain.enums import SpotCheckVerdict
from app.domain.face_verdict import VerdictParameters
from app.domain.people import Scope, User
from app.domain.permissions import Action, within_reach
from app.domain.study import CapturedPhoto
from app.persistence.database import Database
from app.persistence.orm import CapturedPhotoRow, EnrolmentPhotoRow, LearnerRow, SpotCheckRow
from app.persistence.repositories.permission_subjects import (
    acting_user,
    learner_place,
    require_acting,
    require_at_all,
)
from app.persistence.repositories.scope_filters import learner_condition
from app.review.audit_chain import append_entry
from app.review.claim_leases import DEFAULT_LEASE, end_leases, expire_stale, start_leases
from app.vision.calibration_store import workspace_parameters

# Fail reasons (stable codes; the review view shows 不是本人, 无人脸, 多人, 非学习状态, 翻拍照片).
FAIL_REASONS = ("not_the_learner", "no_face", "multiple_people", "not_studying", "photo_of_photo")
OTHER_CAPTURES = 12  # how many of the learner's other captures the strip shows


class ClaimLostError(Exception):
    """The item is no longer claimed by this officer (released, or decided elsewhere)."""


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """Everything the review view shows for one claimed spot-check (image files, not pixels)."""

    check: SpotCheck
    photo: CapturedPhoto
    learner_name: str
    county_id: int
    enrolment_paths: tuple[str, ...]
    other_captures: tuple[CapturedPhoto, ...] = field(default=())
    today: VerdictParameters | None = None  # the workspace's threshold now, for the photo's embedding


class SpotCheckQueue:
    def __init__(
        self,
        database: Database,
        clock: Callable[[], datetime] = datetime.now,
        lease: timedelta = DEFAULT_LEASE,
    ) -> None:
        self._database = database
        self._clock = clock
        self._lease = lease

    @staticmethod
    def _scope_conditions(session: Session, user: User, scope: Scope | None) -> list[ColumnElement[bool]]:
        """The pane's scope, and the CLAIM reach of the officer as stored now (raises when none)."""
        actor = acting_user(session, user.id, Action.CLAIM)
        require_at_all(actor, Action.CLAIM)
        # A county manager only ever claims within their county, whatever the pane shows.
        return [
            learner_condition(SpotCheckRow.learner_id, scope),
            learner_condition(SpotCheckRow.learner_id, within_reach(actor, Action.CLAIM, None)),
        ]

    def claim(self, user: User, scope: Scope | None, count: int = 5) -> list[ReviewItem]:
        """Claim up to `count` unclaimed pending items (flagged first, then oldest)."""
        now = self._clock().replace(microsecond=0)
        with self._database.reading() as session:  # refuse before touching anything
            self._scope_conditions(session, user, scope)
        with self._database.writing() as session:
            # Its own transaction: expiry must not hold row locks while this claim skips locked rows.
            expire_stale(session, now, self._lease)
        with self._database.writing() as session:
            reach = self._scope_conditions(session, user, scope)
            flagged_first = case((SpotCheckRow.reason.startswith("flagged"), 0), else_=1)
            candidates = session.scalars(
                select(SpotCheckRow.id)
                .where(
                    SpotCheckRow.verdict == SpotCheckVerdict.PENDING,
                    SpotCheckRow.claimed_by.is_(None),
                    *reach,
                )
                .order_by(flagged_first, SpotCheckRow.id)
                .limit(count)
                .with_for_update(skip_locked=True)
            ).all()
            if not candidates:
                return []
            claimed = session.scalars(
                update(SpotCheckRow)
                .where(SpotCheckRow.id.in_(candidates), SpotCheckRow.claimed_by.is_(None))
                .values(claimed_by=user.id)
                .returning(SpotCheckRow.id)
            ).all()
            start_leases(session, claimed, user.id, now)
            return _review_items(session, sorted(claimed, key=list(candidates).index))

    def held_by(self, user: User) -> list[ReviewItem]:
        """Items this officer claimed and has not decided (after a restart: resume them first)."""
        with self._database.reading() as session:
            ids = session.scalars(
                select(SpotCheckRow.id)
                .where(SpotCheckRow.claimed_by == user.id, SpotCheckRow.verdict == SpotCheckVerdict.PENDING)
                .order_by(SpotCheckRow.id)
            ).all()
            return _review_items(session, list(ids))

    def release(self, user: User, check_ids: Sequence[int]) -> None:
        """Give back undecided claims (closing the view) so colleagues can take them."""
        if not check_ids:
            return
        with self._database.writing() as session:
            released = session.execute(
                update(SpotCheckRow)
                .where(
                    SpotCheckRow.id.in_(list(check_ids)),
                    SpotCheckRow.claimed_by == user.id,
                    SpotCheckRow.verdict == SpotCheckVerdict.PENDING,
                )
                .values(claimed_by=None)
                .returning(SpotCheckRow.id)
            )
            end_leases(session, list(released.scalars()))

    def record_verdict(
        self, user: User, check_id: int, verdict: SpotCheckVerdict, fail_reason: str = ""
    ) -> SpotCheck:
        """Pass, fail (with one of FAIL_REASONS) or skip a claimed item, with its audit entry."""
        if verdict is SpotCheckVerdict.PENDING:
            raise ValueError("a verdict must pass, fail or skip")
        if verdict is SpotCheckVerdict.FAIL and fail_reason not in FAIL_REASONS:
            raise ValueError(f"unknown fail reason {fail_reason!r}")
        if verdict is not SpotCheckVerdict.FAIL:
            fail_reason = ""
        now = self._clock().replace(microsecond=0)
        with self._database.writing() as session:
            row = session.get(SpotCheckRow, check_id)
            if row is None:
                raise KeyError(f"spot-check {check_id} does not exist")
            require_acting(
                session, user.id, Action.APPROVE, learner_place(session, row.learner_id), hold=True
            )
            result = session.execute(
                update(SpotCheckRow)
                .where(
                    SpotCheckRow.id == check_id,
                    SpotCheckRow.claimed_by == user.id,
                    SpotCheckRow.verdict == SpotCheckVerdict.PENDING,
                )
                .values(verdict=verdict, fail_reason=fail_reason, reviewer_id=user.id, reviewed_at=now)
            )
            if not result.rowcount:  # type: ignore[attr-defined]
                raise ClaimLostError(f"spot-check {check_id} is not claimed by user {user.id}")
            end_leases(session, [check_id])
            detail = {"photo_id": row.photo_id, "learner_id": row.learner_id, "fail_reason": fail_reason}
            append_entry(
                session, user.id, f"spot_check.{verdict.value}", f"spot_check:{check_id}", detail, at=now
            )
            session.refresh(row)
            return row.to_domain()

    def undo(self, user: User, check_id: int) -> SpotCheck:
        """Take back this officer's own verdict: the item is pending and claimed by them again."""
        now = self._clock().replace(microsecond=0)
        with self._database.writing() as session:
            learner_id = session.scalar(select(SpotCheckRow.learner_id).where(SpotCheckRow.id == check_id))
            if learner_id is None:
                raise ClaimLostError(f"spot-check {check_id} does not exist")
            require_acting(session, user.id, Action.APPROVE, learner_place(session, learner_id), hold=True)
            result = session.execute(
                update(SpotCheckRow)
                .where(
                    SpotCheckRow.id == check_id,
                    SpotCheckRow.reviewer_id == user.id,
                    SpotCheckRow.verdict != SpotCheckVerdict.PENDING,
                )
                .values(
                    verdict=SpotCheckVerdict.PENDING,
                    fail_reason="",
                    reviewer_id=None,
                    reviewed_at=None,
                    claimed_by=user.id,
                )
            )
            if not result.rowcount:  # type: ignore[attr-defined]
                raise ClaimLostError(f"spot-check {check_id} has no verdict of user {user.id} to undo")
            start_leases(session, [check_id], user.id, now)
            append_entry(session, user.id, "spot_check.undo", f"spot_check:{check_id}", "", at=now)
            row = session.get(SpotCheckRow, check_id, populate_existing=True)
            assert row is not None
            return row.to_domain()

    def pending_count(self, scope: Scope | None) -> int:
        with self._database.reading() as session:
            return int(
                session.scalar(
                    select(func.count(SpotCheckRow.id)).where(
                        SpotCheckRow.verdict == SpotCheckVerdict.PENDING,
                        learner_condition(SpotCheckRow.learner_id, scope),
                    )
                )
                or 0
            )


def _review_items(session: Session, check_ids: list[int]) -> list[ReviewItem]:
    if not check_ids:
        return []
    checks = {
        row.id: row.to_domain()
        for row in session.scalars(select(SpotCheckRow).where(SpotCheckRow.id.in_(check_ids)))
    }
    learner_ids = {check.learner_id for check in checks.values()}
    photos = {
        row.id: row.to_domain()
        for row in session.scalars(
            select(CapturedPhotoRow).where(CapturedPhotoRow.id.in_([c.photo_id for c in checks.values()]))
        )
    }
    learners = {
        row.id: (row.name, row.county_id)
        for row in session.execute(
            select(LearnerRow.id, LearnerRow.name, LearnerRow.county_id).where(LearnerRow.id.in_(learner_ids))
        )
    }
    enrolment: dict[int, list[str]] = defaultdict(list)
    for learner_id, path in session.execute(
        select(EnrolmentPhotoRow.learner_id, EnrolmentPhotoRow.path)
        .where(EnrolmentPhotoRow.learner_id.in_(learner_ids))
        .order_by(EnrolmentPhotoRow.id)
    ):
        enrolment[learner_id].append(path)
    others: dict[int, list[CapturedPhoto]] = defaultdict(list)
    for row in session.scalars(
        select(CapturedPhotoRow)
        .where(CapturedPhotoRow.learner_id.in_(learner_ids))
        .order_by(CapturedPhotoRow.captured_at, CapturedPhotoRow.id)
    ):
        others[row.learner_id].append(row.to_domain())
    today: dict[str | None, VerdictParameters] = {}
    items = []
    for check_id in check_ids:
        check = checks[check_id]
        photo = photos[check.photo_id]
        name, county_id = learners.get(check.learner_id, ("", 0))
        strip = [p for p in others[check.learner_id] if p.id != check.photo_id][:OTHER_CAPTURES]
        embedding = photo.scored_with.embedding_id if photo.scored_with is not None else None
        if embedding not in today:
            today[embedding] = workspace_parameters(session, embedding)
        items.append(
            ReviewItem(
                check,
                photo,
                name,
                county_id,
                tuple(enrolment[check.learner_id]),
                tuple(strip),
                today[embedding],
            )
        )
    return items
