"""Which of a day's captured photos an officer reviews: every flagged photo, plus a settable random
share of the unflagged ones, stratified by county and site, from a recorded seed.

`plan_sample` is pure: the same photos, policy and seed always give the same sample, so a day's
sample can be re-derived later and compared with what was reviewed. `sample_day` stores the items
and records the seed and policy in workspace_meta (`spot_check.sample.<YYYY-MM-DD>`); sampling a
day twice returns the recorded sample instead of drawing again.

Stratification: each (county, site) stratum draws its own share with its own random stream, seeded
from (seed, day, county, site), so a busy county cannot crowd out a quiet one and adding photos to
one stratum leaves the others' draws unchanged. A learner's site is where they are rostered (the
lowest site id when several); learners never rostered form a (county, 0) stratum.

Threads: `sample_day` blocks; run it on a worker.
"""

from __future__ import annotations

import json
import math
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.domain.enums import SpotCheckVerdict
from app.domain.permissions import Action
from app.persistence.database import Database
from app.persistence.orm import (
    CapturedPhotoRow,
    ClassroomRow,
    ClassSessionRow,
    LearnerRow,
    RosterEntryRow,
    SpotCheckRow,
)
from app.persistence.repositories.meta_repository import MetaRepository
from app.persistence.repositories.permission_subjects import acting_user, require_at_all
from app.review.audit_chain import append_entry
from app.review.spot_check_values import SampleRecord, SamplingPolicy

POLICY_VERSION = 1  # bump when plan_sample would draw differently from the same inputs
META_PREFIX = "spot_check.sample."


@dataclass(frozen=True, slots=True)
class PhotoForSampling:
    photo_id: int
    learner_id: int
    county_id: int
    site_id: int  # 0: the learner was never rostered at a site
    flags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SampledPhoto:
    photo_id: int
    learner_id: int
    reason: str  # "flagged:<first flag>" or "random"


def _stratum_rng(policy: SamplingPolicy, day: date, county_id: int, site_id: int) -> random.Random:
    # A str seed is hashed with SHA-512: identical on every machine and Python run.
    return random.Random(f"liangjiao-spot-check/v{POLICY_VERSION}/{policy.seed}/{day}/{county_id}/{site_id}")


def plan_sample(photos: Sequence[PhotoForSampling], policy: SamplingPolicy, day: date) -> list[SampledPhoto]:
    """The sample for one day, flagged photos first, then each stratum's random draw, by photo id."""
    flagged = [SampledPhoto(p.photo_id, p.learner_id, f"flagged:{p.flags[0]}") for p in photos if p.flags]
    strata: dict[tuple[int, int], list[PhotoForSampling]] = defaultdict(list)
    for photo in photos:
        if not photo.flags:
            strata[(photo.county_id, photo.site_id)].append(photo)
    drawn: list[SampledPhoto] = []
    for (county_id, site_id), members in sorted(strata.items()):
        members.sort(key=lambda p: p.photo_id)  # the draw must not depend on query order
        rng = _stratum_rng(policy, day, county_id, site_id)
        exact = policy.random_share * len(members)
        # Stochastic rounding: the expected sample size is exactly the share, even in tiny strata.
        size = min(len(members), math.floor(exact + rng.random()))
        drawn += [SampledPhoto(p.photo_id, p.learner_id, "random") for p in rng.sample(members, size)]
    return sorted(flagged, key=lambda s: s.photo_id) + sorted(drawn, key=lambda s: s.photo_id)


def photos_of_day(session: Session, day: date) -> list[PhotoForSampling]:
    start = datetime.combine(day, time(0))
    site_of = (
        select(RosterEntryRow.learner_id, func.min(ClassroomRow.site_id).label("site_id"))
        .join(ClassSessionRow, ClassSessionRow.id == RosterEntryRow.session_id)
        .join(ClassroomRow, ClassroomRow.id == ClassSessionRow.classroom_id)
        .group_by(RosterEntryRow.learner_id)
        .subquery()
    )
    query = (
        select(
            CapturedPhotoRow.id,
            CapturedPhotoRow.learner_id,
            LearnerRow.county_id,
            site_of.c.site_id,
            CapturedPhotoRow.flags,
        )
        .join(LearnerRow, LearnerRow.id == CapturedPhotoRow.learner_id)
        .outerjoin(site_of, site_of.c.learner_id == CapturedPhotoRow.learner_id)
        .where(
            CapturedPhotoRow.captured_at >= start, CapturedPhotoRow.captured_at < start + timedelta(days=1)
        )
    )
    return [
        PhotoForSampling(photo_id, learner_id, county_id, site_id or 0, tuple(flag.value for flag in flags))
        for photo_id, learner_id, county_id, site_id, flags in session.execute(query)
    ]


def recorded_sample(session: Session, day: date) -> SampleRecord | None:
    text = MetaRepository(session).get(f"{META_PREFIX}{day.isoformat()}")
    return None if text is None else SampleRecord(**json.loads(text))


def sample_day(
    database: Database,
    day: date,
    policy: SamplingPolicy,
    *,
    sampled_by: int | None,
    now: datetime | None = None,
) -> SampleRecord:
    """Draw and store `day`'s sample once; later calls return the recorded one.

    `sampled_by`: the officer drawing it, who must be one that gives spot-check verdicts (APPROVE
    somewhere, as stored now); None when the console itself draws it."""
    moment = (now or datetime.now()).replace(microsecond=0)
    with database.writing() as session:
        if sampled_by is not None:
            require_at_all(acting_user(session, sampled_by, Action.APPROVE, hold=True), Action.APPROVE)
        existing = recorded_sample(session, day)
        if existing is not None:
            return existing
        sample = plan_sample(photos_of_day(session, day), policy, day)
        if sample:
            session.execute(
                insert(SpotCheckRow),
                [
                    {
                        "photo_id": item.photo_id,
                        "learner_id": item.learner_id,
                        "sampled_on": moment,
                        "reason": item.reason,
                        "verdict": SpotCheckVerdict.PENDING,
                        "fail_reason": "",
                    }
                    for item in sample
                ],
            )
        record = SampleRecord(
            day=day.isoformat(),
            seed=policy.seed,
            random_share=policy.random_share,
            policy_version=POLICY_VERSION,
            sampled_at=moment.isoformat(),
            sampled_by=sampled_by,
            flagged=sum(1 for item in sample if item.reason != "random"),
            random=sum(1 for item in sample if item.reason == "random"),
        )
        MetaRepository(session).set(f"{META_PREFIX}{day.isoformat()}", json.dumps(asdict(record)))
        append_entry(
            session, sampled_by, "spot_check.sample", f"day:{day.isoformat()}", asdict(record), at=moment
        )
        return record
