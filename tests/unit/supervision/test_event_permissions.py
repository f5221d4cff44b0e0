"""EventService enforces the permission matrix on a real database (SQLite; PostgreSQL when available).

The users (tests/helpers/event_world.py): 1 supervisory post (city), 2 county manager of
county 11, 3 acceptance officer at site 103 (county 12), 4 duty manager (city). Events lie in
classroom 1001 (site 101, county 11), 1003 (site 102, county 11) or 1004 (site 103, county 12).
The officer is re-read from the database in the transaction that acts, and a refusal changes
nothing: no state, no history, no audit entry.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlalchemy import update

from app.domain.casework import Event
from app.domain.enums import EventState, ScopeLevel
from app.domain.people import Scope
from app.domain.permissions import Action, Denial, PermissionDenied
from app.persistence import Database
from app.persistence.orm import UserRow
from app.persistence.repositories import EventFilter, EventRepository
from app.supervision.event_service import EventService
from tests.helpers.event_world import add_events, create_database

NOW = datetime(2025, 3, 14, 15, 0)
SUPERVISOR, COUNTY_MANAGER, ACCEPTANCE, DUTY_MANAGER = 1, 2, 3, 4
COUNTY_11_CLASSROOM, COUNTY_12_CLASSROOM = 1001, 1004

AuditLog = list[tuple[int | None, str, str, str]]


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = create_database(database_url)
    yield db
    db.dispose()


@pytest.fixture(scope="module")
def shared_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """One SQLite database for the many per-cell cases: each adds its own events and reads only them."""
    db = create_database(f"sqlite:///{tmp_path_factory.mktemp('cells') / 'cells.sqlite3'}")
    yield db
    db.dispose()


@pytest.fixture
def audit_log() -> AuditLog:
    return []


@pytest.fixture
def service(database: Database, audit_log: AuditLog) -> EventService:
    return EventService(database, audit=lambda _s, *entry: audit_log.append(entry), clock=lambda: NOW)


def event_in(database: Database, classroom_id: int) -> Event:
    """A NEW event in `classroom_id` (add_events cycles 1001, 1003, 1004)."""
    events = add_events(database, 3)
    return next(e for e in events if e.classroom_id == classroom_id)


def stored(database: Database, event_id: int) -> Event:
    with database.reading() as session:
        event = EventRepository(session).get(event_id)
    assert event is not None
    return event


def assert_refused(error: pytest.ExceptionInfo[PermissionDenied], action: Action, denial: Denial) -> None:
    assert (error.value.action, error.value.denial) == (action, denial)


# -- the defects as reported: each failed before the service checked any post


def test_the_duty_manager_may_not_dismiss_an_event(
    service: EventService, database: Database, audit_log: AuditLog
) -> None:
    event = event_in(database, COUNTY_11_CLASSROOM)
    with pytest.raises(PermissionDenied) as refused:
        service.transition(event.id, EventState.DISMISSED, DUTY_MANAGER)
    assert_refused(refused, Action.DISMISS, Denial.POST_CANNOT)
    after = stored(database, event.id)
    assert after.state is EventState.NEW and after.owner_id is None and len(after.history) == 1
    assert audit_log == []


def test_an_acceptance_officer_may_not_confirm_a_violation_at_their_own_site(
    service: EventService, database: Database, audit_log: AuditLog
) -> None:
    event = event_in(database, COUNTY_12_CLASSROOM)  # site 103: the officer's own
    with pytest.raises(PermissionDenied) as refused:
        service.transition(event.id, EventState.CONFIRMED, ACCEPTANCE)
    assert_refused(refused, Action.CONFIRM, Denial.POST_CANNOT)
    assert stored(database, event.id).state is EventState.NEW and audit_log == []


@pytest.mark.parametrize(
    ("to_state", "action"),
    [
        (EventState.IN_PROGRESS, Action.CLAIM),
        (EventState.CONFIRMED, Action.CONFIRM),
        (EventState.DISMISSED, Action.DISMISS),
        (EventState.ESCALATED, Action.ESCALATE),
    ],
)
def test_a_county_manager_may_not_act_outside_their_county(
    service: EventService, database: Database, audit_log: AuditLog, to_state: EventState, action: Action
) -> None:
    event = event_in(database, COUNTY_12_CLASSROOM)
    with pytest.raises(PermissionDenied) as refused:
        service.transition(event.id, to_state, COUNTY_MANAGER)
    assert_refused(refused, action, Denial.OUTSIDE_SCOPE)
    with pytest.raises(PermissionDenied) as refused:
        service.comment(event.id, COUNTY_MANAGER, "不是本县的事件")
    assert_refused(refused, Action.COMMENT, Denial.OUTSIDE_SCOPE)
    after = stored(database, event.id)
    assert after.state is EventState.NEW and after.comments == [] and audit_log == []


# -- every action of the Events pane, per officer and place

# What each officer may do to an event in county 11 (site 101) and in county 12 (site 103).
# Written out, not read from the matrix: this is what the service must do.
TRIAGE = {Action.CLAIM, Action.CONFIRM, Action.DISMISS, Action.ESCALATE, Action.COMMENT}
MAY = {
    (SUPERVISOR, COUNTY_11_CLASSROOM): {*TRIAGE, Action.REVERSE},
    (SUPERVISOR, COUNTY_12_CLASSROOM): {*TRIAGE, Action.REVERSE},
    (COUNTY_MANAGER, COUNTY_11_CLASSROOM): TRIAGE,
    (COUNTY_MANAGER, COUNTY_12_CLASSROOM): set(),
    (ACCEPTANCE, COUNTY_11_CLASSROOM): set(),
    (ACCEPTANCE, COUNTY_12_CLASSROOM): {Action.ESCALATE, Action.COMMENT},
    (DUTY_MANAGER, COUNTY_11_CLASSROOM): {Action.COMMENT},
    (DUTY_MANAGER, COUNTY_12_CLASSROOM): {Action.COMMENT},
}
POST_CANNOT = {  # the refusals that are the post's, not the place's
    COUNTY_MANAGER: {Action.REVERSE},
    ACCEPTANCE: {Action.CLAIM, Action.CONFIRM, Action.DISMISS, Action.REVERSE},
    DUTY_MANAGER: {Action.CLAIM, Action.CONFIRM, Action.DISMISS, Action.ESCALATE, Action.REVERSE},
}
STATE_OF = {
    Action.CLAIM: EventState.IN_PROGRESS,
    Action.CONFIRM: EventState.CONFIRMED,
    Action.DISMISS: EventState.DISMISSED,
    Action.ESCALATE: EventState.ESCALATED,
}
CASES = [(actor, classroom, action) for (actor, classroom) in MAY for action in (*STATE_OF, Action.COMMENT)]


def _expected_denial(actor: int, classroom: int, action: Action) -> Denial | None:
    if action in MAY[(actor, classroom)]:
        return None
    return Denial.POST_CANNOT if action in POST_CANNOT.get(actor, set()) else Denial.OUTSIDE_SCOPE


@pytest.mark.parametrize(("actor", "classroom", "action"), CASES)
def test_each_action_from_new(
    shared_database: Database, audit_log: AuditLog, actor: int, classroom: int, action: Action
) -> None:
    database = shared_database
    service = EventService(database, audit=lambda _s, *entry: audit_log.append(entry), clock=lambda: NOW)
    event = event_in(database, classroom)
    expected = _expected_denial(actor, classroom, action)

    def act() -> None:
        if action is Action.COMMENT:
            service.comment(event.id, actor, "已核实")
        else:
            service.transition(event.id, STATE_OF[action], actor)

    if expected is None:
        act()
        after = stored(database, event.id)
        if action is Action.COMMENT:
            assert [c.author_id for c in after.comments] == [actor]
        else:
            assert after.state is STATE_OF[action] and after.owner_id == actor
        assert [entry[0] for entry in audit_log] == [actor]
    else:
        with pytest.raises(PermissionDenied) as refused:
            act()
        assert_refused(refused, action, expected)
        after = stored(database, event.id)
        assert after.state is EventState.NEW and after.comments == [] and len(after.history) == 1
        assert audit_log == []


@pytest.mark.parametrize("actor", [SUPERVISOR, COUNTY_MANAGER, ACCEPTANCE, DUTY_MANAGER])
def test_only_the_supervisory_post_reopens_a_verdict(shared_database: Database, actor: int) -> None:
    database, service = shared_database, EventService(shared_database, clock=lambda: NOW)
    classroom = COUNTY_12_CLASSROOM if actor == ACCEPTANCE else COUNTY_11_CLASSROOM
    event = event_in(database, classroom)
    service.transition(event.id, EventState.CONFIRMED, SUPERVISOR)
    if actor == SUPERVISOR:
        assert service.transition(event.id, EventState.IN_PROGRESS, actor).state is EventState.IN_PROGRESS
        return
    with pytest.raises(PermissionDenied) as refused:
        service.transition(event.id, EventState.IN_PROGRESS, actor)
    assert_refused(refused, Action.REVERSE, Denial.POST_CANNOT)
    assert stored(database, event.id).state is EventState.CONFIRMED


def test_an_escalation_goes_up_to_the_supervisory_post(service: EventService, database: Database) -> None:
    event = event_in(database, COUNTY_12_CLASSROOM)
    escalated = service.transition(event.id, EventState.ESCALATED, ACCEPTANCE, note="学员疑似替学")
    assert escalated.state is EventState.ESCALATED and escalated.owner_id == ACCEPTANCE
    with pytest.raises(PermissionDenied):
        service.transition(event.id, EventState.DISMISSED, DUTY_MANAGER)
    with pytest.raises(PermissionDenied):
        service.transition(event.id, EventState.IN_PROGRESS, COUNTY_MANAGER)  # another county
    taken = service.transition(event.id, EventState.CONFIRMED, SUPERVISOR)
    assert taken.state is EventState.CONFIRMED and taken.owner_id == SUPERVISOR


def test_release_is_a_claim_judged_as_the_officer_is_stored_now(
    service: EventService, database: Database
) -> None:
    event = event_in(database, COUNTY_11_CLASSROOM)
    service.claim(event.id, COUNTY_MANAGER)
    with database.writing() as session:  # moved to county 12 after signing in
        session.execute(update(UserRow).where(UserRow.id == COUNTY_MANAGER).values(scope_county_id=12))
    with pytest.raises(PermissionDenied) as refused:
        service.transition(event.id, EventState.NEW, COUNTY_MANAGER)
    assert_refused(refused, Action.CLAIM, Denial.OUTSIDE_SCOPE)
    assert stored(database, event.id).owner_id == COUNTY_MANAGER
    with database.writing() as session:
        session.execute(update(UserRow).where(UserRow.id == COUNTY_MANAGER).values(scope_county_id=11))
    assert service.transition(event.id, EventState.NEW, COUNTY_MANAGER).owner_id is None


def test_a_deactivated_officer_is_refused_everything(service: EventService, database: Database) -> None:
    event = event_in(database, COUNTY_11_CLASSROOM)
    with database.writing() as session:
        session.execute(update(UserRow).where(UserRow.id == SUPERVISOR).values(active=False))
    for act in (
        lambda: service.claim(event.id, SUPERVISOR),
        lambda: service.comment(event.id, SUPERVISOR, "x"),
        lambda: service.detail(event.id, viewer_id=SUPERVISOR),
        lambda: service.page(EventFilter(), viewer_id=SUPERVISOR),
        lambda: service.new_since(0, EventFilter(), viewer_id=SUPERVISOR),
    ):
        with pytest.raises(PermissionDenied) as refused:
            act()
        assert refused.value.denial is Denial.INACTIVE
    with pytest.raises(PermissionDenied) as refused:
        service.claim(event.id, 99)  # no such user (any more)
    assert refused.value.denial is Denial.INACTIVE
    assert stored(database, event.id).state is EventState.NEW


# -- what each officer sees


def test_lists_show_only_events_within_the_viewers_reach(service: EventService, database: Database) -> None:
    events = add_events(database, 9)  # classrooms 1001, 1003, 1004 three times each

    def classrooms(viewer: int, scope: Scope | None = None) -> list[int]:
        page = service.page(EventFilter(scope=scope), viewer_id=viewer)
        return sorted(item.event.classroom_id or 0 for item in page.items)

    everything = sorted(e.classroom_id or 0 for e in events)
    assert classrooms(SUPERVISOR) == classrooms(DUTY_MANAGER) == everything
    assert classrooms(COUNTY_MANAGER) == [1001] * 3 + [1003] * 3  # county 11 only, though asked for all
    assert classrooms(ACCEPTANCE) == [1004] * 3  # site 103 only
    county_12 = Scope(ScopeLevel.COUNTY, 12)
    assert classrooms(COUNTY_MANAGER, county_12) == []  # a pane scope outside the county shows nothing
    assert classrooms(ACCEPTANCE, county_12) == [1004] * 3
    assert classrooms(SUPERVISOR, county_12) == [1004] * 3
    site_101 = Scope(ScopeLevel.SITE, 11, 101)
    assert classrooms(COUNTY_MANAGER, site_101) == [1001] * 3

    mark = events[-1].id
    add_events(database, 3)
    assert service.new_since(mark, EventFilter(), viewer_id=SUPERVISOR).count == 3
    assert service.new_since(mark, EventFilter(), viewer_id=COUNTY_MANAGER).count == 2
    news = service.new_since(mark, EventFilter(), viewer_id=ACCEPTANCE)
    assert news.count == 1 and news.latest_id == mark + 3


def test_detail_is_refused_outside_the_reach_and_says_what_the_viewer_may_do(
    service: EventService, database: Database
) -> None:
    event = event_in(database, COUNTY_12_CLASSROOM)
    with pytest.raises(PermissionDenied) as refused:
        service.detail(event.id, viewer_id=COUNTY_MANAGER)
    assert_refused(refused, Action.VIEW, Denial.OUTSIDE_SCOPE)
    allowed = {viewer: service.detail(event.id, viewer_id=viewer).allowed for viewer in (1, 3, 4)}
    assert allowed == {
        SUPERVISOR: {*TRIAGE, Action.REVERSE},
        ACCEPTANCE: {Action.ESCALATE, Action.COMMENT},
        DUTY_MANAGER: {Action.COMMENT},
    }
