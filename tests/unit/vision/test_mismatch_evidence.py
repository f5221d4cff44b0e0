"""A FACE_MISMATCH (替学) of learner L shows the measure it was raised on: how far the face now in L's
seat lies from L's enrolment photo, against the threshold, and when the photo alone would still take
it, how far it lies from L's classroom views this session (the look-alike rule).

The event used to carry the face's distance to its NEAREST learner: for a substitute resembling
another learner, that learner's distance (under the threshold), and for a look-alike, L's own photo
distance (under the threshold) with nothing saying why it was not L. The demo showed "人脸不符,
distance 0.373" against a threshold of 0.398, which the console's own threshold reads as a match.
"""

from __future__ import annotations

import re

from app.domain.enums import EventKind
from tests.helpers.tracker_scenes import (
    ALICE,
    BOB,
    ENROLLED,
    ROSTER,
    SEAT,
    SEAT_SHIFTED,
    THRESHOLD,
    Scene,
    lookalike_view,
    seen,
)


def _raised_mismatch(scene: Scene) -> tuple[float, str, list[int]]:
    [raised] = scene.sink.raised(EventKind.FACE_MISMATCH)
    assert raised.event.distance is not None
    return raised.event.distance, raised.note, raised.event.learner_ids


def test_a_substitute_resembling_another_learner_is_shown_with_his_distance_from_the_learners_photo() -> None:
    scene = Scene()
    for second in range(0, 71):
        scene.sample(second, [(SEAT, seen(ENROLLED[ALICE], 0.3, second))])
    for second in range(71, 90):  # someone who looks like Bob's photo (Bob is not here) sits down
        scene.sample(second, [(SEAT_SHIFTED, seen(ENROLLED[BOB], 0.3, second))])
    distance, note, learners = _raised_mismatch(scene)
    assert learners == [ALICE, BOB]
    from_alice = ROSTER.mean_distance([seen(ENROLLED[BOB], 0.3, 80)], ALICE)
    assert from_alice is not None and abs(distance - from_alice) < 0.05  # Alice's photo, not Bob's
    assert distance > THRESHOLD
    assert f"threshold {THRESHOLD:.3f}" in note and "0.3" in note  # and whom he resembles, how much


def test_a_lookalike_inside_the_threshold_says_how_far_he_is_from_her_classroom_views() -> None:
    scene = Scene()
    for second in range(0, 71):  # Alice, confidently: her session template forms
        scene.sample(second, [(SEAT, seen(ENROLLED[ALICE], 0.3, second))])
    for second in range(71, 100):
        scene.sample(second, [(SEAT_SHIFTED, lookalike_view(0.4, second))])
    distance, note, learners = _raised_mismatch(scene)
    assert learners == [ALICE] and distance < THRESHOLD  # the photo alone would take him
    found = re.search(r"([0-9.]+) from the learner's classroom views", note)
    assert found is not None, note
    assert float(found.group(1)) > scene.tracker.settings.template_distance
