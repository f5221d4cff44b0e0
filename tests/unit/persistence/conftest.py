"""Fixtures for persistence tests: a migrated database per backend and a tiny hand-made city.

Everything is handed out as fixtures of app.domain types, so test modules import nothing from here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest

from app.domain.enums import LicenceClass, Post, Programme, ScopeLevel, SiteKind
from app.domain.geography import Camera, City, Classroom, County, Site, Workspace
from app.domain.people import EnrolmentPhoto, Learner, Scope, User
from app.persistence import Database, upgrade_to_head
from app.persistence.repositories import LearnerRepository, WorkspaceRepository

LearnerFactory = Callable[..., Learner]


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """An empty database at the newest schema, on SQLite and on PostgreSQL."""
    upgrade_to_head(database_url)
    db = Database(database_url)
    yield db
    db.dispose()


@pytest.fixture
def today() -> date:
    return date(2025, 3, 14)


@pytest.fixture
def tiny_workspace() -> Workspace:
    """Two counties; county 1 has two sites, county 2 one. Enough to tell scopes apart."""
    city = City(1, "毕节市", "520500")
    counties = [County(1, 1, "七星关区", "520502"), County(2, 1, "大方县", "520521")]
    sites = [
        Site(1, 1, "七星关区车管所", SiteKind.VEHICLE_ADMIN_OFFICE, "七星关区洪山路1号"),
        Site(2, 1, "七星关区通达驾校", SiteKind.DRIVING_SCHOOL),
        Site(3, 2, "大方县政务服务中心", SiteKind.GOVERNMENT_SERVICE_CENTRE),
    ]
    classrooms = [
        Classroom(1, 1, "第一教室", 40),
        Classroom(2, 2, "多媒体教室", 30),
        Classroom(3, 3, "第一教室", 24),
    ]
    cameras = [
        Camera(1, 1, "前方", "rtsp://10.0.0.1/main", "rtsp://10.0.0.1/sub", "camera-1"),
        Camera(2, 1, "后方", "rtsp://10.0.0.2/main"),
        Camera(3, 2, "前方", "file:///tmp/clip.mp4", enabled=False),
        Camera(4, 3, "前方", "rtsp://10.0.0.4/main"),
    ]
    return Workspace(city, counties, sites, classrooms, cameras)


@pytest.fixture
def tiny_users() -> list[User]:
    return [
        User(1, "jiandu01", "王建国", Post.SUPERVISOR, Scope.city()),
        User(2, "guanli01", "李芳", Post.COUNTY_MANAGER, Scope(ScopeLevel.COUNTY, county_id=1)),
        User(
            3,
            "shouli01",
            "张伟",
            Post.ACCEPTANCE,
            Scope(ScopeLevel.SITE, county_id=2, site_id=3),
            active=False,
        ),
    ]


def _learner(name: str, county_id: int, *, programme: Programme = Programme.FULL_SCORE) -> Learner:
    return Learner(
        id=0,
        name=name,
        id_number_masked="520502********123X",
        licence_class=LicenceClass.C1,
        programme=programme,
        county_id=county_id,
        full_score_count=2,
        phone_masked="138****5678",
        photos=[EnrolmentPhoto(0, 0, f"photos/enrol/{name}.jpg", date(2025, 1, 2))],
    )


@pytest.fixture
def make_learner() -> LearnerFactory:
    """make_learner(name, county_id, programme=...) -> an unsaved Learner (id 0) with one photo."""
    return _learner


@pytest.fixture
def saved_workspace(database: Database, tiny_workspace: Workspace, tiny_users: list[User]) -> Workspace:
    """The tiny city and its users, stored."""
    with database.writing() as session:
        repository = WorkspaceRepository(session)
        repository.save_workspace(tiny_workspace)
        repository.save_users(tiny_users)
    return tiny_workspace


@pytest.fixture
def saved_learners(database: Database, saved_workspace: Workspace) -> list[Learner]:
    """Four stored learners: three in county 1 (one of them 审验教育), one in county 2."""
    with database.writing() as session:
        learners = LearnerRepository(session)
        return [
            learners.add(_learner("刘洋", 1)),
            learners.add(_learner("陈静", 1)),
            learners.add(_learner("杨勇", 1, programme=Programme.REVIEW)),
            learners.add(_learner("吴敏", 2)),
        ]
