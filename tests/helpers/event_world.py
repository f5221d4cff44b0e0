"""A small stored world for event tests (unit and GUI): the GUI tests' city, users, learners, events.

Plain functions, not fixtures, so tests/gui/events can use them too.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from app.context import AppContext
from app.domain.casework import Event, EventHistoryEntry
from app.domain.dashboard import DatabaseInfo
from app.domain.enums import (
    EventKind,
    EventState,
    LicenceClass,
    Post,
    Programme,
    ScopeLevel,
    Severity,
)
from app.domain.geography import Workspace
from app.domain.people import Learner, Scope, User
from app.persistence import Database, upgrade_to_head
from app.persistence.repositories import EventRepository, LearnerRepository, WorkspaceRepository
from app.supervision.event_service import EventService
from tests.helpers.fakes import make_context
from tests.helpers.workspaces import build_small_workspace

T0 = datetime(2025, 3, 14, 9, 0)
KINDS = [k for k in EventKind if k is not EventKind.STREAM_LOST]


def workspace() -> Workspace:
    return build_small_workspace({1001, 1003, 1004}, {1, 4, 5})


USERS = [
    User(1, "wangjg", "王建国", Post.SUPERVISOR, Scope.city()),
    User(2, "limin", "李敏", Post.COUNTY_MANAGER, Scope(ScopeLevel.COUNTY, 11)),
    User(3, "zhangwei", "张伟", Post.ACCEPTANCE, Scope(ScopeLevel.SITE, 12, 103)),
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


def events_context(service: EventService) -> AppContext:
    """The AppContext an Events pane needs in tests: the small workspace, the users, an event store."""
    return make_context(
        workspace(),
        list(USERS),
        database=DatabaseInfo("sqlite", "sqlite:///events.sqlite3"),
        dashboard=lambda _scope: None,  # type: ignore[arg-type, return-value]
        database_health=lambda: None,
        events=service,
    )
