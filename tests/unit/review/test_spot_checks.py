"""Spot-check sampling (distribution, reproducibility) and the claim queue (locking, verdicts, undo)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select, update

from app.demo.workspace_seed import DemoWorkspace
from app.domain.enums import PhotoFlag, Post, SpotCheckVerdict
from app.domain.people import Scope, User
from app.domain.permissions import PermissionDenied
from app.persistence import Database
from app.persistence.orm import AuditEntryRow, CapturedPhotoRow, SpotCheckRow
from app.review.audit_chain import verify_chain
from app.review.spot_check_queue import ClaimLostError, SpotCheckQueue
from app.review.spot_check_sampling import (
    PhotoForSampling,
    SamplingPolicy,
    plan_sample,
    recorded_sample,
    sample_day,
)

UserOf = Callable[..., User]
DAY = date(2025, 3, 1)


def synthetic(n: int = 20_000) -> list[PhotoForSampling]:
    photos = []
    for i in range(1, n + 1):
        county, site = i % 4 + 1, (i // 4) % 3 + 1
        flags = ("mismatch",) if i % 97 == 0 else ()
        photos.append(PhotoForSampling(i, i % 500, county, county * 10 + site, flags))
    return photos


def test_every_flagged_photo_and_the_share_of_each_stratum() -> None:
    photos = synthetic()
    sample = plan_sample(photos, SamplingPolicy(random_share=0.1, seed=5), DAY)
    flagged = {p.photo_id for p in photos if p.flags}
    assert {s.photo_id for s in sample if s.reason.startswith("flagged")} == flagged
    by_id = {p.photo_id: p for p in photos}
    drawn = Counter(
        (by_id[s.photo_id].county_id, by_id[s.photo_id].site_id) for s in sample if s.reason == "random"
    )
    sizes = Counter((p.county_id, p.site_id) for p in photos if not p.flags)
    assert set(drawn) == set(sizes)  # every stratum is represented
    for stratum, size in sizes.items():
        assert abs(drawn[stratum] - 0.1 * size) <= 1  # stochastic rounding: within one of the share


def test_same_seed_same_sample_and_another_seed_differs() -> None:
    photos = synthetic(5000)
    policy = SamplingPolicy(random_share=0.05, seed=11)
    first = plan_sample(photos, policy, DAY)
    assert plan_sample(list(reversed(photos)), policy, DAY) == first  # query order does not matter
    assert plan_sample(photos, SamplingPolicy(0.05, seed=12), DAY) != first
    assert plan_sample(photos, policy, date(2025, 3, 2)) != first


def _busiest_day(demo: DemoWorkspace) -> date:
    days = Counter(p.captured_at.date() for r in demo.online_records for p in r.photos)
    return days.most_common(1)[0][0]


def _flag_some(database: Database, day: date) -> set[int]:
    with database.writing() as session:
        ids = session.scalars(
            select(CapturedPhotoRow.id)
            .where(
                CapturedPhotoRow.captured_at >= datetime.combine(day, time(0)),
                CapturedPhotoRow.captured_at < datetime.combine(day, time(23, 59, 59)),
            )
            .order_by(CapturedPhotoRow.id)
            .limit(3)
        ).all()
        session.execute(
            update(CapturedPhotoRow).where(CapturedPhotoRow.id.in_(ids)).values(flags=[PhotoFlag.MISMATCH])
        )
    return set(ids)


def test_sample_day_is_recorded_and_not_drawn_twice(review_db: Database, demo: DemoWorkspace) -> None:
    day = _busiest_day(demo)
    policy = SamplingPolicy(random_share=0.5, seed=3)
    record = sample_day(review_db, day, policy, sampled_by=1)
    assert record.seed == 3 and record.random_share == 0.5 and record.random > 0
    again = sample_day(review_db, day, SamplingPolicy(random_share=1.0, seed=9), sampled_by=1)
    assert again == record
    with review_db.reading() as session:
        assert recorded_sample(session, day) == record
        count = len(session.scalars(select(SpotCheckRow.id)).all())
        assert count == record.flagged + record.random
        assert session.scalar(select(AuditEntryRow.action)) == "spot_check.sample"


def test_claims_verdicts_and_undo(review_db: Database, demo: DemoWorkspace, user_of: UserOf) -> None:
    day = _busiest_day(demo)
    flagged = _flag_some(review_db, day)
    sample_day(review_db, day, SamplingPolicy(random_share=1.0, seed=1), sampled_by=None)
    queue = SpotCheckQueue(review_db)
    supervisor = user_of(Post.SUPERVISOR)
    items = queue.claim(supervisor, None, 3)
    assert {item.photo.id for item in items} == flagged  # flagged photos come first
    assert all(item.check.reason == "flagged:mismatch" for item in items)
    assert items[0].enrolment_paths and items[0].learner_name
    first, second = items[0].check.id, items[1].check.id
    queue.record_verdict(supervisor, first, SpotCheckVerdict.FAIL, "not_the_learner")
    queue.record_verdict(supervisor, second, SpotCheckVerdict.PASS)
    with pytest.raises(ClaimLostError):
        queue.record_verdict(supervisor, second, SpotCheckVerdict.PASS)
    with pytest.raises(ValueError):
        queue.record_verdict(supervisor, items[2].check.id, SpotCheckVerdict.FAIL, "bad code")
    undone = queue.undo(supervisor, second)
    assert undone.verdict is SpotCheckVerdict.PENDING and undone.claimed_by == supervisor.id
    assert [i.check.id for i in queue.held_by(supervisor)] == [second, items[2].check.id]
    queue.release(supervisor, [items[2].check.id])
    assert [i.check.id for i in queue.held_by(supervisor)] == [second]
    with review_db.reading() as session:
        actions = session.scalars(select(AuditEntryRow.action).order_by(AuditEntryRow.id)).all()
        assert verify_chain(session).ok
    assert actions == ["spot_check.sample", "spot_check.fail", "spot_check.pass", "spot_check.undo"]


def test_posts_that_cannot_review(review_db: Database, demo: DemoWorkspace, user_of: UserOf) -> None:
    sample_day(review_db, _busiest_day(demo), SamplingPolicy(random_share=1.0, seed=1), sampled_by=None)
    queue = SpotCheckQueue(review_db)
    with pytest.raises(PermissionDenied):
        queue.claim(user_of(Post.DUTY_MANAGER), None, 1)
    manager = user_of(Post.COUNTY_MANAGER)
    claimed = queue.claim(manager, Scope.city(), 50)
    assert claimed and all(item.county_id == manager.scope.county_id for item in claimed)


@pytest.mark.postgres
def test_two_sessions_never_claim_the_same_item_on_postgres(
    postgres_url: str, demo: DemoWorkspace, user_of: UserOf
) -> None:
    from app.demo.workspace_seed import save_demo_workspace
    from app.persistence import upgrade_to_head

    upgrade_to_head(postgres_url)
    database = Database(postgres_url)
    try:
        save_demo_workspace(database, demo)
        for day in sorted({p.captured_at.date() for r in demo.online_records for p in r.photos}):
            sample_day(database, day, SamplingPolicy(random_share=1.0, seed=1), sampled_by=None)
        queue = SpotCheckQueue(database)
        supervisors = [u for u in demo.users if u.post is Post.SUPERVISOR][:2]
        claimed: dict[int, list[int]] = {u.id: [] for u in supervisors}
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []

        def work(user: User) -> None:
            try:
                barrier.wait(timeout=10)
                while batch := queue.claim(user, None, 7):
                    claimed[user.id] += [item.check.id for item in batch]
            except BaseException as exc:  # surfaced by the assertion below
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(user,)) for user in supervisors]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not errors
        mine, theirs = (set(ids) for ids in claimed.values())
        assert mine and theirs, "both sessions should have claimed something"
        assert not mine & theirs
        with database.reading() as session:
            total = len(session.scalars(select(SpotCheckRow.id)).all())
        assert len(mine) + len(theirs) == total
    finally:
        database.dispose()


def test_abandoned_claims_expire_after_the_lease(review_db: Database, demo: DemoWorkspace) -> None:
    sample_day(review_db, _busiest_day(demo), SamplingPolicy(random_share=1.0, seed=1), sampled_by=None)
    first, second = [u for u in demo.users if u.post is Post.SUPERVISOR][:2]
    now = [datetime(2025, 3, 14, 9, 0)]
    queue = SpotCheckQueue(review_db, clock=lambda: now[0], lease=timedelta(minutes=30))
    with review_db.reading() as session:
        total = len(session.scalars(select(SpotCheckRow.id)).all())
    held = [item.check.id for item in queue.claim(first, None, total)]  # then the workstation dies
    now[0] += timedelta(minutes=20)
    assert queue.claim(second, None, 5) == []  # within the lease: still the first officer's
    now[0] += timedelta(minutes=11)
    taken = [item.check.id for item in queue.claim(second, None, 5)]
    assert taken == held[:5]
    with pytest.raises(ClaimLostError):
        queue.record_verdict(first, held[0], SpotCheckVerdict.PASS)
    queue.record_verdict(second, held[0], SpotCheckVerdict.PASS)
    with review_db.reading() as session:
        actions = session.scalars(select(AuditEntryRow.action).order_by(AuditEntryRow.id)).all()
        assert verify_chain(session).ok
    assert actions[-2:] == ["spot_check.claim_expired", "spot_check.pass"]
