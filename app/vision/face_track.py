"""One face track of one camera: its state, its checks, the boxes it was seen in.

The values app/vision/tracker.py keeps per track and app/vision/identity_judge.py decides on: both
import them from here, so that neither imports the other. Owned by the analysis coordinator thread.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

import numpy as np

from app.domain.observation import Box
from app.vision.face_engine import Embedding
from app.vision.roster import Match


class TrackState(StrEnum):
    TENTATIVE = "tentative"
    CONFIRMED = "confirmed"
    LOST = "lost"


@dataclass(frozen=True, slots=True)
class TrackedFace:
    """One detection of the current sample, with its embedding when the worker computed one."""

    box: Box
    score: float = 0.0
    embedding: Embedding | None = None


@dataclass(slots=True)
class Track:
    track_id: int
    box: Box
    first_seen: datetime
    last_seen: datetime
    state: TrackState = TrackState.TENTATIVE
    hits: int = 1
    misses: int = 0
    embedding: Embedding | None = None  # the latest check's
    verified_at: datetime | None = None
    match: Match | None = None  # of the mean over `checks`
    lost_at: datetime | None = None
    history: list[int | None] = field(default_factory=list)  # single-check learner ids, in order
    checks: deque[Embedding] = field(default_factory=deque)  # recent checks agreeing with `match`
    pending: list[Embedding] = field(default_factory=list)  # disagreeing checks in a row
    pending_since: datetime | None = None  # when the first of them was made
    poses: list[Box] = field(default_factory=list)  # boxes the face was checked in
    due: bool = False  # check at the next sample, whatever the interval
    undecided: bool = False  # nobody within the threshold, but too near it to say so yet: not reported
    # Learner whose face votes replaced: not them again until a check nears their template.
    replaced: int | None = None
    unwatched: bool = False  # from before a gap in analysis, not checked since: the seat may have changed

    @property
    def face(self) -> Embedding | None:
        """The mean embedding of the agreeing checks: what "the same face" is compared with."""
        if not self.checks:
            return self.embedding
        return np.mean(np.stack(list(self.checks)), axis=0).astype(np.float32)

    def clear_pending(self) -> None:
        self.pending = []
        self.pending_since = None

    def knows_pose(self, box: Box, min_iou: float) -> bool:
        return any(iou(box, pose) >= min_iou for pose in self.poses)


def iou(a: Box, b: Box) -> float:
    left, top = max(a.left, b.left), max(a.top, b.top)
    right, bottom = min(a.right, b.right), min(a.bottom, b.bottom)
    inter = max(0, right - left) * max(0, bottom - top)
    union = a.area + b.area - inter
    return inter / union if union > 0 else 0.0
