"""The demo workspace: reproducible, plausible, and saved quickly with matching Dashboard counts."""

from __future__ import annotations

import json
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.demo.media_jobs import CapturePhotoJob, ClipJob, EnrolmentPhotoJob
from app.demo.workspace_seed import (
    DemoWorkspace,
    build_demo_workspace,
    ensure_demo_database,
    save_demo_workspace,
)
from app.domain.dashboard import DashboardCounts
from app.domain.enums import CompletionState, LicenceClass, Post, Programme, ScopeLevel
from app.domain.masking import is_masked
from app.domain.people import Learner, Scope
from app.persistence import Database, upgrade_to_head
from app.persistence.repositories import (
    ClassSessionRepository,
    LearnerRepository,
    MetaRepository,
    OnlineStudyRepository,
    WorkspaceRepository,
)

TODAY = date(2025, 3, 14)
SEED = 20220401
COUNTY_NAMES = [
    "七星关区", "大方县", "黔西市", "金沙县", "织金县", "纳雍县", "威宁彝族回族苗族自治县", "赫章县",
    "百里杜鹃管理区", "金海湖新区",
]  # fmt: skip


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoWorkspace:
    return build_demo_workspace(SEED, TODAY, tmp_path_factory.mktemp("media"))


def test_same_seed_gives_identical_rows(demo: DemoWorkspace) -> None:
    again = build_demo_workspace(SEED, TODAY, demo.media_dir)
    assert again == demo
    other = build_demo_workspace(SEED + 1, TODAY, demo.media_dir)
    assert [x.name for x in other.learners] != [x.name for x in demo.learners]


def test_today_moves_dates_but_not_ids_seeds_or_files(demo: DemoWorkspace) -> None:
    tomorrow = build_demo_workspace(SEED, TODAY + timedelta(days=1), demo.media_dir)
    assert tomorrow.media_jobs == demo.media_jobs  # media rendered yesterday still fits
    assert [(x.id, x.name) for x in tomorrow.learners] == [(x.id, x.name) for x in demo.learners]
    assert [s.start - timedelta(days=1) for s in tomorrow.class_sessions] == [
        s.start for s in demo.class_sessions
    ]
    assert tomorrow.odd_captures == demo.odd_captures


def test_geography_of_bijie(demo: DemoWorkspace) -> None:
    workspace = demo.workspace
    assert (workspace.city.name, workspace.city.code) == ("毕节市", "520500")
    assert [c.name for c in workspace.counties] == COUNTY_NAMES
    codes = [c.code for c in workspace.counties]
    assert len(set(codes)) == 10 and all(len(code) == 6 and code.startswith("5205") for code in codes)
    assert len(workspace.sites) >= 30
    for county in workspace.counties:
        sites = workspace.sites_of(county.id)
        assert 3 <= len(sites) <= 6
        assert len({s.name for s in sites}) == len(sites)
    assert "七星关区车管所" in {s.name for s in workspace.sites}
    assert all(1 <= len(workspace.classrooms_of(s.id)) <= 3 for s in workspace.sites)
    assert all(1 <= len(workspace.cameras_of(c.id)) <= 2 for c in workspace.classrooms)
    assert 60 <= len(workspace.cameras) <= 120
    clips = {(demo.media_dir / "videos" / f"classroom_{k}.mp4").as_uri() for k in range(8)}
    assert {c.main_url for c in workspace.cameras} == clips
    assert all(c.sub_url == c.main_url and c.credential_ref == "" for c in workspace.cameras)


