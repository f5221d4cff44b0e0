"""One camera's face tracker feeding the rules engine on scripted seats, with synthetic 128-d embeddings
(enrolment: unit vectors; classroom views: the same with noise; threshold 0.5)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime, timedelta

import numpy as np

from app.domain.classroom_rules import ClassroomRules
from app.domain.enums import EventKind
from app.domain.observation import Box, CameraSample
from app.supervision.engine_actions import ListSink
from app.supervision.observation_input import SupervisedSession
from app.supervision.rules_engine import RulesEngine
from app.vision.roster import Roster
from app.vision.tracker import FaceTracker, TrackedFace, TrackerSettings, iou

T0 = datetime(2025, 3, 14, 9, 0)
CAMERA, CLASSROOM, SESSION = 3, 30, 300
ALICE, BOB = 1, 2
THRESHOLD = 0.5
SEAT = Box(500, 229, 573, 302)
SEAT_SHIFTED = Box(508, 221, 581, 294)  # one HOG cell right and up: what a different face gives
OTHER_SEAT = Box(60, 229, 133, 302)
SETTINGS = TrackerSettings(recheck_interval_s=30.0)
SKIP_IOU = SETTINGS.pose_iou


def unit(axis: int) -> np.ndarray:
    v = np.zeros(128, dtype=np.float32)
    v[axis] = 1.0
    return v


ENROLLED = {ALICE: unit(0), BOB: unit(1)}
STRANGER, SUBSTITUTE = unit(2), unit(3)
ROSTER = Roster({learner: [vector] for learner, vector in ENROLLED.items()})


def unit_direction(seed: object, *away_from: np.ndarray) -> np.ndarray:
    """A unit vector, reproducible from `seed`, orthogonal to every vector in `away_from`."""
    digest = hashlib.sha256(repr(seed).encode()).digest()
    v = np.random.default_rng(int.from_bytes(digest[:8], "little")).normal(size=128)
    basis: list[np.ndarray] = []
    for other in away_from:  # Gram-Schmidt: the vectors to avoid need not be orthogonal themselves
        u = other.astype(np.float64)
        for b in basis:
            u = u - u.dot(b) * b
        basis.append(u / np.linalg.norm(u))
    for b in basis:
        v = v - v.dot(b) * b
    return (v / np.linalg.norm(v)).astype(np.float32)


def seen(identity: np.ndarray, off: float, seed: int) -> np.ndarray:
    """A classroom view of `identity`: `off` from its enrolment photo in a direction proper to the
    person (camera angle, resolution), plus a little frame-to-frame noise — as measured on the demo's
    faces, one person's views are ~0.1 apart while ~0.3 from the enrolment."""
    fixed = unit_direction(("person", int(np.argmax(identity))), identity)
    jitter = unit_direction(("frame", seed), identity, fixed)
    return (identity + off * fixed + 0.05 * jitter).astype(np.float32)


def at(second: float) -> datetime:
    return T0 + timedelta(seconds=second)


class Scene:
    """One camera's tracker feeding the rules engine, sampled once a second."""

    def __init__(self, roster: frozenset[int] = frozenset({ALICE, BOB})) -> None:
        self.sink = ListSink()
        self.rules = RulesEngine(
            self.sink,
            {CAMERA: CLASSROOM},
            rules=ClassroomRules(max_absence=timedelta(minutes=15)),
            match_threshold=THRESHOLD,
            coverage_gap=timedelta(seconds=5),
        )
        self.rules.add_sessions(
            [
                SupervisedSession(
                    SESSION, CLASSROOM, T0 - timedelta(minutes=1), T0 + timedelta(hours=1), roster
                )
            ]
        )
        self.tracker = FaceTracker(CAMERA, ROSTER, threshold=THRESHOLD, settings=SETTINGS)
        self.embedded = 0

    def sample(self, second: float, faces: Iterable[tuple[Box, np.ndarray]]) -> None:
        moment = at(second)
        fresh = self.tracker.fresh_boxes(moment)
        detected = []
        for box, vector in faces:
            skip = any(iou(box, f) >= SKIP_IOU for f in fresh)
            self.embedded += not skip
            detected.append(TrackedFace(box, 1.0, None if skip else vector))
        observations = self.tracker.update(moment, detected)
        self.rules.observe_sample(CameraSample(CAMERA, moment, tuple(observations)))

    def raised(self, kind: EventKind) -> list[tuple[datetime, list[int]]]:
        return [(r.event.started_at, r.event.learner_ids) for r in self.sink.raised(kind)]


def assert_still_alice(scene: Scene) -> None:
    """No identity event was raised, and the seat's one track is still Alice."""
    assert scene.raised(EventKind.FACE_MISMATCH) == [] and scene.raised(EventKind.UNKNOWN_FACE) == []
    [track] = scene.tracker.tracks
    assert track.match is not None and track.match.learner_id == ALICE


def lookalike_face(off: float) -> np.ndarray:
    """A different person `off` from Alice's enrolment photo (inside the threshold), in a direction of
    their own: ~0.46 from Alice's classroom views (those are 0.3 off in Alice's own direction)."""
    alice_way = unit_direction(("person", int(np.argmax(ENROLLED[ALICE]))), ENROLLED[ALICE])
    way = unit_direction("lookalike-substitute", ENROLLED[ALICE], alice_way)
    return (ENROLLED[ALICE] + off * way).astype(np.float32)


def lookalike_view(off: float, seed: int) -> np.ndarray:
    return (lookalike_face(off) + 0.05 * unit_direction(("lookalike-frame", seed), ENROLLED[ALICE])).astype(
        np.float32
    )


def bent_over(off: float, seed: int) -> np.ndarray:
    """Alice looking down at her desk: her upright direction plus a pose direction of its own, so that
    these views lie `off`-ish from her photo and ~0.3 from her upright views (not a mere wobble)."""
    upright = unit_direction(("person", int(np.argmax(ENROLLED[ALICE]))), ENROLLED[ALICE])
    down = unit_direction("looking-down", ENROLLED[ALICE], upright)
    jitter = unit_direction(("bent-frame", seed), ENROLLED[ALICE], upright, down)
    along = (off**2 - 0.3**2) ** 0.5
    return (ENROLLED[ALICE] + along * upright + 0.3 * down + 0.03 * jitter).astype(np.float32)


def near_template(apart: float, seed: int) -> np.ndarray:
    """Someone `apart` from Alice's classroom face (her views: 0.3 along her own direction from her
    photo), in a direction of their own; ~sqrt(0.3² + apart²) from her photo, inside the threshold."""
    alice_way = unit_direction(("person", int(np.argmax(ENROLLED[ALICE]))), ENROLLED[ALICE])
    way = unit_direction("near-her-template", ENROLLED[ALICE], alice_way)
    jitter = unit_direction(("near-frame", seed), ENROLLED[ALICE], alice_way, way)
    return (ENROLLED[ALICE] + 0.3 * alice_way + apart * way + 0.02 * jitter).astype(np.float32)
