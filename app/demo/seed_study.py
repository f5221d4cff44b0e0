"""Demo study: today's classes, past study of learners who look finished, online study with captured
photos (a few deliberately not the learner), and the completions waiting for review.

Every random draw is independent of `today`: dates are `today` minus drawn day offsets. So the
same seed gives the same ids, seeds and file names on any day, and media rendered yesterday still
matches a database rebuilt today.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from app.demo.media_jobs import CaptureKind, CapturePhotoJob
from app.demo.seed_people import DemoLearner
from app.domain.casework import Completion
from app.domain.enums import CompletionState, Programme
from app.domain.geography import Workspace
from app.domain.study import Attendance, CapturedPhoto, ClassSession, OnlineStudyRecord

MORNING = (time(9, 0), time(12, 0))
AFTERNOON = (time(14, 0), time(17, 30))
IMPOSTOR_RATE = 0.02
NO_FACE_RATE = 0.01
_DEVICES = ("android", "ios", "pc-web")
_REJECT_REASONS = ("网络学习抽查照片非本人", "现场学习连续时长不足三小时", "学习记录存在异常，需重新学习")
_PROGRAMME_TITLES = {Programme.FULL_SCORE: "满分教育", Programme.REVIEW: "审验教育"}


@dataclass(slots=True)
class StudyData:
    class_sessions: list[ClassSession] = field(default_factory=list)
    attendance: list[Attendance] = field(default_factory=list)
    online_records: list[OnlineStudyRecord] = field(default_factory=list)
    completions: list[Completion] = field(default_factory=list)
    capture_jobs: list[CapturePhotoJob] = field(default_factory=list)
    # Ground truth for benchmarks: photo id → kind, for photos that are not the learner.
    odd_captures: dict[int, CaptureKind] = field(default_factory=dict)
    photo_count: int = 0


def _at(day: date, clock: time, minutes: float = 0.0) -> datetime:
    return datetime.combine(day, clock) + timedelta(minutes=minutes)


def add_today_sessions(
    rng: random.Random, data: StudyData, workspace: Workspace, learners: list[DemoLearner], today: date
) -> None:
    """Morning and afternoon classes in many classrooms, each rostered from its county's learners.

    Nobody is in two classrooms at once: each slot draws from fresh per-county pools. A class needs
    at least 10 learners, so small counties run fewer classes.
    """
    by_group: dict[tuple[int, Programme], list[int]] = defaultdict(list)
    for demo in learners:
        by_group[(demo.learner.county_id, demo.learner.programme)].append(demo.learner.id)
    for label, (start, end), chance in (("上午", MORNING, 0.65), ("下午", AFTERNOON, 0.5)):
        pools = {key: rng.sample(ids, len(ids)) for key, ids in sorted(by_group.items())}
        for classroom in workspace.classrooms:
            county_id = workspace.site(classroom.site_id).county_id
            if rng.random() >= chance:
                continue
            programme = Programme.FULL_SCORE if rng.random() < 0.8 else Programme.REVIEW
            pool = pools.get((county_id, programme), [])
            size = min(rng.randint(10, 30), classroom.seats, len(pool))
            if size < 10:
                continue
            roster, pool[:] = pool[:size], pool[size:]
            title = f"{_PROGRAMME_TITLES[programme]}（{label}）"
            session_id = len(data.class_sessions) + 1
            data.class_sessions.append(
                ClassSession(
                    session_id, classroom.id, today, _at(today, start), _at(today, end), roster, title
                )
            )


def _add_record(
    rng: random.Random,
    data: StudyData,
    demo: DemoLearner,
    day: date,
    minutes: int,
    face_seeds: list[int],
    media_dir: Path,
) -> OnlineStudyRecord:
    """One online study session on `day` with 3–6 captured photos."""
    # Evenings start by 19:30: a 4-hour session split over midnight would count on neither day.
    evening = rng.random() < 0.6
    start = (
        _at(day, time(18, 30), rng.randint(0, 60)) if evening else _at(day, time(8, 30), rng.randint(0, 120))
    )
    record_id = len(data.online_records) + 1
    record = OnlineStudyRecord(record_id, demo.learner.id, start, start + timedelta(minutes=minutes))
    record.platform_ref = f"JXPT{record_id:08d}"
    device = rng.choice(_DEVICES)
    for offset in sorted(rng.uniform(1, minutes - 1) for _ in range(rng.randint(3, 6))):
        data.photo_count += 1
        photo_id = data.photo_count
        draw = rng.random()
        kind: CaptureKind = "genuine"
        face_seed = demo.face_seed
        if draw < IMPOSTOR_RATE:
            kind = "impostor"
            # Half the impostors are other learners (a friend studying for you), half strangers.
            others = [seed for seed in face_seeds if seed != demo.face_seed]
            face_seed = rng.choice(others) if rng.random() < 0.5 else rng.randrange(2**31)
        elif draw < IMPOSTOR_RATE + NO_FACE_RATE:
            kind = "no_face"
        path = media_dir / "photos" / "capture" / f"{photo_id}.jpg"
        captured_at = (start + timedelta(minutes=offset)).replace(microsecond=0)
        record.photos.append(
            CapturedPhoto(photo_id, record_id, demo.learner.id, captured_at, str(path), device)
        )
        data.capture_jobs.append(CapturePhotoJob(path, face_seed, rng.randrange(2**31), kind))
        if kind != "genuine":
            data.odd_captures[photo_id] = kind
    data.online_records.append(record)
    return record


def _add_past_class(
    rng: random.Random, data: StudyData, classroom_id: int, day: date, learner_ids: list[int]
) -> None:
    """A past morning class with attendance that passes the "more than three hours" test."""
    session_id = len(data.class_sessions) + 1
    start, end = _at(day, time(9, 0)), _at(day, time(12, 30))
    data.class_sessions.append(
        ClassSession(session_id, classroom_id, day, start, end, learner_ids, "满分教育（上午）")
    )
    for learner_id in learner_ids:
        first = start + timedelta(minutes=rng.randint(-5, 8))
        data.attendance.append(
            Attendance(
                session_id,
                learner_id,
                first_seen=first,
                last_seen=end - timedelta(minutes=rng.randint(0, 8)),
                longest_continuous_minutes=float(rng.randint(185, 200)),
                times_left=rng.choice((0, 0, 1)),
            )
        )


@dataclass(slots=True)
class FinishedPlan:
    """When a learner who looks finished studied: days before `today` for each mode."""

    demo: DemoLearner
    onsite_days_ago: list[int]
    online_days_ago: list[int]
    online_minutes: list[int]


def plan_finished(rng: random.Random, demo: DemoLearner, *, recent: bool) -> FinishedPlan:
    """满分 (light classes): 2 on-site + 3 online days of more than 3 hours; 审验: one 3+ hour session.

    Pending requests studied within the last fortnight; already decided ones before that.
    """
    window = range(1, 15) if recent else range(15, 40)
    if demo.learner.programme is Programme.REVIEW:
        return FinishedPlan(demo, [], [rng.choice(window)], [rng.randint(185, 230)])
    days = rng.sample(window, 5)
    # Oldest first, so record ids grow with time as the platform's do.
    return FinishedPlan(
        demo,
        sorted(days[:2], reverse=True),
        sorted(days[2:], reverse=True),
        [rng.randint(185, 230) for _ in range(3)],
    )


def add_finished_study(
    rng: random.Random,
    data: StudyData,
    workspace: Workspace,
    plans: list[FinishedPlan],
    today: date,
    face_seeds: list[int],
    media_dir: Path,
) -> list[OnlineStudyRecord]:
    """Past classes and online records for the finished learners; returns each one's last record."""
    first_classroom: dict[int, int] = {}
    for classroom in workspace.classrooms:
        first_classroom.setdefault(workspace.site(classroom.site_id).county_id, classroom.id)
    classes: dict[tuple[int, int], list[int]] = defaultdict(list)
    for plan in plans:
        for days_ago in plan.onsite_days_ago:
            classes[(plan.demo.learner.county_id, days_ago)].append(plan.demo.learner.id)
    for (county_id, days_ago), learner_ids in sorted(classes.items()):
        _add_past_class(rng, data, first_classroom[county_id], today - timedelta(days=days_ago), learner_ids)
    last_records = []
    for plan in plans:
        records = [
            _add_record(
                rng, data, plan.demo, today - timedelta(days=days_ago), minutes, face_seeds, media_dir
            )
            for days_ago, minutes in zip(plan.online_days_ago, plan.online_minutes, strict=True)
        ]
        last_records.append(max(records, key=lambda r: r.end))
    return last_records


