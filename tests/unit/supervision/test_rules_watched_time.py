"""The rules count only watched time: a camera off the wall's page, between tour pages or during a
worker restart is not watched, and its learners are not absent for it (coverage_gap)."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.classroom_rules import ClassroomRules
from app.domain.enums import EventKind
from app.domain.observation import Box, CameraSample, Observation
from app.supervision.engine_actions import ListSink
from app.supervision.observation_input import SupervisedSession
from app.supervision.rules_engine import RulesEngine

START = datetime(2025, 3, 14, 9, 0)
END = datetime(2025, 3, 14, 12, 0)
CAMERA, CLASSROOM, SESSION = 7, 70, 700
A, B = 1, 2
RULES = ClassroomRules(max_absence=timedelta(minutes=15), dropout_tolerance=timedelta(minutes=1))
GAP = timedelta(seconds=5)


def minutes(n: float) -> datetime:
    return START + timedelta(minutes=n)


def engine(sink: ListSink, roster: frozenset[int] = frozenset({A})) -> RulesEngine:
    rules = RulesEngine(sink, {CAMERA: CLASSROOM}, rules=RULES, coverage_gap=GAP)
    rules.add_sessions([SupervisedSession(SESSION, CLASSROOM, START, END, roster)])
    return rules


def samples(rules: RulesEngine, start: float, end: float, present: tuple[int, ...]) -> None:
    """One analysed sample a second from minute `start` to `end` (exclusive), showing `present`."""
    t = minutes(start)
    while t < minutes(end):
        faces = tuple(Observation(CAMERA, t, learner, learner, 0.3, Box(0, 0, 9, 9)) for learner in present)
        rules.observe_sample(CameraSample(CAMERA, t, faces))
        t += timedelta(seconds=1)


def ticks(rules: RulesEngine, start: float, end: float) -> None:
    """The supervision thread's clock ticks every 5 s while no samples come (nobody analyses)."""
    t = minutes(start)
    while t <= minutes(end):
        rules.tick(t)
        t += timedelta(seconds=5)


def test_a_gap_in_analysis_pauses_the_absence_clock() -> None:
    sink = ListSink()
    rules = engine(sink)
    samples(rules, 0, 10, (A,))
    ticks(rules, 10, 40)  # off the page (or the worker restarting) for 30 min: nothing is known
    assert sink.raised(EventKind.ABSENCE) == []
    samples(rules, 40, 54.9, ())  # watched again, A is not there: 14.9 min of watched absence (+5 s)
    assert sink.raised(EventKind.ABSENCE) == []
    samples(rules, 54.9, 55.1, ())  # just over 15 min of WATCHED absence
    [raised] = sink.raised(EventKind.ABSENCE)
    assert raised.event.started_at == minutes(10) - timedelta(seconds=1)  # the last sighting


def test_without_a_gap_the_same_absence_is_raised_after_the_limit() -> None:
    sink = ListSink()
    rules = engine(sink)
    samples(rules, 0, 10, (A,))
    samples(rules, 10, 25.1, ())
    assert len(sink.raised(EventKind.ABSENCE)) == 1


def test_an_open_absence_is_not_extended_over_unwatched_time_and_nothing_is_raised_unwatched() -> None:
    sink = ListSink()
    rules = engine(sink, frozenset({A, B}))
    samples(rules, 0, 1, (A, B))
    samples(rules, 1, 17, (B,))  # A has been gone for 16 watched minutes: raised
    assert [r.event.learner_ids for r in sink.raised(EventKind.ABSENCE)] == [[A]]
    ticks(rules, 17, 60)  # then the camera leaves the page: B is not watched either
    assert all(e.ended_at <= minutes(17) + GAP for e in sink.extended(EventKind.ABSENCE))
    assert [r.event.learner_ids for r in sink.raised(EventKind.ABSENCE)] == [[A]]  # nothing about B
    samples(rules, 60, 61, (A, B))
    [closed] = sink.closed(EventKind.ABSENCE)
    assert closed.ended_at == minutes(60)


def test_a_classroom_never_watched_raises_no_late_arrival() -> None:
    sink = ListSink()
    rules = engine(sink)
    ticks(rules, 0, 120)
    assert sink.raised() == []


def test_a_page_flip_is_not_a_leave() -> None:
    sink = ListSink()
    rules = RulesEngine(
        sink,
        {CAMERA: CLASSROOM},
        rules=ClassroomRules(max_absence=timedelta(minutes=15), max_leaves_per_day=0),
        coverage_gap=GAP,
    )
    rules.add_sessions([SupervisedSession(SESSION, CLASSROOM, START, END, frozenset({A}))])
    for page in range(5):  # the tour: watched 1 min, then 4 min on other pages, A always in her seat
        samples(rules, 5 * page, 5 * page + 1, (A,))
        ticks(rules, 5 * page + 1, 5 * page + 5)
    assert sink.raised() == []
