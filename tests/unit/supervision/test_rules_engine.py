"""The rules engine on scripted observation sequences: boundaries, closing, and no floods."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.classroom_rules import ClassroomRules
from app.domain.enums import EventKind, Severity
from app.domain.observation import Box, Observation
from app.supervision.engine_actions import CloseEvent, ExtendEvent, ListSink, RaiseEvent
from app.supervision.observation_input import FaceImages, SupervisedSession
from app.supervision.rules_engine import RulesEngine, local_naive

START = datetime(2025, 3, 14, 9, 0)
END = datetime(2025, 3, 14, 12, 0)
CAMERA, CLASSROOM, SESSION = 7, 70, 700
A, B, C = 1, 2, 3  # A and B are rostered; C is enrolled elsewhere
RULES = ClassroomRules(
    max_late=timedelta(minutes=30),
    max_early_leave=timedelta(minutes=30),
    max_absence=timedelta(minutes=15),
    max_leaves_per_day=2,
)


def obs(at: datetime, learner: int | None, *, track: int = 1, distance: float = 0.3) -> Observation:
    return Observation(CAMERA, at, track, learner, distance, Box(0, 0, 10, 10))


def minutes(n: float) -> datetime:
    return START + timedelta(minutes=n)


def engine(sink: ListSink, roster: frozenset[int] = frozenset({A}), **kwargs: object) -> RulesEngine:
    rules_engine = RulesEngine(sink, {CAMERA: CLASSROOM}, rules=RULES, **kwargs)  # type: ignore[arg-type]
    rules_engine.add_sessions([SupervisedSession(SESSION, CLASSROOM, START, END, roster)])
    return rules_engine


def present(rules_engine: RulesEngine, learner: int, start: float, end: float, step: float = 0.5) -> None:
    """`learner` seen every `step` minutes from `start` to `end` (inclusive), on track `learner`."""
    t = start
    while t <= end:
        rules_engine.observe(obs(minutes(t), learner, track=learner))
        t += step


def test_absence_exactly_the_threshold_is_tolerated_and_just_over_raises_once() -> None:
    sink = ListSink()
    rules_engine = engine(sink)
    present(rules_engine, A, 0, 10)
    rules_engine.tick(minutes(25))  # exactly 15 min since the last sighting
    assert sink.raised(EventKind.ABSENCE) == []
    rules_engine.tick(minutes(25) + timedelta(seconds=1))
    rules_engine.tick(minutes(26))
    rules_engine.tick(minutes(40))
    raised = sink.raised(EventKind.ABSENCE)
    assert len(raised) == 1
    event = raised[0].event
    assert event.started_at == minutes(10) and event.learner_ids == [A]
    assert event.classroom_id == CLASSROOM and event.session_id == SESSION
    assert event.history[0].actor_id is None and event.engine == "classroom-rules/1"
    # Kept up to date while it lasts (throttled to one update per 30 s of engine time).
    assert [e.ended_at for e in sink.extended(EventKind.ABSENCE)] == [minutes(26), minutes(40)]


def test_reappearance_closes_the_absence_with_its_duration() -> None:
    sink = ListSink()
    rules_engine = engine(sink)
    present(rules_engine, A, 0, 10)
    present(rules_engine, A, 40, 60)
    [close] = sink.closed(EventKind.ABSENCE)
    assert close.ended_at == minutes(40)
    assert "30 min" in close.note
    assert sink.raised(EventKind.ABSENCE)[0].event.started_at == minutes(10)


def test_short_dropouts_are_not_leaves_but_a_third_leave_is_too_often() -> None:
    sink = ListSink()
    rules_engine = engine(sink)
    present(rules_engine, A, 0, 10)
    present(rules_engine, A, 10.5 + 0.5, 20)  # a 1-minute gap: the dropout tolerance, not a leave
    for back in (25, 35, 45):  # three 5-minute leaves
        present(rules_engine, A, back, back + 5)
    [raised] = sink.raised(EventKind.LEFT_TOO_OFTEN)
    assert raised.event.started_at == minutes(40) and raised.event.ended_at == minutes(45)
    assert "3 times" in raised.note
    present(rules_engine, A, 55, 60)  # a fourth leave raises nothing more that day
    assert len(sink.raised(EventKind.LEFT_TOO_OFTEN)) == 1


def test_late_arrival_exactly_30_min_is_fine_and_just_over_opens_then_closes_on_arrival() -> None:
    sink = ListSink()
    rules_engine = engine(sink, frozenset({A, B}))
    rules_engine.tick(minutes(30))
    assert sink.raised(EventKind.LATE_ARRIVAL) == []
    rules_engine.observe(obs(minutes(30), B, track=2))  # B arrives at exactly +30: not late
    rules_engine.tick(minutes(30) + timedelta(seconds=1))
    [late] = sink.raised(EventKind.LATE_ARRIVAL)
    assert late.event.learner_ids == [A] and late.event.started_at == START
    rules_engine.observe(obs(minutes(42), A, track=1))
    [close] = sink.closed(EventKind.LATE_ARRIVAL)
    assert close.ended_at == minutes(42) and "42 min" in close.note
    assert sink.raised(EventKind.ABSENCE) == []  # being late is not also an absence


def test_early_leave_is_known_at_the_end_and_open_events_close() -> None:
    sink = ListSink()
    rules_engine = engine(sink, frozenset({A, B}))
    for step in range(0, 301):  # interleaved, as a camera sees them; the engine's time only moves on
        t = step * 0.5
        for learner, leaves_at in ((A, 150), (B, 140)):  # A 30 min early: tolerated; B 40 min early
            if t <= leaves_at:
                rules_engine.observe(obs(minutes(t), learner, track=learner))
    rules_engine.tick(END + timedelta(minutes=1))
    [early] = sink.raised(EventKind.EARLY_LEAVE)
    assert early.event.learner_ids == [B]
    assert early.event.started_at == minutes(140) and early.event.ended_at == END
    absence_closes = sink.closed(EventKind.ABSENCE)
    assert {c.key.subject for c in absence_closes} == {str(A), str(B)}
    assert all(c.ended_at == END for c in absence_closes)
    rules_engine.tick(END + timedelta(minutes=5))  # finished sessions raise nothing more
    assert len(sink.raised()) == 3


def test_never_arriving_closes_the_late_event_at_the_end() -> None:
    sink = ListSink()
    rules_engine = engine(sink)
    for t in range(0, 200, 5):
        rules_engine.tick(minutes(t))
    [late] = sink.raised(EventKind.LATE_ARRIVAL)
    [close] = sink.closed(EventKind.LATE_ARRIVAL)
    assert late.event.started_at == START and close.ended_at == END and close.note == "never arrived"


def test_mismatch_flapping_produces_one_event_with_the_best_snapshot() -> None:
    sink = ListSink()
    rules_engine = engine(sink, frozenset({A, B}))
    rules_engine.observe(obs(minutes(1), A, track=5))  # the track is verified as A
    sequence = [B, A, B, B, A, B, B, None, A, B]
    for n, learner in enumerate(sequence):
        distance = 0.5 - n * 0.01
        images = FaceImages(face_path=f"/snap/{n}.jpg")
        rules_engine.observe(obs(minutes(2 + n), learner, track=5, distance=distance), images)
    [raised] = sink.raised(EventKind.FACE_MISMATCH)
    assert raised.event.learner_ids == [A, B] and raised.event.severity is Severity.HIGH
    assert raised.event.started_at == minutes(5)  # the second B in a row
    snapshots = [e.snapshot_path for e in sink.extended(EventKind.FACE_MISMATCH) if e.snapshot_path]
    assert snapshots[-1] == "/snap/9.jpg"  # the clearest picture of the other learner
    rules_engine.tick(END)
    [close] = sink.closed(EventKind.FACE_MISMATCH)
    assert close.ended_at == minutes(11)


def test_distance_exactly_the_threshold_matches_and_just_over_does_not() -> None:
    sink = ListSink()
    rules_engine = engine(sink, match_threshold=0.6, mismatch_confirmations=1)
    rules_engine.observe(obs(minutes(1), A, track=1, distance=0.6))
    rules_engine.observe(obs(minutes(2), A, track=1, distance=0.6))
    assert sink.raised() == []
    rules_engine.observe(obs(minutes(3), A, track=1, distance=0.6001))
    [raised] = sink.raised(EventKind.FACE_MISMATCH)
    assert raised.event.learner_ids == [A] and raised.event.distance == pytest.approx(0.6001)


def test_unknown_faces_raise_one_event_per_camera_and_session() -> None:
    sink = ListSink()
    rules_engine = engine(sink)
    rules_engine.observe(obs(minutes(1), None, track=8, distance=0.9))
    assert sink.raised() == []  # one look is not enough: a blurred first frame happens
    rules_engine.observe(obs(minutes(2), None, track=8, distance=0.9))
    for track in range(9, 20):  # re-tracks and more strangers extend the same event
        rules_engine.observe(obs(minutes(track), C, track=track, distance=0.2))
    [raised] = sink.raised(EventKind.UNKNOWN_FACE)
    assert raised.event.learner_ids == [] and raised.event.camera_id == CAMERA
    assert sink.raised(EventKind.FACE_MISMATCH) == []


def test_an_unknown_face_event_ends_when_the_stranger_is_gone_and_a_later_one_raises_anew() -> None:
    sink = ListSink()
    rules_engine = engine(sink)  # RULES: strangers are gone after the default 2 min
    for second in range(0, 60, 10):  # a stranger for a minute (re-tracked once)
        rules_engine.observe(
            obs(minutes(1) + timedelta(seconds=second), None, track=8 + second // 30, distance=0.9)
        )
    left = minutes(1) + timedelta(seconds=50)
    rules_engine.tick(left + timedelta(minutes=2))  # exactly the limit: still open
    assert sink.closed(EventKind.UNKNOWN_FACE) == []
    rules_engine.tick(left + timedelta(minutes=2, seconds=1))
    [closed] = sink.closed(EventKind.UNKNOWN_FACE)
    assert closed.ended_at == left  # the event spans the stranger's visit
    for minute in (10, 11):  # another stranger later: an event of its own
        rules_engine.observe(obs(minutes(minute), None, track=20, distance=0.8))
    assert len(sink.raised(EventKind.UNKNOWN_FACE)) == 2


def test_snapshots_are_written_through_the_injected_writer() -> None:
    written: dict[str, bytes] = {}

    class Writer:
        def write(self, name: str, data: bytes) -> str:
            written[name] = data
            return f"/evidence/{name}"

    sink = ListSink()
    rules_engine = engine(sink, snapshots=Writer(), unknown_confirmations=1)
    rules_engine.observe(obs(minutes(1), None, distance=0.9), FaceImages(b"face", b"frame"))
    [raised] = sink.raised(EventKind.UNKNOWN_FACE)
    assert raised.event.snapshot_path.endswith("_face.jpg") and raised.event.frame_path.endswith("_frame.jpg")
    assert sorted(written.values()) == [b"face", b"frame"]
    assert all(name.startswith("2025-03-14_") for name in written)


def test_aware_utc_observations_are_compared_in_local_time() -> None:
    sink = ListSink()
    rules_engine = engine(sink)
    local = minutes(5)
    aware = local.astimezone(UTC)  # naive → treated as local by astimezone
    rules_engine.observe(obs(aware, A))
    assert local_naive(aware) == local
    rules_engine.tick(minutes(21))
    assert sink.raised(EventKind.ABSENCE)[0].event.started_at == local


def test_observations_outside_any_session_are_ignored_and_actions_are_typed() -> None:
    sink = ListSink()
    rules_engine = engine(sink)
    rules_engine.observe(obs(END + timedelta(hours=1), None, distance=0.9))
    rules_engine.observe(Observation(99, minutes(1), 1, None, 0.9, Box(0, 0, 1, 1)))  # unknown camera
    assert all(isinstance(a, RaiseEvent | ExtendEvent | CloseEvent) for a in sink.actions)
    assert sink.raised(EventKind.UNKNOWN_FACE) == []


def test_camera_samples_feed_faces_then_the_clock() -> None:
    from app.domain.observation import CameraSample
    from app.domain.study import ClassSession

    sink = ListSink()
    rules_engine = RulesEngine(sink, {CAMERA: CLASSROOM}, rules=RULES)
    rules_engine.add_sessions(
        [SupervisedSession.of(ClassSession(SESSION, CLASSROOM, START.date(), START, END, [A]))]
    )
    rules_engine.observe_sample(CameraSample(CAMERA, minutes(1), (obs(minutes(1), A),)))
    rules_engine.observe_sample(CameraSample(CAMERA, minutes(17), ()))  # nobody visible for 16 min
    [raised] = sink.raised(EventKind.ABSENCE)
    assert raised.event.started_at == minutes(1)


def test_the_pictures_a_camera_sample_carries_become_the_events_snapshots(tmp_path: Path) -> None:
    """The live path: the analysis service puts the frame and face JPEGs in the CameraSample; an event
    raised from it must keep them (a live event without a picture is no evidence)."""
    from app.domain.observation import CameraSample
    from app.supervision.observation_input import DirectorySnapshotWriter

    sink = ListSink()
    rules_engine = engine(sink, snapshots=DirectorySnapshotWriter(tmp_path), unknown_confirmations=1)
    stranger = obs(minutes(1), None, track=7, distance=0.9)
    rules_engine.observe_sample(
        CameraSample(CAMERA, minutes(1), (stranger,), frame_jpeg=b"frame-jpeg", face_jpegs={7: b"face-jpeg"})
    )
    [raised] = sink.raised(EventKind.UNKNOWN_FACE)
    assert Path(raised.event.snapshot_path).read_bytes() == b"face-jpeg"
    assert Path(raised.event.frame_path).read_bytes() == b"frame-jpeg"


def test_of_two_classes_at_once_in_one_room_the_faces_count_for_the_one_that_began_first() -> None:
    # A class overrunning into the next one (live analysis matches faces against the first's roster).
    later = SupervisedSession(701, CLASSROOM, minutes(60), minutes(240), frozenset({B}))
    for order in ("later first", "earlier first"):
        sink = ListSink()
        rules_engine = RulesEngine(sink, {CAMERA: CLASSROOM}, rules=RULES)
        first = SupervisedSession(SESSION, CLASSROOM, START, END, frozenset({A}))
        rules_engine.add_sessions([later, first] if order == "later first" else [first, later])
        rules_engine.observe(obs(minutes(70), None, track=8, distance=0.9))
        rules_engine.observe(obs(minutes(71), None, track=8, distance=0.9))
        [raised] = sink.raised(EventKind.UNKNOWN_FACE)
        assert raised.event.session_id == SESSION, order
