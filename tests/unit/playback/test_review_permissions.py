"""RecordingReviewService enforces WATCH, LOCK and EXPORT of the permission matrix on a real database.

The small workspace (tests/helpers/workspaces.py): camera 1 in classroom 1001 (site 101, county 11),
camera 5 in classroom 1004 (site 103, county 12). Users: a supervisory post (city), a county
manager of county 11, an acceptance officer at site 101 (camera 1's own site) and a duty manager
(city). No recording files are needed: a refusal comes before anything is read, and an allowed
export of an empty span ends in NothingToExport after the check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from app.domain.enums import Post, ScopeLevel
from app.domain.people import Scope, User
from app.persistence import Database, upgrade_to_head
from app.persistence.orm import UserRow
from app.persistence.repositories import Recording, RecordingRepository, WorkspaceRepository
from app.playback.permissions import ReviewPermissionError
from app.playback.review_model import ReviewDenial
from app.playback.review_service import RecordingReviewService
from app.playback.span_export import NothingToExport
from tests.helpers.workspaces import build_workspace

NOW = datetime(2025, 3, 14, 15, 0)
DAY = NOW.date()
SUPERVISOR = User(1, "jiandu", "监督员", Post.SUPERVISOR, Scope.city())
COUNTY_MANAGER = User(2, "guanli", "管理员", Post.COUNTY_MANAGER, Scope(ScopeLevel.COUNTY, 11))
ACCEPTANCE = User(3, "shouli", "受理员", Post.ACCEPTANCE, Scope(ScopeLevel.SITE, 11, 101))
DUTY_MANAGER = User(4, "zhiban", "值班领导", Post.DUTY_MANAGER, Scope.city())
USERS = (SUPERVISOR, COUNTY_MANAGER, ACCEPTANCE, DUTY_MANAGER)
COUNTY_11_CAMERA, COUNTY_12_CAMERA = 1, 5


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RecordingReviewService]:
    """One database for the many cases: each reads, or adds its own bookmark or lock."""
    folder = tmp_path_factory.mktemp("review")
    url = f"sqlite:///{folder / 'review.sqlite3'}"
    upgrade_to_head(url)
    database = Database(url)
    root = folder / "recordings"
    review = RecordingReviewService(database, root, clock=lambda: NOW)
    with database.writing() as session:
        WorkspaceRepository(session).save_workspace(build_workspace())
        WorkspaceRepository(session).save_users(list(USERS))
        for camera_id in (COUNTY_11_CAMERA, COUNTY_12_CAMERA):  # rows only: no file is read here
            started = datetime(2025, 3, 14, 9, 0)
            RecordingRepository(session).add(
                Recording(
                    0, camera_id, review.store, started, started + timedelta(minutes=1), f"{camera_id}.mp4"
                )
            )
    yield review
    database.dispose()


def _refused(action: Callable[[], object]) -> ReviewDenial | None:
    try:
        action()
    except ReviewPermissionError as error:
        return error.denial
    except NothingToExport:
        return None  # checked and allowed; there was just nothing to export
    return None


# -- the defect as reported: the service let anyone read any camera's recordings


def test_the_acceptance_officer_may_not_watch_the_recordings_of_their_own_sites_camera(
    service: RecordingReviewService,
) -> None:
    with pytest.raises(ReviewPermissionError) as refused:
        service.load_day(COUNTY_11_CAMERA, DAY, ACCEPTANCE)
    assert refused.value.denial is ReviewDenial.POST_CANNOT
    start = datetime.combine(DAY, datetime.min.time())
    with pytest.raises(ReviewPermissionError):
        service.timeline(COUNTY_11_CAMERA, start, start + timedelta(days=1), ACCEPTANCE)
    assert service.cameras_with_recordings(DAY, ACCEPTANCE) == set()


# -- every reviewing action per officer and camera, against a table written out here

WATCH_READS = ("load_day", "timeline", "markers", "locks", "days_with_recordings", "bookmark")
ACTIONS = (*WATCH_READS, "lock", "export_clip", "export_package")
MAY = {  # (user, camera) → what the officer may do; the rest is refused with the denial in DENIED
    (SUPERVISOR.id, COUNTY_11_CAMERA): set(ACTIONS),
    (SUPERVISOR.id, COUNTY_12_CAMERA): set(ACTIONS),
    (COUNTY_MANAGER.id, COUNTY_11_CAMERA): set(ACTIONS),
    (COUNTY_MANAGER.id, COUNTY_12_CAMERA): set(),
    (ACCEPTANCE.id, COUNTY_11_CAMERA): set(),
    (ACCEPTANCE.id, COUNTY_12_CAMERA): set(),
    (DUTY_MANAGER.id, COUNTY_11_CAMERA): set(ACTIONS),
    (DUTY_MANAGER.id, COUNTY_12_CAMERA): set(ACTIONS),
}
DENIED = {COUNTY_MANAGER.id: ReviewDenial.OUTSIDE_SCOPE, ACCEPTANCE.id: ReviewDenial.POST_CANNOT}


def _do(service: RecordingReviewService, name: str, camera_id: int, user: User, tmp_path: Path) -> object:
    start = datetime.combine(DAY, datetime.min.time())
    end = start + timedelta(days=1)
    span = (NOW - timedelta(hours=1), NOW - timedelta(minutes=50))
    calls: dict[str, Callable[[], object]] = {
        "load_day": lambda: service.load_day(camera_id, DAY, user),
        "timeline": lambda: service.timeline(camera_id, start, end, user),
        "markers": lambda: service.markers(camera_id, start, end, user),
        "locks": lambda: service.locks(camera_id, start, end, user),
        "days_with_recordings": lambda: service.days_with_recordings(camera_id, user),
        "bookmark": lambda: service.add_bookmark(camera_id, NOW, "看这里", user),
        "lock": lambda: service.lock_span(camera_id, *span, "证据", user),
        "export_clip": lambda: service.exports.export_clip(
            camera_id, *span, tmp_path / "clip.mp4", user, progress=lambda _f: None, cancelled=lambda: False
        ),
        "export_package": lambda: service.exports.export_package(
            camera_id, *span, tmp_path / "case.zip", user, progress=lambda _f: None, cancelled=lambda: False
        ),
    }
    return calls[name]()


@pytest.mark.parametrize("name", ACTIONS)
@pytest.mark.parametrize(("user_id", "camera_id"), list(MAY))
def test_each_review_action(
    service: RecordingReviewService, tmp_path: Path, user_id: int, camera_id: int, name: str
) -> None:
    user = next(u for u in USERS if u.id == user_id)
    expected = None if name in MAY[(user_id, camera_id)] else DENIED[user_id]
    assert _refused(lambda: _do(service, name, camera_id, user, tmp_path)) is expected
    assert not (tmp_path / "clip.mp4").exists() and not (tmp_path / "case.zip").exists()


def test_cameras_with_recordings_are_only_those_the_officer_may_watch(
    service: RecordingReviewService,
) -> None:
    both = {COUNTY_11_CAMERA, COUNTY_12_CAMERA}
    assert service.cameras_with_recordings(DAY, SUPERVISOR) == both
    assert service.cameras_with_recordings(DAY, DUTY_MANAGER) == both
    assert service.cameras_with_recordings(DAY, COUNTY_MANAGER) == {COUNTY_11_CAMERA}
    assert service.cameras_with_recordings(DAY, ACCEPTANCE) == set()
    assert service.cameras_with_recordings(date(2025, 3, 15), SUPERVISOR) == set()


def test_the_officer_is_judged_as_stored_now(service: RecordingReviewService) -> None:
    database = service.database
    with database.writing() as session:  # the county manager moved to county 12 after signing in
        session.execute(update(UserRow).where(UserRow.id == COUNTY_MANAGER.id).values(scope_county_id=12))
    try:
        assert _refused(lambda: service.load_day(COUNTY_11_CAMERA, DAY, COUNTY_MANAGER)) is (
            ReviewDenial.OUTSIDE_SCOPE
        )
        assert _refused(lambda: service.load_day(COUNTY_12_CAMERA, DAY, COUNTY_MANAGER)) is None
        with database.writing() as session:
            session.execute(update(UserRow).where(UserRow.id == COUNTY_MANAGER.id).values(active=False))
        assert (
            _refused(lambda: service.load_day(COUNTY_12_CAMERA, DAY, COUNTY_MANAGER)) is ReviewDenial.INACTIVE
        )
    finally:
        with database.writing() as session:
            session.execute(
                update(UserRow).where(UserRow.id == COUNTY_MANAGER.id).values(scope_county_id=11, active=True)
            )
