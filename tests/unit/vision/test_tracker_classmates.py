"""A class enrols many more learners than a camera shows: a learner's face may lie nearer to an absent
classmate's enrolment photo than to her own, in one pose and not in another. Changing poses is not
someone else taking her seat.

The demo's unscripted cameras show a running class's first four learners while its whole roster (~20)
is enrolled. On the replay's room 8 (bench/tracker_replay.py --classmates 16), learner 1 sat upright
0.383 from classmate 1008's photo and 0.419 from his own (threshold 0.3975), and bent over his desk
0.315 from his own: his seat was claimed for 1008, then a FACE_MISMATCH of 1008 "matches another
learner" was raised at distance 0.315, below the threshold, on a camera where nobody changed places.

Embeddings as in test_tracker_identity (threshold 0.5, band 0.55): Carol's photo lies 0.6 from Alice's;
Alice's two poses lie 0.28 apart (one person's classroom views: 0.03-0.30).
"""

from __future__ import annotations

import numpy as np

from app.domain.enums import EventKind
from app.vision.roster import Roster
from app.vision.tracker import FaceTracker
from tests.helpers.tracker_scenes import (
    ALICE,
    BOB,
    CAMERA,
    ENROLLED,
    OTHER_SEAT,
    SEAT,
    SEAT_SHIFTED,
    SETTINGS,
    THRESHOLD,
    Scene,
    near_template,
    seen,
    unit_direction,
)

CAROL = 3  # rostered, not in the room
TOWARDS_CAROL = unit_direction("towards-carol", ENROLLED[ALICE], ENROLLED[BOB])
CAROL_PHOTO = (ENROLLED[ALICE] + 0.6 * TOWARDS_CAROL).astype(np.float32)
CLASS = Roster({ALICE: [ENROLLED[ALICE]], BOB: [ENROLLED[BOB]], CAROL: [CAROL_PHOTO]})
_ASIDE = unit_direction("alice-aside", ENROLLED[ALICE], ENROLLED[BOB], TOWARDS_CAROL)
_DOWN = unit_direction("alice-down", ENROLLED[ALICE], ENROLLED[BOB], TOWARDS_CAROL, _ASIDE)


def _alice(from_alice: float, from_carol: float, turn: float, seed: int) -> np.ndarray:
    """Alice's face `from_alice` from her photo and `from_carol` from Carol's (which lies 0.6 from
    hers), its sideways part turned by `turn` (cosine) towards her looking-down direction."""
    along = (from_alice**2 - from_carol**2 + 0.36) / 1.2
    aside = (from_alice**2 - along**2) ** 0.5 * (turn * _ASIDE + (1 - turn**2) ** 0.5 * _DOWN)
    jitter = unit_direction(
        ("alice-frame", seed), ENROLLED[ALICE], ENROLLED[BOB], TOWARDS_CAROL, _ASIDE, _DOWN
    )
    return (ENROLLED[ALICE] + along * TOWARDS_CAROL + aside + 0.02 * jitter).astype(np.float32)


def test_a_learner_nearer_an_absent_classmate_in_one_pose_is_not_flagged_when_she_looks_down() -> None:
    # The replay's room 8 at this test's threshold (× 0.5 / 0.3975): sitting up 0.482 from Carol's
    # photo and 0.527 from her own, bent over her desk 0.396 from her own and 0.522 from Carol's.
    upright, down = _alice(0.527, 0.482, 1.0, 1), _alice(0.396, 0.522, 0.7954, 1)
    assert CLASS.match(upright, THRESHOLD).learner_id == CAROL  # the photos alone: Carol, sitting up
    assert (CLASS.mean_distance([upright], ALICE) or 0.0) > THRESHOLD
    assert CLASS.match(down, THRESHOLD).learner_id == ALICE  # and Alice, looking down
    band = THRESHOLD * (1 + SETTINGS.identity_hysteresis)
    assert THRESHOLD < (CLASS.mean_distance([down], CAROL) or 0.0) < band
    assert 0.25 < float(np.linalg.norm(upright - down)) < 0.3  # one person's views: 0.03-0.30 apart
    scene = Scene(roster=frozenset({ALICE, BOB, CAROL}))
    scene.tracker = FaceTracker(CAMERA, CLASS, threshold=THRESHOLD, settings=SETTINGS)
    for second in range(0, 150):  # every 12 s she bends over her desk for 4 s (moving: a new box)
        looking_down = second >= 20 and second % 12 < 4
        box = SEAT_SHIFTED if looking_down else SEAT
        face = _alice(0.396, 0.522, 0.7954, second) if looking_down else _alice(0.527, 0.482, 1.0, second)
        scene.sample(second, [(box, face), (OTHER_SEAT, seen(ENROLLED[BOB], 0.3, second))])
    assert scene.raised(EventKind.FACE_MISMATCH) == []
    assert scene.raised(EventKind.UNKNOWN_FACE) == []


def test_a_stranger_resembling_a_seated_learner_is_a_stranger_even_when_her_face_is_missed_once() -> None:
    # The replay's room 15 (--away 80:110): a stranger 0.364 from learner 4's photo sat down while
    # learner 4 sat two seats away. In the one sample where learner 4's face was not detected, the
    # stranger's track was shown as learner 4 (nobody else held 4) and the rules took it for 4's seat;
    # at the next sample 4 was back, the stranger shown as nobody: a FACE_MISMATCH of learner 4 on the
    # stranger's face, while she sat in her own seat all along.
    scene = Scene()
    for second in range(0, 60):
        scene.sample(second, [(SEAT, seen(ENROLLED[ALICE], 0.3, second))])
    for second in range(60, 100):
        stranger = (OTHER_SEAT, near_template(0.27, second))
        missed = second in (64, 65)  # her face not found in these samples
        scene.sample(second, [stranger] if missed else [(SEAT, seen(ENROLLED[ALICE], 0.3, second)), stranger])
    assert scene.raised(EventKind.FACE_MISMATCH) == []
    [(_started, learners)] = scene.raised(EventKind.UNKNOWN_FACE)
    assert learners == []