def test_learners_are_plausible_and_masked(demo: DemoWorkspace) -> None:
    learners = demo.learners
    assert 300 <= len(learners) <= 900
    county_codes = {c.id: c.code for c in demo.workspace.counties}
    for learner in learners:
        assert is_masked(learner.id_number_masked), learner.id_number_masked
        assert learner.id_number_masked[:6] == county_codes[learner.county_id]
        assert 2 <= len(learner.name) <= 3
        assert learner.photos[0].path == str(demo.media_dir / "photos" / "enrol" / f"{learner.id}.jpg")
    share_full_score = sum(x.programme is Programme.FULL_SCORE for x in learners) / len(learners)
    assert 0.62 <= share_full_score <= 0.78
    classes = Counter(x.licence_class for x in learners)
    assert (classes[LicenceClass.C1] + classes[LicenceClass.C2]) / len(learners) > 0.55
    assert classes[LicenceClass.A1] and classes[LicenceClass.B2]
    counts = Counter(x.full_score_count for x in learners if x.programme is Programme.FULL_SCORE)
    assert counts[1] > counts[2] + counts[3] > 0
    assert len(set(demo.face_seeds.values())) == len(learners)


def test_every_post_has_users(demo: DemoWorkspace) -> None:
    posts = Counter(u.post for u in demo.users)
    assert posts[Post.SUPERVISOR] >= 1 and posts[Post.DUTY_MANAGER] >= 1 and posts[Post.ACCEPTANCE] >= 1
    assert posts[Post.COUNTY_MANAGER] == 10
    assert len({u.login for u in demo.users}) == len(demo.users)
    assert "jiandu01" in {u.login for u in demo.users}
    for user in demo.users:
        expected = {
            Post.SUPERVISOR: ScopeLevel.CITY,
            Post.DUTY_MANAGER: ScopeLevel.CITY,
            Post.COUNTY_MANAGER: ScopeLevel.COUNTY,
            Post.ACCEPTANCE: ScopeLevel.SITE,
        }[user.post]
        assert user.scope.level is expected


def test_todays_classes(demo: DemoWorkspace) -> None:
    today = demo.sessions_today
    assert len(today) >= 20
    assert len({s.classroom_id for s in today}) >= 20  # many classrooms
    learners = {x.id: x for x in demo.learners}
    for slot in ((9, 0, 12, 0), (14, 0, 17, 30)):
        in_slot = [s for s in today if (s.start.hour, s.start.minute, s.end.hour, s.end.minute) == slot]
        assert in_slot
        rostered = [learner_id for s in in_slot for learner_id in s.roster]
        assert len(rostered) == len(set(rostered)), "a learner in two classrooms at once"
    for session in today:
        assert session.day == TODAY and session.start.date() == TODAY
        assert 10 <= len(session.roster) <= 30
        county_id = demo.workspace.site(demo.workspace.classroom(session.classroom_id).site_id).county_id
        assert {learners[x].county_id for x in session.roster} == {county_id}


def test_online_study_and_impostors(demo: DemoWorkspace) -> None:
    photos = [p for r in demo.online_records for p in r.photos]
    assert len(demo.online_records) >= 200
    for record in demo.online_records:
        assert 3 <= len(record.photos) <= 6
        assert record.end.date() == record.start.date() < TODAY
        assert all(record.start <= p.captured_at <= record.end for p in record.photos)
    odd_share = len(demo.odd_captures) / len(photos)
    assert 0.015 <= odd_share <= 0.05
    jobs = {j.path: j for j in demo.media_jobs if isinstance(j, CapturePhotoJob)}
    for photo in photos:
        job = jobs[Path(photo.path)]
        own_seed = demo.face_seeds[photo.learner_id]
        assert job.kind == demo.odd_captures.get(photo.id, "genuine")
        assert (job.face_seed == own_seed) == (job.kind != "impostor")
    meta = demo.meta()
    assert json.loads(meta["demo.impostor_photo_ids"]) == sorted(
        k for k, v in demo.odd_captures.items() if v == "impostor"
    )


