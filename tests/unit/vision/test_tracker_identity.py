"""Tracker + rules engine on scripted seats: what officers see from a sequence of sampled faces.

The worker is emulated as analysis_worker.analyse does it: a detection is embedded unless it
overlaps one of the tracker's fresh boxes by the skip overlap. Embeddings are synthetic 128-d vectors
(enrolment: unit vectors; classroom faces: the same with noise), the threshold 0.5.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np

from app.domain.enums import EventKind
from app.vision.roster import Roster
from app.vision.tracker import FaceTracker, TrackedFace
from tests.helpers.tracker_scenes import (
    ALICE,
    BOB,
    CAMERA,
    ENROLLED,
    OTHER_SEAT,
    ROSTER,
    SEAT,
    SEAT_SHIFTED,
    SETTINGS,
    STRANGER,
    SUBSTITUTE,
    THRESHOLD,
    Scene,
    assert_still_alice,
    at,
    bent_over,
    lookalike_face,
    lookalike_view,
    near_template,
    seen,
    unit_direction,
)


def test_bad_frames_do_not_raise_a_mismatch_and_borderline_checks_average_out() -> None:
    scene = Scene()
    # Single checks spread across the threshold (0.36-0.54 from her photo; a fifth of them alone
    # would say "nobody"), and two bad frames in a row (turned away, blurred), each far off in its
    # own direction: odd frames, not one new face.
    offsets = np.random.default_rng(7).uniform(0.36, 0.54, size=300)
    for second in range(0, 300):
        if second in (95, 96):
            vector = (ENROLLED[ALICE] + 0.9 * unit_direction(("odd", second), ENROLLED[ALICE])).astype(
                np.float32
            )
            box = SEAT_SHIFTED
        else:
            vector, box = seen(ENROLLED[ALICE], float(offsets[second]), second), SEAT
        scene.sample(second, [(box, vector)])
    assert scene.raised(EventKind.FACE_MISMATCH) == []
    assert scene.raised(EventKind.UNKNOWN_FACE) == []
    assert scene.raised(EventKind.ABSENCE) == [] and scene.raised(EventKind.LATE_ARRIVAL) == []
    assert scene.embedded < 30  # checks, not every frame: 2 to settle, every 30 s, the odd frames


def test_a_substitute_in_the_same_seat_raises_face_mismatch_of_the_learner_within_3_s() -> None:
    scene = Scene()
    for second in range(0, 71):  # checked at 0 and 1 (settling), 31, 61: the next periodic one is at 91
        scene.sample(second, [(SEAT, seen(ENROLLED[ALICE], 0.3, second))])
    swap = 70.4  # no empty seat in between: someone else simply sits there now
    for second in range(71, 100):
        scene.sample(second, [(SEAT_SHIFTED, seen(SUBSTITUTE, 0.3, second))])
    [(started, learners)] = scene.raised(EventKind.FACE_MISMATCH)
    assert learners == [ALICE] and started - at(swap) <= timedelta(seconds=3)
    assert scene.raised(EventKind.UNKNOWN_FACE) == []  # whose place was taken, not "a stranger"


def test_a_substitute_giving_the_very_same_box_is_caught_at_the_periodic_check() -> None:
    scene = Scene()
    for second in range(0, 45):
        scene.sample(second, [(SEAT, seen(ENROLLED[ALICE], 0.3, second))])
    for second in range(45, 120):
        scene.sample(second, [(SEAT, seen(SUBSTITUTE, 0.3, second))])
    [(started, learners)] = scene.raised(EventKind.FACE_MISMATCH)
    # Alice was checked at 0 and 1 (settling), then every 30 s: at 31, and next at 61 → the
    # substitute's first check, a second one at once (contested), raised at 62.
    assert learners == [ALICE] and started == at(62)


def test_a_substitute_in_the_very_same_box_is_caught_at_once_when_someone_else_moves() -> None:
    scene = Scene()
    for second in range(0, 100):
        faces = []
        if second < 71:
            faces.append((SEAT, seen(ENROLLED[ALICE], 0.3, second)))
        else:  # the substitute shows exactly Alice's box: no pose to notice
            faces.append((SEAT, seen(SUBSTITUTE, 0.3, second)))
        if second < 30 or second >= 71:  # Bob was out, and comes back as the seats change hands
            faces.append((OTHER_SEAT, seen(ENROLLED[BOB], 0.3, 500 + second)))
        scene.sample(second, faces)
    [(started, learners)] = scene.raised(EventKind.FACE_MISMATCH)
    assert learners == [ALICE] and started - at(70.4) <= timedelta(seconds=3)


def test_a_stranger_raises_unknown_face_once_within_3_s_even_when_coming_back() -> None:
    scene = Scene()
    for second in range(0, 200):
        faces = [(OTHER_SEAT, seen(ENROLLED[BOB], 0.3, second))]
        if 20 <= second < 100 or second >= 130:  # sits down at 20, away 100-129, back at 130
            faces.append((SEAT, seen(STRANGER, 0.3, 1000 + second)))
        scene.sample(second, faces)
    [(started, learners)] = scene.raised(EventKind.UNKNOWN_FACE)
    assert learners == [] and started - at(20) <= timedelta(seconds=3)
    assert scene.raised(EventKind.FACE_MISMATCH) == []


def test_a_stranger_like_a_learner_who_left_does_not_inherit_her_track() -> None:
    tracker = FaceTracker(CAMERA, ROSTER, threshold=THRESHOLD, settings=SETTINGS)
    alice_face = seen(ENROLLED[ALICE], 0.45, 1)  # a borderline view of her: 0.45 from her photo
    [alice] = tracker.update(at(0), [TrackedFace(SEAT, 1.0, alice_face)])
    for second in range(1, 7):
        tracker.update(at(second), [])
    assert [t.track_id for t in tracker.lost_tracks] == [alice.track_id]
    # Close to Alice's classroom face (0.29 from it) but beyond the threshold of her enrolment photo.
    lookalike = (alice_face + 0.29 * unit_direction("lookalike", ENROLLED[ALICE], alice_face)).astype(
        np.float32
    )
    assert ROSTER.match(lookalike, THRESHOLD).learner_id is None
    tracker.update(at(10), [TrackedFace(SEAT, 1.0, lookalike)])
    assert tracker.update(at(11), [TrackedFace(SEAT, 1.0, lookalike)]) == []  # just above: not said yet
    [obs] = tracker.update(at(12), [TrackedFace(SEAT, 1.0, lookalike)])
    assert obs.track_id != alice.track_id and obs.learner_id is None
    # Alice herself comes back: her track again.
    [back] = tracker.update(at(13), [TrackedFace(OTHER_SEAT, 1.0, seen(ENROLLED[ALICE], 0.3, 2))])
    assert back.track_id == alice.track_id and back.learner_id == ALICE


def test_a_stranger_resembling_a_learner_who_is_in_the_room_is_a_stranger() -> None:
    for alice_off, twin_off in ((0.3, 0.45), (0.42, 0.39)):  # the twin even a little nearer to her photo
        scene = Scene()
        alice_face = seen(ENROLLED[ALICE], alice_off, 5)
        twin = (ENROLLED[ALICE] + twin_off * unit_direction("twin", ENROLLED[ALICE], alice_face)).astype(
            np.float32
        )
        assert ROSTER.match(twin, THRESHOLD).learner_id == ALICE
        for second in range(0, 60):
            faces = [(OTHER_SEAT, seen(ENROLLED[ALICE], alice_off, second))]
            if second >= 20:  # sits down while Alice is in her seat
                faces.append((SEAT, twin))
            scene.sample(second, faces)
        [(started, learners)] = scene.raised(EventKind.UNKNOWN_FACE)
        assert learners == [] and started - at(20) <= timedelta(seconds=3)
        assert scene.raised(EventKind.FACE_MISMATCH) == [] and scene.raised(EventKind.ABSENCE) == []


def test_a_learner_whose_first_checks_sit_just_above_the_threshold_is_not_called_a_stranger() -> None:
    scene = Scene()
    offsets = [0.52, 0.505, 0.46, 0.47, 0.49, 0.5] + [0.47] * 60  # 0.5 is the threshold
    for second, off in enumerate(offsets):
        scene.sample(second, [(SEAT, seen(ENROLLED[ALICE], off, second))])
    assert scene.raised(EventKind.UNKNOWN_FACE) == [] and scene.raised(EventKind.FACE_MISMATCH) == []
    [track] = scene.tracker.tracks
    assert track.match is not None and track.match.learner_id == ALICE


def test_which_of_a_borderline_learners_first_checks_comes_first_does_not_decide_who_she_is() -> None:
    # Her classroom views sit around the threshold (0.5), their mean above it; one of the first three
    # looks is clearly her. First or second, the outcome must be the same: Alice, no stranger.
    for first_looks in ([0.46, 0.52, 0.53], [0.52, 0.46, 0.53], [0.53, 0.52, 0.46]):
        scene = Scene()
        for second, off in enumerate(first_looks + [0.52] * 40):
            scene.sample(second, [(SEAT, seen(ENROLLED[ALICE], off, second))])
        assert scene.raised(EventKind.UNKNOWN_FACE) == [], first_looks
        [track] = scene.tracker.tracks
        assert track.match is not None and track.match.learner_id == ALICE, first_looks


def test_a_face_that_is_never_within_the_threshold_stays_a_stranger_however_near() -> None:
    scene = Scene()
    for second in range(20):
        scene.sample(second, [(SEAT, seen(ENROLLED[ALICE], 0.53, second))])  # in the band, never inside
    assert len(scene.raised(EventKind.UNKNOWN_FACE)) == 1


# ----- session templates: a look-alike inside the enrolment threshold -----


def test_a_lookalike_substitute_inside_the_threshold_but_far_from_the_session_template_is_flagged() -> None:
    scene = Scene()
    for second in range(0, 71):  # Alice, confidently: checked at 0, 1, 31, 61 → her session template
        scene.sample(second, [(SEAT, seen(ENROLLED[ALICE], 0.3, second))])
    assert scene.tracker.template_distance(ALICE, [seen(ENROLLED[ALICE], 0.3, 999)]) is not None
    swap = 70.4
    for second in range(71, 100):
        face = lookalike_view(0.4, second)
        assert ROSTER.match(face, THRESHOLD).learner_id == ALICE  # the photo alone says Alice
        scene.sample(second, [(SEAT_SHIFTED, face)])
    [(started, learners)] = scene.raised(EventKind.FACE_MISMATCH)
    assert learners == [ALICE] and started - at(swap) <= timedelta(seconds=3)
    assert scene.raised(EventKind.UNKNOWN_FACE) == []  # whose place was taken, not "a stranger"


def test_a_learner_hovering_at_the_threshold_who_matches_his_own_template_is_not_flagged() -> None:
    scene = Scene()
    offsets = np.random.default_rng(11).uniform(0.44, 0.54, size=400)  # 0.5 is the threshold
    for second in range(0, 400):
        off = 0.42 if second < 40 else float(offsets[second])  # confident at first: the template forms
        box = SEAT if (second // 7) % 2 == 0 else SEAT_SHIFTED  # he moves: a check every few seconds
        scene.sample(second, [(box, seen(ENROLLED[ALICE], off, second))])
    assert scene.tracker.template_distance(ALICE, [seen(ENROLLED[ALICE], 0.5, 999)]) is not None
    assert scene.raised(EventKind.FACE_MISMATCH) == [] and scene.raised(EventKind.UNKNOWN_FACE) == []
    assert scene.raised(EventKind.ABSENCE) == []
    [track] = scene.tracker.tracks
    assert track.match is not None and track.match.learner_id == ALICE


def test_without_a_session_template_a_lookalike_is_matched_by_the_enrolment_photo_as_before() -> None:
    scene = Scene()
    for second in range(0, 100):  # Alice was never seen this session: nothing to compare with
        if second == 35:
            assert scene.tracker.template_distance(ALICE, [lookalike_face(0.4)]) is None
        scene.sample(second, [(SEAT, lookalike_view(0.4, second))])
    # The template that forms is the look-alike's own (the first face seen as Alice): it stays Alice.
    assert scene.tracker.template_distance(ALICE, [lookalike_face(0.4)]) is not None
    assert_still_alice(scene)


def test_session_templates_start_again_with_a_new_session_roster() -> None:
    scene = Scene()
    for second in range(0, 71):
        scene.sample(second, [(SEAT, seen(ENROLLED[ALICE], 0.3, second))])
    probe = [seen(ENROLLED[ALICE], 0.3, 999)]
    assert scene.tracker.template_distance(ALICE, probe) is not None
    scene.tracker.set_roster(ROSTER, THRESHOLD + 0.01)  # recalibration, same session: kept
    assert scene.tracker.template_distance(ALICE, probe) is not None
    scene.tracker.set_roster(Roster({learner: [vector] for learner, vector in ENROLLED.items()}))
    assert scene.tracker.template_distance(ALICE, probe) is None  # another session: the photo decides


def test_a_borderline_learner_looking_down_is_not_voted_someone_else() -> None:
    # Upright she is 0.48 from her photo (threshold 0.5): identified, but never confidently enough for a
    # session template. Every 12 s she looks down at her desk for 4 s, moving (a new box: checked), and
    # is then 0.51-0.54 from her photo (outside the threshold), still nearest to her, and ~0.3 from her
    # upright views. Two such checks in a row used to change the track's face: FACE_MISMATCH.
    scene = Scene()
    for second in range(0, 150):
        looking_down = second >= 20 and second % 12 < 4
        if looking_down:
            face, box = bent_over(0.51 + 0.01 * (second % 4), second), SEAT_SHIFTED
        else:
            face, box = seen(ENROLLED[ALICE], 0.48, second), SEAT
        assert ROSTER.match(face, THRESHOLD).nearest_learner_id == ALICE
        scene.sample(second, [(box, face)])
    assert scene.tracker.template_distance(ALICE, [seen(ENROLLED[ALICE], 0.48, 999)]) is None
    assert_still_alice(scene)


def test_a_substitute_just_beyond_the_threshold_is_voted_out_once_they_stay() -> None:
    # Someone 0.54 from Alice's photo sits in her seat and stays: weak votes, like her looking down,
    # but lasting longer than a look at the desk.
    scene = Scene()
    for second in range(0, 40):
        scene.sample(second, [(SEAT, seen(ENROLLED[ALICE], 0.48, second))])
    for second in range(40, 70):
        scene.sample(second, [(SEAT_SHIFTED, bent_over(0.54, second))])
    [(started, learners)] = scene.raised(EventKind.FACE_MISMATCH)
    span = timedelta(seconds=SETTINGS.weak_vote_span_s)
    assert learners == [ALICE] and span <= started - at(40) <= span + timedelta(seconds=2)


def test_a_substitute_clearly_beyond_the_threshold_is_voted_out_at_once() -> None:
    scene = Scene()
    for second in range(0, 40):
        scene.sample(second, [(SEAT, seen(ENROLLED[ALICE], 0.48, second))])
    for second in range(40, 60):  # 0.65 from her photo: beyond a weak vote's margin (0.6)
        scene.sample(second, [(SEAT_SHIFTED, bent_over(0.65, second))])
    [(started, learners)] = scene.raised(EventKind.FACE_MISMATCH)
    assert learners == [ALICE] and started - at(40) <= timedelta(seconds=3)


def test_a_substitute_just_beyond_the_threshold_but_far_from_her_template_is_voted_out_at_once() -> None:
    scene = Scene()
    for second in range(0, 71):  # Alice, confidently: her session template forms
        scene.sample(second, [(SEAT, seen(ENROLLED[ALICE], 0.3, second))])
    for second in range(71, 90):  # 0.54 from her photo (a weak margin), ~0.6 from her template
        face = lookalike_view(0.54, second)
        apart = scene.tracker.template_distance(ALICE, [face])
        assert apart is not None and apart > SETTINGS.weak_vote_template
        scene.sample(second, [(SEAT_SHIFTED, face)])
    [(started, learners)] = scene.raised(EventKind.FACE_MISMATCH)
    assert learners == [ALICE] and started - at(71) <= timedelta(seconds=3)


def test_after_the_vote_a_new_face_in_the_grey_band_is_reported_with_the_vote() -> None:
    # The two disagreeing checks that changed the seat's face are its checks: waiting for a third
    # (as for a newcomer in the band) only delayed the FACE_MISMATCH by a check.
    scene = Scene()
    for second in range(0, 71):
        scene.sample(second, [(SEAT, seen(ENROLLED[ALICE], 0.3, second))])
    for second in range(71, 80):  # 0.54 from her photo: in the band (0.5 × 1.1), far from her template
        scene.sample(second, [(SEAT_SHIFTED, lookalike_view(0.54, second))])
    [(started, learners)] = scene.raised(EventKind.FACE_MISMATCH)
    assert learners == [ALICE] and started == at(72)  # checked at 71 and 72 (in doubt: every sample)


def test_a_lookalike_near_her_template_is_voted_out_once_he_stays_and_she_is_herself_when_back() -> None:
    # The demo's camera 13: the man who replaced learner 152 lies 0.38-0.43 from 152's photo (inside the
    # threshold for about half his views) and 0.27-0.31 from 152's session template, never nearer; 152's
    # own views lie within 0.15 of it. Inside the template's radius (0.3), so only his staying says it.
    scene = Scene()
    for second in range(0, 71):
        scene.sample(second, [(SEAT, seen(ENROLLED[ALICE], 0.3, second))])
    for second in range(71, 100):
        face = near_template(0.27, second)
        assert ROSTER.match(face, THRESHOLD).learner_id == ALICE  # the photo alone says Alice
        apart = scene.tracker.template_distance(ALICE, [face])
        assert apart is not None and SETTINGS.template_doubt < apart < SETTINGS.template_distance
        scene.sample(second, [(SEAT_SHIFTED, face)])
    [(started, learners)] = scene.raised(EventKind.FACE_MISMATCH)
    span = timedelta(seconds=SETTINGS.weak_vote_span_s)
    assert learners == [ALICE] and span <= started - at(71) <= span + timedelta(seconds=2)
    [track] = scene.tracker.tracks
    assert track.match is not None and track.match.learner_id is None  # not Alice, though her photo says so
    # The wall's tour brings the camera back and the service hands its roster again: still not Alice.
    scene.tracker.set_roster(ROSTER, THRESHOLD)
    assert track.match is not None and track.match.learner_id is None and track.replaced == ALICE
    for second in range(100, 130):  # the look-alike leaves and Alice sits down again in the same seat
        scene.sample(second, [(SEAT, seen(ENROLLED[ALICE], 0.3, 2000 + second))])
    [track] = scene.tracker.tracks
    assert track.match is not None and track.match.learner_id == ALICE and track.replaced is None
    assert len(scene.raised(EventKind.FACE_MISMATCH)) == 1 and scene.raised(EventKind.UNKNOWN_FACE) == []


def test_a_learner_who_strays_from_her_template_for_a_few_seconds_keeps_her_seat() -> None:
    # Looking down, the replay's movers lay 0.23-0.33 from their templates for ~4 s at a time.
    scene = Scene()
    for second in range(0, 200):
        straying = second >= 40 and second % 12 < 4
        face = near_template(0.27, second) if straying else seen(ENROLLED[ALICE], 0.3, second)
        scene.sample(second, [(SEAT_SHIFTED if straying else SEAT, face)])
    assert_still_alice(scene)


def test_a_stranger_in_the_grey_band_of_a_learner_seated_elsewhere_is_called_a_stranger_at_once() -> None:
    # Just beyond Alice's threshold (0.52 against 0.5): were Alice not in the room, this could be her on
    # a bad day, and a third check is asked for. She sits two seats away: it is someone else.
    for alice_in_the_room, expected_at in ((True, 21), (False, 22)):
        scene = Scene()
        twin = (ENROLLED[ALICE] + 0.52 * unit_direction("grey-twin", ENROLLED[ALICE])).astype(np.float32)
        assert ROSTER.match(twin, THRESHOLD).learner_id is None
        for second in range(0, 30):
            faces = [(OTHER_SEAT, seen(ENROLLED[ALICE], 0.3, second))] if alice_in_the_room else []
            if second >= 20:
                faces.append(
                    (SEAT, (twin + 0.02 * unit_direction(("grey", second), twin)).astype(np.float32))
                )
            scene.sample(second, faces)
        [(started, learners)] = scene.raised(EventKind.UNKNOWN_FACE)
        assert learners == [] and started == at(expected_at), alice_in_the_room
