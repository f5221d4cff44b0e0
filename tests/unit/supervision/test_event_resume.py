"""A second run of the rules engine takes over what the first stored: resumed, never raised twice.

The first engine's actions are folded into the events a database would hold (`stored_from`), as the
writer stores them; the second engine starts from those, as LiveSupervision does after a restart.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from app.domain.casework import Event
from app.domain.classroom_rules import ClassroomRules
from app.domain.enums import EventKind
from app.domain.observation import Box, Observation
from app.supervision.engine_actions import (
    CloseEvent,
    EngineAction,
    EventKey,
    ExtendEvent,
    ListSink,
    RaiseEvent,
)
from app.supervision.event_resume import key_of, plan_resume
from app.supervision.observation_input import SupervisedSession
from app.supervision.rules_engine import RulesEngine

START = datetime(2025, 3, 14, 9, 0)
END = datetime(2025, 3, 14, 10, 0)
CAMERA, CLASSROOM, SESSION = 7, 70, 700
A, B, C = 1, 2, 3
STRANGER_TRACK = 99
RULES = ClassroomRules(
    max_late=timedelta(minutes=30), max_absence=timedelta(minutes=15), max_leaves_per_day=1
)
ROSTER = frozenset({A, B, C})


def minutes(n: float) -> datetime:
    return START + timedelta(minutes=n)


def new_engine(sink: ListSink) -> RulesEngine:
    # Watched time as live supervision counts it (a sample every 30 s here): a restart forgets
    # what the earlier run watched.
    engine = RulesEngine(sink, {CAMERA: CLASSROOM}, rules=RULES, coverage_gap=timedelta(minutes=1))
    engine.add_sessions([SupervisedSession(SESSION, CLASSROOM, START, END, ROSTER)])
    return engine


def feed(engine: RulesEngine, start: float, end: float, learners: set[int], stranger: bool = False) -> None:
    t = start
    while t <= end:
        for learner in sorted(learners):
            engine.observe(Observation(CAMERA, minutes(t), learner, learner, 0.3, Box(0, 0, 9, 9)))
        if stranger:
            engine.observe(Observation(CAMERA, minutes(t), STRANGER_TRACK, None, 0.8, Box(20, 0, 29, 9)))
        t += 0.5


def stored_from(actions: list[EngineAction], before: list[Event] | None = None) -> list[Event]:
    """The events a database holds after these actions (what the writer does with each), starting
    from the events `before` (copied) that an earlier run stored."""
    stored = [dataclasses.replace(e) for e in before or []]
    events: dict[EventKey, Event] = {}
    for event in stored:
        key = key_of(event)
        if key is not None:
            events[key] = event
    for action in actions:
        if isinstance(action, RaiseEvent):
            open_key = None if action.finished else action.key.open_key
            event = dataclasses.replace(action.event, id=len(stored) + 1, open_key=open_key)
            stored.append(event)
            if open_key is not None:
                events[action.key] = event
        elif isinstance(action, ExtendEvent):
            events[action.key].ended_at = action.ended_at
        else:
            closed = events.pop(action.key)
            closed.ended_at, closed.open_key = action.ended_at, None
    return stored


def first_run() -> list[Event]:
    """Until 9:40: A all along; B until 9:05, then away (absence at 9:20); C never (late at 9:30);
    a stranger from 9:35."""
    sink = ListSink()
    engine = new_engine(sink)
    feed(engine, 0, 5, {A, B})
    feed(engine, 5.5, 34.5, {A})
    feed(engine, 35, 40, {A}, stranger=True)
    kinds = sorted(a.key.kind.value for a in sink.raised())
    assert kinds == ["absence", "late_arrival", "unknown_face"]
    return stored_from(sink.actions)


def test_a_second_run_extends_and_closes_what_the_first_left_open() -> None:
    stored = first_run()
    assert all(e.open_key is not None for e in stored)
    sink = ListSink()
    engine = new_engine(sink)
    engine.resume(stored, [SESSION], minutes(45))
    feed(engine, 45, 49.5, {A})
    feed(engine, 50, 59.5, {A, B})  # B is back at 9:50; no stranger since 9:40
    engine.tick(END)
    assert sink.raised() == []  # nothing raised a second time
    closes = {a.key.kind: a for a in sink.closed()}
    assert closes[EventKind.ABSENCE].ended_at == minutes(50)
    assert closes[EventKind.ABSENCE].note.startswith("seen again after 45 min")  # gone since 9:05
    assert closes[EventKind.UNKNOWN_FACE].ended_at == minutes(40)  # the stranger's last sighting
    assert (closes[EventKind.LATE_ARRIVAL].ended_at, closes[EventKind.LATE_ARRIVAL].note) == (
        END,
        "never arrived",
    )
    # While it lasted the late arrival was kept up to date, under the same key.
    assert any(a.key.kind is EventKind.LATE_ARRIVAL for a in sink.extended())


def test_learners_seen_before_are_not_late_and_a_day_s_second_leave_is_not_raised_twice() -> None:
    sink = ListSink()
    engine = new_engine(sink)
    feed(engine, 0, 5, {A, B})
    feed(engine, 5.5, 25, {A})  # B away from 9:05 (absence raised at 9:20) ...
    feed(engine, 25.5, 30, {A, B})  # ... back at 9:25: one leave
    feed(engine, 30.5, 34.5, {A})  # B away again from 9:30 (absence at 9:45) ...
    feed(engine, 35, 36, {A, C})  # ... C late, came at 9:35, and left
    feed(engine, 36.5, 50, {A})
    stored = stored_from(sink.actions)
    assert [e.kind for e in stored if e.open_key is None] == [EventKind.ABSENCE, EventKind.LATE_ARRIVAL]
    sink = ListSink()
    engine = new_engine(sink)
    engine.resume(stored, [SESSION], minutes(51))
    feed(engine, 51, 58, {A, B})  # B back: the second leave of the day, more than max_leaves_per_day
    assert sink.raised(EventKind.LATE_ARRIVAL) == []  # B and C came before the restart
    [too_often] = sink.raised(EventKind.LEFT_TOO_OFTEN)
    assert too_often.event.learner_ids == [B]
    sink2 = ListSink()
    engine2 = new_engine(sink2)  # a third run: LEFT_TOO_OFTEN is raised once a day
    engine2.resume(stored_from(sink.actions, stored), [SESSION], minutes(58))
    feed(engine2, 58, 59, {A})
    engine2.tick(minutes(59))
    assert sink2.raised(EventKind.LEFT_TOO_OFTEN) == []


def test_open_events_of_an_ended_class_or_another_day_close_at_their_last_report() -> None:
    stored = first_run()
    yesterday = [
        dataclasses.replace(
            e, id=e.id + 10, session_id=600, open_key=str(e.open_key).replace("|700|", "|600|")
        )
        for e in stored
    ]
    sink = ListSink()
    engine = new_engine(sink)
    engine.resume(stored + yesterday, [SESSION], END + timedelta(minutes=5))  # class over meanwhile
    engine.tick(END + timedelta(minutes=5))
    assert sink.raised() == [] and sink.extended() == []
    closes = sink.closed()
    assert len(closes) == 6
    assert {(c.key.session_id, c.ended_at) for c in closes} == {
        (sid, e.ended_at) for e in stored for sid in (600, 700)
    }
    assert all("the console was not running" in c.note for c in closes)
    assert all("class ended at 10:00" in c.note for c in closes if c.key.session_id == SESSION)


def test_events_of_sessions_this_run_supervises_already_are_left_alone() -> None:
    stored = first_run()
    session = SupervisedSession(SESSION, CLASSROOM, START, END, ROSTER)
    plan = plan_resume(stored, {}, {SESSION}, minutes(45), lambda _key: False)
    assert plan.closed == [] and plan.resumed == []
    plan = plan_resume(
        stored, {SESSION: session}, set(), minutes(45), lambda key: key.kind is EventKind.ABSENCE
    )
    assert sorted(r.key.kind.value for r in plan.resumed) == ["late_arrival", "unknown_face"]
    assert all(not isinstance(c, CloseEvent) for c in plan.resumed)