def add_unfinished_online_study(
    rng: random.Random,
    data: StudyData,
    learners: list[DemoLearner],
    today: date,
    face_seeds: list[int],
    media_dir: Path,
) -> None:
    """About half of the other learners studied online on a few recent days, not yet enough."""
    for demo in learners:
        if rng.random() >= 0.45:
            continue
        for days_ago in sorted(rng.sample(range(1, 21), rng.randint(1, 3)), reverse=True):
            minutes = rng.randint(40, 200)
            _add_record(rng, data, demo, today - timedelta(days=days_ago), minutes, face_seeds, media_dir)


def evidence_for(plan: FinishedPlan) -> str:
    online_hours = sum(plan.online_minutes) / 60
    if plan.demo.learner.programme is Programme.REVIEW:
        return f"网络学习{online_hours:.1f}小时"
    onsite, online = len(plan.onsite_days_ago), len(plan.online_days_ago)
    return f"现场学习{onsite}天，网络学习{online}天（{online_hours:.1f}小时），自主学习2天"


def add_completions(
    rng: random.Random,
    data: StudyData,
    plans: list[FinishedPlan],
    last_records: list[OnlineStudyRecord],
    pending: int,
    deciders: list[int],
) -> None:
    """The first `pending` plans wait for review; the rest were decided (mostly approved)."""
    for index, (plan, last) in enumerate(zip(plans, last_records, strict=True)):
        # The platform submits soon after the last session; records end by 23:20, the same day.
        requested_at = (last.end + timedelta(minutes=rng.randint(5, 30))).replace(microsecond=0)
        completion = Completion(
            id=len(data.completions) + 1,
            learner_id=plan.demo.learner.id,
            programme=plan.demo.learner.programme,
            requested_at=requested_at,
            evidence=evidence_for(plan),
        )
        if index >= pending:
            approved = rng.random() < 0.8
            completion.state = CompletionState.APPROVED if approved else CompletionState.REJECTED
            completion.decided_by = rng.choice(deciders)
            completion.decided_at = requested_at + timedelta(hours=rng.randint(2, 48))
            completion.reason = "" if approved else rng.choice(_REJECT_REASONS)
        data.completions.append(completion)
