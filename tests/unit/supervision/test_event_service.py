"""EventService and the engine's writer on a real database (SQLite; PostgreSQL when available)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from app.domain.enums import EventKind, EventState, ScopeLevel
from app.domain.people import Scope
from app.domain.study import ClassSession
from app.persistence import Database
from app.persistence.repositories import ClassSessionRepository, EventFilter, EventRepository
from app.supervision.engine_actions import EngineAction, EventKey
from app.supervision.event_service import EventService
from app.supervision.event_writer import SupervisionEventWriter
from app.supervision.observation_input import SupervisedSession
from app.supervision.rules_engine import RulesEngine
from app.supervision.triage import TriageError
from tests.helpers.event_world import T0, add_events, create_database

NOW = datetime(2025, 3, 14, 15, 0)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = create_database(database_url)
    yield db
    db.dispose()


@pytest.fixture
def audit_log() -> list[tuple[int | None, str, str, str]]:
    return []


@pytest.fixture
def service(database: Database, audit_log: list[tuple[int | None, str, str, str]]) -> EventService:
    return EventService(database, audit=lambda _s, *entry: audit_log.append(entry), clock=lambda: NOW)


def test_claim_then_confirm_writes_history_and_audit(
    service: EventService, database: Database, audit_log
) -> None:
    event = add_events(database, 1)[0]
    claimed = service.claim(event.id, 1)
    assert claimed.state is EventState.IN_PROGRESS and claimed.owner_id == 1
    with pytest.raises(TriageError) as refused:
        service.transition(event.id, EventState.DISMISSED, 2)
    assert refused.value.reason == "owned_by_other" and refused.value.owner_id == 1
    done = service.transition(event.id, EventState.CONFIRMED, 1, note="替学属实")
    assert done.state is EventState.CONFIRMED
    detail = service.detail(event.id, viewer_id=1)
    assert [(h.actor_id, h.from_state, h.to_state) for h in detail.event.history] == [
        (None, None, EventState.NEW),
        (1, EventState.NEW, EventState.IN_PROGRESS),
        (1, EventState.IN_PROGRESS, EventState.CONFIRMED),
    ]
    assert detail.event.history[-1].note == "替学属实" and detail.event.history[-1].at == NOW
    assert detail.learner_names == {1: "刘洋"}
    assert [entry[1] for entry in audit_log] == ["event.claimed", "event.confirmed"]
    assert audit_log[0][2] == f"event:{event.id}"
    with pytest.raises(TriageError):
        service.transition(event.id, EventState.ESCALATED, 1)  # a verdict is reopened first


def test_comments_and_escalation_hand_over(service: EventService, database: Database) -> None:
    event = add_events(database, 1)[0]  # classroom 1001, county 11: the county manager's (user 2)
    service.transition(event.id, EventState.ESCALATED, 2)
    service.comment(event.id, 2, "  请监督岗核实  ")
    taken = service.transition(event.id, EventState.DISMISSED, 1)  # the supervisory post decides
    assert taken.owner_id == 1
    [comment] = service.detail(event.id, viewer_id=4).event.comments
    assert comment.text == "请监督岗核实" and comment.author_id == 2
    with pytest.raises(TriageError):
        service.comment(event.id, 1, "   ")


def test_pages_filter_by_learner_name_scope_and_new_since(service: EventService, database: Database) -> None:
    events = add_events(database, 24)
    page = service.page(EventFilter(), limit=10, viewer_id=1)
    assert len(page.items) == 10 and page.next_cursor is not None
    assert page.items[0].event.id == events[-1].id
    assert all(name for item in page.items for name in item.learner_names)
    rest = service.page(EventFilter(), after=page.next_cursor, limit=100, viewer_id=1)
    assert len(rest.items) == 14 and rest.next_cursor is None
    by_name = service.page(EventFilter(learner_name="陈静"), viewer_id=1)
    assert {item.learner_names for item in by_name.items} == {("陈静怡",)}
    county = service.page(EventFilter(scope=Scope(ScopeLevel.COUNTY, county_id=12)), viewer_id=1)
    assert {item.event.classroom_id for item in county.items} == {1004}
    mark = events[-1].id
    assert service.new_since(mark, EventFilter(), viewer_id=1).count == 0
    newer = add_events(database, 6)
    news = service.new_since(mark, EventFilter(), viewer_id=1)
    assert news.latest_id == newer[-1].id and news.count == 6
    assert {e.kind for e in news.high} == {EventKind.FACE_MISMATCH}


def test_writer_persists_engine_actions_in_batches(database: Database) -> None:
    batches: list[tuple[list[EngineAction], dict[EventKey, int]]] = []
    writer = SupervisionEventWriter(database, on_batch=lambda b, w: batches.append((b, w)))
    with database.writing() as session:
        stored_session = ClassSessionRepository(session).add(
            ClassSession(0, 1001, T0.date(), T0, T0 + timedelta(hours=3), [1])
        )
    engine = RulesEngine(writer, {1: 1001})
    sid = stored_session.id
    engine.add_sessions([SupervisedSession(sid, 1001, T0, T0 + timedelta(hours=3), frozenset({1}))])
    for minute in range(0, 200, 1):
        engine.tick(T0 + timedelta(minutes=minute))
    assert writer.close()
    assert sum(len(batch) for batch, _ in batches) > len(batches) or len(batches) == 1
    with database.reading() as session:
        [event] = EventRepository(session).page(EventFilter(kinds=frozenset({EventKind.LATE_ARRIVAL}))).events
        stored = EventRepository(session).get(event.id)
    assert stored is not None
    assert stored.started_at == T0 and stored.ended_at == T0 + timedelta(hours=3)
    assert stored.session_id == sid and stored.learner_ids == [1]
    assert [(h.actor_id, h.note) for h in stored.history] == [
        (None, "not arrived yet"),
        (None, "never arrived"),
    ]


def test_live_supervision_turns_samples_into_stored_events(database: Database) -> None:
    from app.domain.observation import Box, CameraSample, Observation
    from app.supervision.live_supervision import LiveSupervision

    with database.writing() as session:
        class_session = ClassSessionRepository(session).add(
            ClassSession(0, 1001, T0.date(), T0, T0 + timedelta(hours=3), [1, 2])
        )
    clock = [T0]
    # One sample a minute: each watches its classroom for the minute up to the next.
    live = LiveSupervision(
        database, {1: 1001}, tick_s=0.01, clock=lambda: clock[0], coverage_gap=timedelta(minutes=1)
    )
    live.start()
    for minute in range(0, 60):
        at = T0 + timedelta(minutes=minute)
        faces = (
            Observation(1, at, 1, 1, 0.3, Box(0, 0, 9, 9)),
            Observation(1, at, 2, 2, 0.3, Box(9, 0, 18, 9)),
        )
        live.on_sample(CameraSample(1, at, faces if minute < 20 else faces[:1]))  # learner 2 leaves at 20
    assert live.stop()
    with database.reading() as session:
        [event] = EventRepository(session).page(EventFilter(session_id=class_session.id)).events
    assert event.kind is EventKind.ABSENCE and event.learner_ids == [2]
    assert event.started_at == T0 + timedelta(minutes=19) and event.ended_at is not None
    assert live.raised_stored == 1  # what tells the Events pane to look now


def test_a_verdict_on_a_high_severity_event_needs_a_reason(
    service: EventService, database: Database, audit_log
) -> None:
    events = add_events(database, 6)
    mismatch = next(e for e in events if e.kind is EventKind.FACE_MISMATCH)  # high severity
    absence = next(e for e in events if e.kind is EventKind.ABSENCE)  # medium
    for verdict in (EventState.DISMISSED, EventState.CONFIRMED):
        with pytest.raises(TriageError) as refused:
            service.transition(mismatch.id, verdict, 1, note="  ")
        assert refused.value.reason == "reason_required"
    assert service.detail(mismatch.id, viewer_id=1).event.state is EventState.NEW  # nothing stored
    assert service.transition(mismatch.id, EventState.ESCALATED, 1).state is EventState.ESCALATED
    done = service.transition(mismatch.id, EventState.DISMISSED, 1, note=" 光线误判：学员本人 ")
    assert done.state is EventState.DISMISSED and done.history[-1].note == "光线误判：学员本人"
    detail = "escalated → dismissed: 光线误判：学员本人"
    assert audit_log[-1][1:] == ("event.dismissed", f"event:{mismatch.id}", detail)
    assert service.transition(absence.id, EventState.DISMISSED, 1).state is EventState.DISMISSED  # one key
    assert audit_log[-1][3] == "new → dismissed"


def test_new_since_lists_alarms_beyond_the_list_filter_and_says_which_are_still_unclaimed(
    service: EventService, database: Database
) -> None:
    first = add_events(database, 6)
    mark = first[-1].id
    newer = add_events(database, 6)
    [alarm] = [e for e in newer if e.kind is EventKind.FACE_MISMATCH]
    absences_only = EventFilter(kinds=frozenset({EventKind.ABSENCE}))
    news = service.new_since(mark, absences_only, viewer_id=1, alarm_scope=Scope.city())
    assert news.count == 1  # the list shows absences: one new one
    assert [e.id for e in news.high] == [alarm.id] and news.unclaimed == {alarm.id}
    old_alarm = next(e for e in first if e.kind is EventKind.FACE_MISMATCH)
    service.claim(alarm.id, 2)  # another officer takes it
    later = service.new_since(newer[-1].id, absences_only, viewer_id=1, alarms={alarm.id, old_alarm.id})
    assert later.count == 0 and later.high == [] and later.unclaimed == {old_alarm.id}
    county = Scope(ScopeLevel.COUNTY, county_id=12)  # the mismatch is in county 11
    assert service.new_since(mark, EventFilter(), viewer_id=1, alarm_scope=county).high == []


def test_detail_brings_the_enrolment_photo_and_the_calibrated_threshold(
    service: EventService, database: Database
) -> None:
    import dataclasses
    import json

    from app.domain.people import EnrolmentPhoto
    from app.persistence.repositories import LearnerRepository, MetaRepository

    events = add_events(database, 6)
    mismatch = next(e for e in events if e.kind is EventKind.FACE_MISMATCH)
    with database.writing() as session:
        photo = EnrolmentPhoto(0, mismatch.learner_ids[0], "/p/enrol.jpg")
        LearnerRepository(session).add_enrolment_photo(photo)
        EventRepository(session).set_evidence(mismatch.id, distance=0.512)
    detail = service.detail(mismatch.id, viewer_id=1)
    assert detail.enrolment_photos == {mismatch.learner_ids[0]: "/p/enrol.jpg"}
    assert detail.threshold is None  # never calibrated: nothing to read the distance against
    figures = {"threshold": 0.398, "target_fmr": 0.001, "engine_id": "other", "calibrated_at": "2025-03-01"}
    with database.writing() as session:
        MetaRepository(session).set("vision.calibration.dlib-resnet", json.dumps(figures))
    threshold = service.detail(mismatch.id, viewer_id=1).threshold
    assert threshold is not None
    assert dataclasses.astuple(threshold) == (0.398, "calibrated", "dlib-resnet", "2025-03-01", 0.001)
    assert threshold.separates(0.512) and not threshold.separates(0.3)


def test_a_triage_decision_and_its_audit_entry_are_stored_together(database: Database) -> None:
    """A decision the audit chain did not take must not stand unaudited: both or neither."""
    from sqlalchemy import text

    from app.review.audit_chain import append_entry

    event = add_events(database, 1)[0]
    service = EventService(database, audit=append_entry, clock=lambda: NOW)
    with database.writing() as session:  # the database itself refuses audit rows from now on
        if session.get_bind().dialect.name == "sqlite":
            session.execute(
                text(
                    "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_entries "
                    "BEGIN SELECT RAISE(ABORT, 'audit refused'); END"
                )
            )
        else:
            session.execute(
                text(
                    "CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS "
                    "$$ BEGIN RAISE EXCEPTION 'audit refused'; END $$"
                )
            )
            session.execute(
                text(
                    "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_entries "
                    "FOR EACH ROW EXECUTE FUNCTION refuse_audit()"
                )
            )
    with pytest.raises(Exception, match="audit refused"):
        service.transition(event.id, EventState.CONFIRMED, 1, note="替学属实")
    with database.reading() as session:
        stored = EventRepository(session).get(event.id)
    assert stored is not None and stored.state is EventState.NEW and len(stored.history) == 1
    with pytest.raises(Exception, match="audit refused"):
        service.comment(event.id, 1, "请核实")
    assert service.detail(event.id, viewer_id=1).event.comments == []
