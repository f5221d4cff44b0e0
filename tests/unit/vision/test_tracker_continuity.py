"""A track is a seat only while the camera is watched: across a gap in analysis (the camera off the
wall's page, a worker restart) its occupant may have changed without anyone seeing the seat empty.

The analysis service keeps a camera's tracker for 2 min after it leaves the page (the tour comes back).
On the replay (bench/tracker_replay.py --classmates 16 --away 80:110: page 2 from the two-out phase
to the stranger phase), every classroom raised a FACE_MISMATCH of the learner who had left while
nobody watched, at the second the wall came back (13 events in one burst on 12 classrooms): the
stranger now in his seat continued his track and was voted "someone else in his place". A doubt
from before the gap was also counted together with one after it as if they had lasted the whole gap.
"""

from __future__ import annotations

from datetime import timedelta

from app.domain.enums import EventKind
from tests.helpers.tracker_scenes import (
    ALICE,
    BOB,
    ENROLLED,
    OTHER_SEAT,
    SEAT,
    SEAT_SHIFTED,
    SETTINGS,
    STRANGER,
    Scene,
    assert_still_alice,
    at,
    bent_over,
    seen,
)


def _away(scene: Scene, start: int, end: int) -> None:
    """The wall shows another page: no samples; the rules' clock ticks every second."""
    for second in range(start, end):
        scene.rules.tick(at(second))


def test_after_a_gap_a_stranger_in_a_learners_seat_is_a_stranger_not_her_substitute() -> None:
    scene = Scene()
    for second in range(0, 60):
        scene.sample(
            second,
            [(SEAT, seen(ENROLLED[ALICE], 0.3, second)), (OTHER_SEAT, seen(ENROLLED[BOB], 0.3, second))],
        )
    _away(scene, 60, 150)  # meanwhile Alice left, and later a stranger sat down in her seat
    for second in range(150, 170):
        scene.sample(second, [(SEAT, STRANGER), (OTHER_SEAT, seen(ENROLLED[BOB], 0.3, second))])
    assert scene.raised(EventKind.FACE_MISMATCH) == []  # nobody saw him take her place
    [(started, learners)] = scene.raised(EventKind.UNKNOWN_FACE)
    assert learners == [] and started - at(150) <= timedelta(seconds=2)


def test_after_a_gap_the_learner_still_in_her_seat_keeps_her_track_and_nothing_is_raised() -> None:
    scene = Scene()
    for second in range(0, 60):
        scene.sample(second, [(SEAT, seen(ENROLLED[ALICE], 0.3, second))])
    [before] = scene.tracker.tracks
    _away(scene, 60, 150)
    for second in range(150, 200):
        scene.sample(second, [(SEAT, seen(ENROLLED[ALICE], 0.3, second))])
    assert_still_alice(scene)
    [after] = scene.tracker.tracks
    assert after.track_id == before.track_id
    assert scene.sink.raised() == []


def test_a_doubt_from_before_a_gap_does_not_add_up_with_one_after_it() -> None:
    # A borderline learner looking down gives weak votes, which change her face only once they have
    # lasted 6 s (longer than a look at the desk). One just before the gap and one after it had
    # "lasted" the whole gap.
    scene = Scene()
    for second in range(0, 40):
        scene.sample(second, [(SEAT, seen(ENROLLED[ALICE], 0.48, second))])
    scene.sample(40, [(SEAT_SHIFTED, bent_over(0.52, 40))])
    _away(scene, 41, 80)
    scene.sample(80, [(SEAT_SHIFTED, bent_over(0.52, 80))])
    for second in range(81, 120):
        scene.sample(second, [(SEAT, seen(ENROLLED[ALICE], 0.48, second))])
    assert scene.raised(EventKind.FACE_MISMATCH) == [] and scene.raised(EventKind.UNKNOWN_FACE) == []
    assert SETTINGS.weak_vote_span_s < 40