def test_completions_wait_for_learners_who_look_finished(demo: DemoWorkspace) -> None:
    pending = [c for c in demo.completions if c.state is CompletionState.PENDING]
    assert len(pending) >= 50
    studied = Counter(r.learner_id for r in demo.online_records)
    onsite = Counter(a.learner_id for a in demo.attendance if a.longest_continuous_minutes > 180)
    for completion in pending:
        assert completion.requested_at.date() < TODAY
        if completion.programme is Programme.FULL_SCORE:
            assert onsite[completion.learner_id] >= 2 and studied[completion.learner_id] >= 3
        else:
            assert studied[completion.learner_id] >= 1
    decided = [c for c in demo.completions if c.state is not CompletionState.PENDING]
    assert decided and all(c.decided_by and c.decided_at and c.decided_at > c.requested_at for c in decided)


def test_media_jobs_cover_every_file(demo: DemoWorkspace) -> None:
    kinds = Counter(type(job) for job in demo.media_jobs)
    assert kinds[ClipJob] == 8
    assert kinds[EnrolmentPhotoJob] == len(demo.learners)
    assert kinds[CapturePhotoJob] == sum(len(r.photos) for r in demo.online_records)
    assert all(job.path.is_relative_to(demo.media_dir) for job in demo.media_jobs)
    assert len({job.path for job in demo.media_jobs}) == len(demo.media_jobs)


def _expected_counts(demo: DemoWorkspace) -> DashboardCounts:
    today = demo.sessions_today
    return DashboardCounts(
        counties=len(demo.workspace.counties),
        sites=len(demo.workspace.sites),
        classrooms=len(demo.workspace.classrooms),
        cameras=len(demo.workspace.cameras),
        learners=len(demo.learners),
        sessions_today=len(today),
        learners_rostered_today=len({x for s in today for x in s.roster}),
        online_records=len(demo.online_records),
        captured_photos=sum(len(r.photos) for r in demo.online_records),
        completions_pending=sum(c.state is CompletionState.PENDING for c in demo.completions),
        events_open=0,
    )


def test_saved_demo_matches_counts_and_round_trips(demo: DemoWorkspace, database_url: str) -> None:
    upgrade_to_head(database_url)
    database = Database(database_url)
    try:
        started = time.perf_counter()
        save_demo_workspace(database, demo)
        elapsed = time.perf_counter() - started
        print(f"\nsaved the demo on {database.backend} in {elapsed:.2f} s")
        assert elapsed < 5  # about 0.3 s on SQLite here; generous for slow CI machines
        with database.reading() as session:
            workspace = WorkspaceRepository(session)
            assert workspace.load_workspace() == demo.workspace
            assert workspace.load_users() == demo.users
            assert workspace.counts(Scope.city(), TODAY) == _expected_counts(demo)
            assert ClassSessionRepository(session).sessions_on(TODAY) == sorted(
                demo.sessions_today, key=lambda s: (s.start, s.classroom_id, s.id)
            )
            learner = demo.learners[0]
            assert LearnerRepository(session).get(learner.id) == learner
            records = sorted(
                (r for r in demo.online_records if r.learner_id == learner.id), key=lambda r: r.start
            )
            assert OnlineStudyRepository(session).records_for(learner.id) == records
            meta = MetaRepository(session).all()
            assert meta["demo.seed"] == str(SEED) and "created_at" in meta
        # Ids continue after the demo's own (PostgreSQL sequences were moved past them).
        with database.writing() as session:
            added = LearnerRepository(session).add(
                Learner(0, "新学员", "520502********0011", LicenceClass.C1, Programme.REVIEW, 1)
            )
        assert added.id == len(demo.learners) + 1
    finally:
        database.dispose()


def test_ensure_demo_database_creates_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    started = time.perf_counter()
    assert ensure_demo_database(url, tmp_path / "media", SEED, TODAY) is True
    created_in = time.perf_counter() - started
    print(f"\nensure_demo_database created the demo in {created_in:.2f} s")
    assert created_in < 5
    assert ensure_demo_database(url, tmp_path / "media", SEED, TODAY) is False
