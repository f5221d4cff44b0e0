"""A small stored world for event tests (unit and GUI): the GUI tests' city, users, learners, events.

Plain functions, not fixtures, so tests/gui/events can use them too.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from app.domain.casework import Event, EventHistoryEntry
from app.domain.enums import (
    EventKind,
    EventState,
    LicenceClass,
    Post,
    Programme,
    ScopeLevel,
    Severity,
    SiteKind,
)
from app.domain.geography import Camera, City, Classroom, County, Site, Workspace
from app.domain.people import Learner, Scope, User
from app.persistence import Database, upgrade_to_head
from app.persistence.repositories import EventRepository, LearnerRepository, WorkspaceRepository

T0 = datetime(2025, 3, 14, 9, 0)
KINDS = [k for k in EventKind if k is not EventKind.STREAM_LOST]


def workspace() -> Workspace:
    city = City(1, "毕节市", "520500")
    counties = [County(11, 1, "七星关区", "520502"), County(12, 1, "大方县", "520521")]
    sites = [
        Site(101, 11, "七星关区车管所", SiteKind.VEHICLE_ADMIN_OFFICE),
        Site(102, 11, "毕节市安达驾校", SiteKind.DRIVING_SCHOOL),
        Site(103, 12, "大方县交警中队", SiteKind.POLICE_SQUADRON),
    ]
    classrooms = [
        Classroom(1001, 101, "第一教室"),
        Classroom(1003, 102, "理论教室"),
        Classroom(1004, 103, "学习室"),
    ]
    cameras = [
        Camera(1, 1001, "前", "rtsp://127.0.0.1:8554/c1"),
        Camera(4, 1003, "前", "rtsp://127.0.0.1:8554/c4"),
        Camera(5, 1004, "前", "rtsp://127.0.0.1:8554/c5"),
    ]
    return Workspace(city, counties, sites, classrooms, cameras)


USERS = [
    User(1, "wangjg", "王建国", Post.SUPERVISOR, Scope.city()),
    User(2, "limin", "李敏", Post.COUNTY_MANAGER, Scope(ScopeLevel.COUNTY, 11)),
    User(4, "chenjing", "陈静", Post.DUTY_MANAGER, Scope.city()),
]
LEARNER_NAMES = ["刘洋", "陈静怡", "杨勇", "吴敏"]
CAMERA_OF = {1001: 1, 1003: 4, 1004: 5}


def create_database(url: str) -> Database:
    upgrade_to_head(url)
    database = Database(url)
    with database.writing() as session:
        repository = WorkspaceRepository(session)
        repository.save_workspace(workspace())
        repository.save_users(USERS)
        learners = LearnerRepository(session)
        for n, name in enumerate(LEARNER_NAMES):
            learners.add(
                Learner(0, name, "520502********123X", LicenceClass.C1, Programme.FULL_SCORE, 11 + n % 2)
            )
    return database


def add_events(database: Database, count: int) -> list[Event]:
    """`count` NEW events, one a minute from T0 (the newest is the last), kinds and classrooms cycling."""
    classrooms = list(CAMERA_OF)
    events = []
    for n in range(count):
        classroom = classrooms[n % len(classrooms)]
        kind = KINDS[n % len(KINDS)]
        events.append(
            Event(
                id=0,
                kind=kind,
                severity=Severity.HIGH if kind is EventKind.FACE_MISMATCH else Severity.MEDIUM,
                state=EventState.NEW,
                started_at=T0 + timedelta(minutes=n),
                ended_at=T0 + timedelta(minutes=n + 3),
                camera_id=CAMERA_OF[classroom],
                classroom_id=classroom,
                learner_ids=[n % len(LEARNER_NAMES) + 1],
                engine="test",
                history=[EventHistoryEntry(None, T0 + timedelta(minutes=n), None, EventState.NEW, "raised")],
            )
        )
    with database.writing() as session:
        return EventRepository(session).add_many(events)


TODAY = date(2025, 3, 14)
