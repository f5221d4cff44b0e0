"""Per-camera face tracks: associate detections across analysed samples, identify each track.

Runs in the analysis coordinator thread (app/vision/analysis_service.py), one FaceTracker per
camera. At ~1 sample per second, classroom faces barely move between samples, so association is
box overlap (IoU) checked by embedding distance when both sides have one (someone who sits down in
a seat that another learner just left must not inherit that learner's identity).

Embeddings are expensive (~110 ms per face), so the tracker asks for them only when they add
information: `fresh_boxes()` lists the boxes of tracks verified within `recheck_interval_s`; the
worker skips detections overlapping those and embeds the rest (new faces, and tracks due for their
periodic re-verification). Between re-checks a track carries its identity forward.

Lifecycle: a track is TENTATIVE when born, CONFIRMED after `confirm_hits` samples (or at once when
its face matched a roster learner), and LOST after `max_misses` samples without a detection; a lost
track is remembered for `reidentify_s` and revived (same track id) when a face with a close
embedding reappears, e.g. after someone bent down to pick up a pen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from itertools import count

from app.vision.face_engine import DEFAULT_THRESHOLD, Embedding, distance
from app.vision.observation import Box, Observation
from app.vision.roster import Match, Roster


class TrackState(StrEnum):
    TENTATIVE = "tentative"
    CONFIRMED = "confirmed"
    LOST = "lost"


@dataclass(frozen=True, slots=True)
class TrackerSettings:
    min_iou: float = 0.3  # box overlap to continue a track from one sample to the next
    same_face_distance: float = 0.6  # embeddings further apart than this are different people
    reidentify_distance: float = 0.45  # a lost track is revived only by a clearly close embedding
    confirm_hits: int = 2
    max_misses: int = 3  # samples; at 1 fps a face hidden for 3 s becomes LOST
    recheck_interval_s: float = 30.0
    reidentify_s: float = 120.0  # how long a lost track can be revived


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
    embedding: Embedding | None = None
    verified_at: datetime | None = None
    match: Match | None = None
    lost_at: datetime | None = None
    history: list[int | None] = field(default_factory=list)  # learner ids of successive verifications


def iou(a: Box, b: Box) -> float:
    left, top = max(a.left, b.left), max(a.top, b.top)
    right, bottom = min(a.right, b.right), min(a.bottom, b.bottom)
    inter = max(0, right - left) * max(0, bottom - top)
    union = a.area + b.area - inter
    return inter / union if union > 0 else 0.0


class FaceTracker:
    """Tracks of one camera. Not thread-safe: owned by the analysis coordinator thread."""

    def __init__(
        self,
        camera_id: int,
        roster: Roster | None = None,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        settings: TrackerSettings | None = None,
        engine_id: str = "",
        track_ids: count[int] | None = None,
    ) -> None:
        self.camera_id = camera_id
        self.roster = roster or Roster()
        self.threshold = threshold
        self.settings = settings or TrackerSettings()
        self.engine_id = engine_id
        self._ids = track_ids or count(1)
        self._tracks: list[Track] = []  # live: tentative and confirmed
        self._lost: list[Track] = []

    # ----- what the worker should skip -----

    def fresh_boxes(self, now: datetime) -> list[Box]:
        """Boxes of live tracks whose identity is recent enough: detections there need no embedding."""
        limit = timedelta(seconds=self.settings.recheck_interval_s)
        return [
            t.box
            for t in self._tracks
            if t.embedding is not None and t.verified_at is not None and now - t.verified_at < limit
        ]

    @property
    def tracks(self) -> list[Track]:
        return list(self._tracks)

    @property
    def lost_tracks(self) -> list[Track]:
        return list(self._lost)

    def set_roster(self, roster: Roster, threshold: float | None = None) -> None:
        """A new class session (or recalibration): re-match every track's last embedding."""
        self.roster = roster
        if threshold is not None:
            self.threshold = threshold
        for track in self._tracks:
            if track.embedding is not None:
                track.match = self.roster.match(track.embedding, self.threshold)

    # ----- one sample -----

    def update(self, at: datetime, faces: Sequence[TrackedFace]) -> list[Observation]:
        """Feed one sample's detections; returns the observations of the tracks visible in it."""
        pairs = self._associate(faces)
        matched_tracks = {ti for ti, _ in pairs}
        matched_faces = {fi for _, fi in pairs}
        for ti, fi in pairs:
            self._continue(self._tracks[ti], faces[fi], at)
        for ti, track in enumerate(self._tracks):
            if ti not in matched_tracks:
                track.misses += 1
        visible = [self._tracks[ti] for ti, _ in pairs]
        for fi, face in enumerate(faces):
            if fi not in matched_faces:
                visible.append(self._start_or_revive(face, at))
        self._expire(at)
        return [self._observation(t, at) for t in visible if t.state is TrackState.CONFIRMED]

    def _associate(self, faces: Sequence[TrackedFace]) -> list[tuple[int, int]]:
        candidates: list[tuple[float, int, int]] = []
        for ti, track in enumerate(self._tracks):
            for fi, face in enumerate(faces):
                overlap = iou(track.box, face.box)
                if overlap < self.settings.min_iou:
                    continue
                cost = 1.0 - overlap
                if track.embedding is not None and face.embedding is not None:
                    apart = distance(track.embedding, face.embedding)
                    if apart > self.settings.same_face_distance:
                        continue  # same seat, different person
                    cost += apart
                candidates.append((cost, ti, fi))
        candidates.sort()
        used_tracks: set[int] = set()
        used_faces: set[int] = set()
        pairs: list[tuple[int, int]] = []
        for _, ti, fi in candidates:
            if ti in used_tracks or fi in used_faces:
                continue
            used_tracks.add(ti)
            used_faces.add(fi)
            pairs.append((ti, fi))
        return pairs

    def _continue(self, track: Track, face: TrackedFace, at: datetime) -> None:
        track.box = face.box
        track.last_seen = at
        track.hits += 1
        track.misses = 0
        if face.embedding is not None:
            self._verify(track, face.embedding, at)
        if track.state is TrackState.TENTATIVE and track.hits >= self.settings.confirm_hits:
            track.state = TrackState.CONFIRMED

    def _start_or_revive(self, face: TrackedFace, at: datetime) -> Track:
        revived = self._revive(face, at)
        if revived is not None:
            return revived
        track = Track(next(self._ids), face.box, first_seen=at, last_seen=at)
        if face.embedding is not None:
            self._verify(track, face.embedding, at)
            if track.match is not None and track.match.learner_id is not None:
                track.state = TrackState.CONFIRMED
        if self.settings.confirm_hits <= 1:
            track.state = TrackState.CONFIRMED
        self._tracks.append(track)
        return track

    def _revive(self, face: TrackedFace, at: datetime) -> Track | None:
        """The recently lost track whose embedding is clearly this face's, brought back; else None."""
        if face.embedding is None:
            return None
        best: tuple[float, int] | None = None
        for index, track in enumerate(self._lost):
            if track.embedding is not None:
                apart = distance(track.embedding, face.embedding)
                if apart <= self.settings.reidentify_distance and (best is None or apart < best[0]):
                    best = (apart, index)
        if best is None:
            return None
        track = self._lost.pop(best[1])
        track.state = TrackState.CONFIRMED
        track.box, track.last_seen, track.misses, track.lost_at = face.box, at, 0, None
        track.hits += 1
        self._verify(track, face.embedding, at)
        self._tracks.append(track)
        return track

    def _verify(self, track: Track, embedding: Embedding, at: datetime) -> None:
        track.embedding = embedding
        track.verified_at = at
        track.match = self.roster.match(embedding, self.threshold)
        track.history.append(track.match.learner_id)

    def _expire(self, at: datetime) -> None:
        still: list[Track] = []
        for track in self._tracks:
            if track.misses >= self.settings.max_misses:
                track.state = TrackState.LOST
                track.lost_at = at
                if track.embedding is not None:
                    self._lost.append(track)
            else:
                still.append(track)
        self._tracks = still
        keep = timedelta(seconds=self.settings.reidentify_s)
        self._lost = [t for t in self._lost if t.lost_at is not None and at - t.lost_at <= keep]

    def _observation(self, track: Track, at: datetime) -> Observation:
        match = track.match
        return Observation(
            camera_id=self.camera_id,
            at=at,
            track_id=track.track_id,
            learner_id=None if match is None else match.learner_id,
            distance=None if match is None else match.distance,
            box=track.box,
            second_best_learner_id=None if match is None else match.second_best_learner_id,
            second_best_distance=None if match is None else match.second_best_distance,
            engine_id=self.engine_id,
            verified_at=track.verified_at,
            threshold=self.threshold,
        )
