"""FaceTracker on scripted detections: association, lifecycle, periodic re-verification, roster matching."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np

from app.domain.observation import Box
from app.vision.roster import Roster
from app.vision.tracker import FaceTracker, TrackedFace, TrackerSettings, TrackState, iou

T0 = datetime(2025, 3, 14, 9, 0, 0)


def vec(*values: float) -> np.ndarray:
    v = np.zeros(128, dtype=np.float32)
    v[: len(values)] = values
    return v


ALICE, BOB, CAROL = vec(1.0), vec(0.0, 1.0), vec(0.0, 0.0, 1.0)
ROSTER = Roster({1: [ALICE], 2: [BOB, vec(0.0, 0.9)]})


def at(second: float) -> datetime:
    return T0 + timedelta(seconds=second)


def test_iou() -> None:
    assert iou(Box(0, 0, 10, 10), Box(0, 0, 10, 10)) == 1.0
    assert iou(Box(0, 0, 10, 10), Box(10, 10, 20, 20)) == 0.0
    assert abs(iou(Box(0, 0, 10, 10), Box(5, 0, 15, 10)) - 50 / 150) < 1e-9


def test_roster_match_nearest_second_best_and_threshold() -> None:
    match = ROSTER.match(vec(0.95, 0.1), threshold=0.6)
    assert match.learner_id == 1
    assert match.second_best_learner_id == 2
    assert match.distance is not None and match.distance < 0.2
    assert match.second_best_distance is not None and match.second_best_distance > 1.0
    stranger = ROSTER.match(CAROL, threshold=0.6)
    assert stranger.learner_id is None and stranger.nearest_learner_id in (1, 2)
    assert Roster().match(ALICE, 0.6).distance is None


def test_a_face_with_a_roster_match_is_confirmed_at_once_and_keeps_its_track() -> None:
    tracker = FaceTracker(7, ROSTER, threshold=0.6, engine_id="e1")
    first = tracker.update(at(0), [TrackedFace(Box(100, 100, 180, 180), 1.0, ALICE)])
    assert [o.learner_id for o in first] == [1]
    assert first[0].camera_id == 7 and first[0].engine_id == "e1" and first[0].second_best_learner_id == 2
    track_id = first[0].track_id
    # Next samples: same seat, slightly moved, no embedding (the worker skipped it): same identity.
    for second in (1, 2, 3):
        obs = tracker.update(at(second), [TrackedFace(Box(104, 102, 184, 182))])
        assert [(o.track_id, o.learner_id) for o in obs] == [(track_id, 1)]
        assert obs[0].verified_at == at(0)


def test_unknown_faces_are_tentative_until_seen_twice() -> None:
    tracker = FaceTracker(1, ROSTER, threshold=0.6)
    assert tracker.update(at(0), [TrackedFace(Box(0, 0, 50, 50), 1.0, CAROL)]) == []
    obs = tracker.update(at(1), [TrackedFace(Box(2, 0, 52, 50))])
    assert len(obs) == 1 and obs[0].learner_id is None and obs[0].is_unknown
    assert obs[0].distance is not None and obs[0].distance > 0.6


def test_fresh_boxes_ask_for_re_verification_after_the_interval() -> None:
    tracker = FaceTracker(1, ROSTER, threshold=0.5, settings=TrackerSettings(recheck_interval_s=30))
    tracker.update(at(0), [TrackedFace(Box(0, 0, 50, 50), 1.0, ALICE)])
    # Young: checked again at the next sample, but not on a frame a moment later (one look, not two).
    assert tracker.fresh_boxes(at(0.5)) == [Box(0, 0, 50, 50)]
    assert tracker.fresh_boxes(at(0.9)) == []
    tracker.update(at(1), [TrackedFace(Box(0, 0, 50, 50), 1.0, vec(0.99, 0.02))])
    for second in range(2, 31):  # watched every second, the face carried by its box meanwhile
        assert tracker.fresh_boxes(at(second)) == [Box(0, 0, 50, 50)]
        tracker.update(at(second), [TrackedFace(Box(0, 0, 50, 50))])
    assert tracker.fresh_boxes(at(31)) == []  # due: the worker embeds it again
    # The re-check's face is another one (0.64 from ALICE, beyond a weak vote's margin; far from the
    # track's face): one such check is not enough to change the identity, but the track is looked at
    # again at once.
    [obs] = tracker.update(at(31), [TrackedFace(Box(0, 0, 50, 50), 1.0, vec(0.6, 0.0, 0.5))])
    track = tracker.tracks[0]
    assert track.verified_at == at(31) and track.history == [1, 1, None]
    assert obs.learner_id == 1 and tracker.fresh_boxes(at(31.3)) == []  # a vote pending: no spacing
    [obs] = tracker.update(at(32), [TrackedFace(Box(0, 0, 50, 50), 1.0, vec(0.58, 0.0, 0.52))])
    assert obs.track_id == track.track_id and obs.learner_id is None and obs.agreeing_checks == 2


def test_a_different_person_in_the_same_seat_keeps_the_seat_track_and_changes_identity_by_vote() -> None:
    tracker = FaceTracker(1, ROSTER)
    tracker.update(at(0), [TrackedFace(Box(0, 0, 50, 50), 1.0, ALICE)])
    [alice] = tracker.update(at(1), [TrackedFace(Box(0, 0, 50, 50), 1.0, ALICE)])
    obs = tracker.update(at(2), [TrackedFace(Box(0, 0, 50, 50), 1.0, BOB)])
    assert [(o.track_id, o.learner_id) for o in obs] == [(alice.track_id, 1)]  # one check: not yet
    obs = tracker.update(at(3), [TrackedFace(Box(0, 0, 50, 50), 1.0, BOB)])
    assert [(o.track_id, o.learner_id, o.agreeing_checks) for o in obs] == [(alice.track_id, 2, 2)]


def test_tracks_are_lost_after_max_misses_and_revived_by_embedding() -> None:
    tracker = FaceTracker(1, ROSTER, settings=TrackerSettings(max_misses=2))
    [first] = tracker.update(at(0), [TrackedFace(Box(0, 0, 50, 50), 1.0, ALICE)])
    tracker.update(at(1), [])
    assert tracker.tracks[0].state is TrackState.CONFIRMED
    tracker.update(at(2), [])
    assert tracker.tracks == [] and [t.track_id for t in tracker.lost_tracks] == [first.track_id]
    # She comes back somewhere else in the room: same track id thanks to her embedding.
    [back] = tracker.update(at(5), [TrackedFace(Box(300, 10, 350, 60), 1.0, vec(0.98, 0.05))])
    assert back.track_id == first.track_id and back.learner_id == 1
    assert tracker.lost_tracks == []


def test_two_faces_are_associated_by_overlap_not_order() -> None:
    tracker = FaceTracker(1, ROSTER)
    obs = tracker.update(
        at(0), [TrackedFace(Box(0, 0, 50, 50), 1.0, ALICE), TrackedFace(Box(200, 0, 250, 50), 1.0, BOB)]
    )
    ids = {o.learner_id: o.track_id for o in obs}
    swapped = tracker.update(at(1), [TrackedFace(Box(202, 0, 252, 50)), TrackedFace(Box(1, 1, 51, 51))])
    assert {o.learner_id: o.track_id for o in swapped} == ids


def test_a_new_roster_rematches_existing_tracks() -> None:
    tracker = FaceTracker(1, Roster(), threshold=0.6)
    tracker.update(at(0), [TrackedFace(Box(0, 0, 50, 50), 1.0, ALICE)])
    [unknown] = tracker.update(at(1), [TrackedFace(Box(0, 0, 50, 50))])
    assert unknown.learner_id is None and unknown.distance is None
    tracker.set_roster(ROSTER)
    [known] = tracker.update(at(2), [TrackedFace(Box(0, 0, 50, 50))])
    assert known.learner_id == 1
