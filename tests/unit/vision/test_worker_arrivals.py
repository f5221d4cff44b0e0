"""The worker looks at every face not checked a moment ago when someone new shows in the sample."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import numpy.typing as npt

from app.domain.observation import Box
from app.vision.analysis_protocol import FrameJob
from app.vision.analysis_worker import analyse
from app.vision.face_engine import FaceDetection
from app.vision.frame_ring import FrameRing
from app.vision.tracker import FaceTracker, TrackedFace

LEARNER_A, LEARNER_B = Box(60, 220, 133, 293), Box(500, 220, 573, 293)
NEWCOMER = Box(280, 220, 353, 293)


class FixedFaces:
    """Detects the given boxes; embeds each as a vector of its left edge."""

    def __init__(self, boxes: list[Box]) -> None:
        self.boxes = boxes

    def detect(
        self, image: npt.NDArray[np.uint8], upsample: int = 0, roi: Box | None = None
    ) -> list[FaceDetection]:
        return [FaceDetection(box, 1.0, ()) for box in self.boxes]

    def embed(self, image: npt.NDArray[np.uint8], detection: FaceDetection) -> npt.NDArray[np.float32]:
        return np.full(128, detection.box.left, dtype=np.float32)


def _embedded(found: list[Box], skip: tuple[Box, ...], arrival_skip: tuple[Box, ...] | None) -> list[Box]:
    """The boxes the worker embeds when it finds `found` and the camera's tracks are A and B."""
    ring = FrameRing.create(1, 360 * 640 * 3)
    try:
        slot = ring.acquire()
        assert slot is not None
        shape = ring.write(slot, np.zeros((360, 640, 3), dtype=np.uint8))
        job = FrameJob(
            1,
            7,
            slot,
            shape,
            skip_boxes=skip,
            track_boxes=(LEARNER_A, LEARNER_B),
            arrival_skip_boxes=arrival_skip,
        )
        result = analyse(FixedFaces(found), ring, job, skip_iou=0.9)
        return sorted((face.box for face in result.faces if face.embedding is not None), key=lambda b: b.left)
    finally:
        ring.close()


def test_settled_faces_are_skipped_until_someone_new_shows() -> None:
    settled = (LEARNER_A, LEARNER_B)
    checked_a_moment_ago = (LEARNER_B,)
    assert _embedded([LEARNER_A, LEARNER_B], settled, checked_a_moment_ago) == []
    # Someone sits down away from every track: A is looked at in this very sample, B is not (its
    # checks stay spaced), the newcomer is.
    assert _embedded([LEARNER_A, LEARNER_B, NEWCOMER], settled, checked_a_moment_ago) == [LEARNER_A, NEWCOMER]
    # Without an arrival list (an older coordinator), the usual skip boxes hold.
    assert _embedded([LEARNER_A, LEARNER_B, NEWCOMER], settled, None) == [NEWCOMER]


def test_the_tracker_offers_every_face_not_checked_within_the_spacing_on_an_arrival() -> None:
    t0 = datetime(2025, 3, 14, 9, 0)
    tracker = FaceTracker(1)
    for second in (0, 1):  # both settle (no roster: strangers, checked twice)
        tracker.update(
            t0 + timedelta(seconds=second),
            [
                TrackedFace(LEARNER_A, 1.0, np.zeros(128, np.float32)),
                TrackedFace(LEARNER_B, 1.0, np.ones(128, np.float32)),
            ],
        )
    later = t0 + timedelta(seconds=5)
    assert set(tracker.fresh_boxes(later)) == {LEARNER_A, LEARNER_B}
    assert tracker.fresh_boxes(later, someone_arrived=True) == []
    assert set(tracker.fresh_boxes(t0 + timedelta(seconds=1.5), someone_arrived=True)) == {
        LEARNER_A,
        LEARNER_B,
    }
