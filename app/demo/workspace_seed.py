"""The built-in demo workspace (毕节市), reproducible from a seed.

    demo = build_demo_workspace(seed, today, media_dir)    # pure and fast: dataclasses in memory
    save_demo_workspace(database, demo)                     # one bulk transaction
    ensure_demo_database(url, media_dir, seed, today)       # migrate, and seed if empty

The same seed gives identical rows; `today` only moves dates (see seed_study). Rows refer to media
files under `media_dir` that this module does not render: `demo.media_jobs` lists them for
app.demo's renderers (clips first, since the video wall needs them soonest).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.demo.media_jobs import CaptureKind, EnrolmentPhotoJob, MediaJob
from app.demo.seed_geography import build_geography, clip_jobs
from app.demo.seed_people import DemoLearner, build_learners, build_users
from app.demo.seed_study import (
    StudyData,
    add_completions,
    add_finished_study,
    add_today_sessions,
    add_unfinished_online_study,
    plan_finished,
)
from app.domain.casework import Completion
from app.domain.enums import Post, Programme
from app.domain.geography import Workspace
from app.domain.people import Learner, User
from app.domain.study import Attendance, ClassSession, OnlineStudyRecord
from app.persistence.database import Database
from app.persistence.migrate import upgrade_to_head
from app.persistence.orm import (
    AttendanceRow,
    CameraRow,
    CapturedPhotoRow,
    CityRow,
    ClassroomRow,
    ClassSessionRow,
    CompletionRow,
    CountyRow,
    EnrolmentPhotoRow,
    LearnerRow,
    OnlineStudyRecordRow,
    RosterEntryRow,
    SiteRow,
    UserRow,
    WorkspaceMetaRow,
)
from app.persistence.repositories.bulk import bulk_insert, sync_id_sequences
from app.persistence.repositories.workspace_repository import WorkspaceRepository

GENERATOR_VERSION = "1"  # bump when the same seed starts producing different rows


@dataclass(frozen=True, slots=True)
class DemoSize:
    learners: int = 600
    pending_completions: int = 60
    decided_completions: int = 20


@dataclass(slots=True)
class DemoWorkspace:
    seed: int
    today: date
    media_dir: Path
    workspace: Workspace
    users: list[User]
    learners: list[Learner]
    face_seeds: dict[int, int]  # learner id → face seed of their enrolment photo
    class_sessions: list[ClassSession]  # today's classes, then past classes of finished learners
    attendance: list[Attendance]
    online_records: list[OnlineStudyRecord]  # each with its captured photos
    completions: list[Completion]
    odd_captures: dict[int, CaptureKind]  # photo id → "impostor" / "no_face" (ground truth)
    media_jobs: list[MediaJob] = field(default_factory=list)

    @property
    def sessions_today(self) -> list[ClassSession]:
        return [s for s in self.class_sessions if s.day == self.today]

    def meta(self) -> dict[str, str]:
        """The workspace_meta rows: how to rebuild this workspace, and the spot-check ground truth."""
        return {
            "demo.seed": str(self.seed),
            "demo.generator_version": GENERATOR_VERSION,
            "demo.today": self.today.isoformat(),
            "demo.media_dir": str(self.media_dir),
            "demo.face_seeds": json.dumps(self.face_seeds, sort_keys=True),
            "demo.impostor_photo_ids": json.dumps(
                sorted(k for k, v in self.odd_captures.items() if v == "impostor")
            ),
            "demo.no_face_photo_ids": json.dumps(
                sorted(k for k, v in self.odd_captures.items() if v == "no_face")
            ),
        }


def _stream(seed: int, part: str) -> random.Random:
    """An independent random stream per part, so that changing one part leaves the others alone.
    (A str seed is hashed with SHA-512, the same on every machine and run.)"""
    return random.Random(f"liangjiao-demo/{seed}/{part}")


def _finished_candidates(learners: list[DemoLearner]) -> list[DemoLearner]:
    # Heavy classes need 30 days (10 on-site/online); a demo fortnight cannot make them look done.
    return [
        d
        for d in learners
        if d.learner.programme is Programme.REVIEW
        or (not d.learner.licence_class.is_heavy and d.learner.full_score_count == 1)
    ]


def build_demo_workspace(
    seed: int, today: date, media_dir: Path, size: DemoSize = DemoSize()
) -> DemoWorkspace:
    """The demo workspace as dataclasses, without touching the database or the disk."""
    media_dir = media_dir.absolute()
    workspace = build_geography(_stream(seed, "geography"), media_dir)
    demo_learners = build_learners(_stream(seed, "learners"), size.learners, today, media_dir)
    users = build_users(_stream(seed, "users"), workspace)
    face_seeds = [d.face_seed for d in demo_learners]

    rng = _stream(seed, "completions")
    finished = sorted(
        rng.sample(_finished_candidates(demo_learners), size.pending_completions + size.decided_completions),
        key=lambda d: d.learner.id,
    )
    pending_ids = {d.learner.id for d in rng.sample(finished, size.pending_completions)}
    plans = [plan_finished(rng, d, recent=d.learner.id in pending_ids) for d in finished]
    plans.sort(key=lambda p: (p.demo.learner.id not in pending_ids, p.demo.learner.id))  # pending first

    data = StudyData()
    finished_ids = {d.learner.id for d in finished}
    still_studying = [d for d in demo_learners if d.learner.id not in finished_ids]
    add_today_sessions(_stream(seed, "today"), data, workspace, still_studying, today)
    study_rng = _stream(seed, "study")
    last_records = add_finished_study(study_rng, data, workspace, plans, today, face_seeds, media_dir)
    add_unfinished_online_study(study_rng, data, still_studying, today, face_seeds, media_dir)
    deciders = [u.id for u in users if u.post is Post.SUPERVISOR]
    add_completions(rng, data, plans, last_records, size.pending_completions, deciders)

    jobs: list[MediaJob] = [*clip_jobs(seed, media_dir)]
    jobs += [EnrolmentPhotoJob(Path(d.learner.photos[0].path), d.face_seed) for d in demo_learners]
    jobs += data.capture_jobs
    return DemoWorkspace(
        seed=seed,
        today=today,
        media_dir=media_dir,
        workspace=workspace,
        users=users,
        learners=[d.learner for d in demo_learners],
        face_seeds={d.learner.id: d.face_seed for d in demo_learners},
        class_sessions=data.class_sessions,
        attendance=data.attendance,
        online_records=data.online_records,
        completions=data.completions,
        odd_captures=data.odd_captures,
        media_jobs=jobs,
    )


def _rows(demo: DemoWorkspace, created_at: datetime) -> list[tuple[type[Any], list[dict[str, Any]]]]:
    """Insert order: parents before children."""
    ws = demo.workspace
    meta = {**demo.meta(), "created_at": created_at.isoformat(timespec="seconds")}
    return [
        (CityRow, [CityRow.values_from(ws.city)]),
        (CountyRow, [CountyRow.values_from(c) for c in ws.counties]),
        (SiteRow, [SiteRow.values_from(s) for s in ws.sites]),
        (ClassroomRow, [ClassroomRow.values_from(c) for c in ws.classrooms]),
        (CameraRow, [CameraRow.values_from(c) for c in ws.cameras]),
        (UserRow, [UserRow.values_from(u) for u in demo.users]),
        (LearnerRow, [LearnerRow.values_from(x) for x in demo.learners]),
        (EnrolmentPhotoRow, [EnrolmentPhotoRow.values_from(p) for x in demo.learners for p in x.photos]),
        (ClassSessionRow, [ClassSessionRow.values_from(s) for s in demo.class_sessions]),
        (
            RosterEntryRow,
            [
                {"session_id": s.id, "learner_id": learner_id, "position": n}
                for s in demo.class_sessions
                for n, learner_id in enumerate(s.roster)
            ],
        ),
        (AttendanceRow, [AttendanceRow.values_from(a) for a in demo.attendance]),
        (OnlineStudyRecordRow, [OnlineStudyRecordRow.values_from(r) for r in demo.online_records]),
        (CapturedPhotoRow, [CapturedPhotoRow.values_from(p) for r in demo.online_records for p in r.photos]),
        (CompletionRow, [CompletionRow.values_from(c) for c in demo.completions]),
        (WorkspaceMetaRow, [{"key": k, "value": v} for k, v in sorted(meta.items())]),
    ]


def save_demo_workspace(database: Database, demo: DemoWorkspace, created_at: datetime | None = None) -> None:
    """Insert the whole demo in one transaction (all or nothing) into an empty, migrated database."""
    with database.writing() as session:
        for row_class, rows in _rows(demo, created_at or datetime.now()):
            bulk_insert(session, row_class, rows)
        sync_id_sequences(session)  # the demo chose its ids; later inserts continue after them


def ensure_demo_database(
    url: str, media_dir: Path, seed: int, today: date, size: DemoSize = DemoSize()
) -> bool:
    """Migrate `url` to the newest schema and fill it with the demo if it has no workspace yet.

    Returns True when this call created the demo. Blocking (about a second): run it off the GUI thread.
    """
    upgrade_to_head(url)
    database = Database(url)
    try:
        with database.reading() as session:
            if not WorkspaceRepository(session).is_empty():
                return False
        save_demo_workspace(database, build_demo_workspace(seed, today, media_dir, size))
        return True
    finally:
        database.dispose()
