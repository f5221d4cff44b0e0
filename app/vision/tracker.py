"""Per-camera face tracks: associate detections across analysed samples, identify each track.

One FaceTracker per camera, run on the analysis coordinator thread (analysis_service.py) at about a
sample a second. Association is box overlap (IoU), embedding distance breaking ties, and a track is a
seat as much as a face: when someone else takes the seat the track continues and its identity
changes, which is how the rules tell a substitute (替学) from a stranger. Embeddings (~110 ms a face)
are asked for only when they add information (`fresh_boxes`): young or contested tracks, a face in a
box never checked, someone else on the camera moving, else every `recheck_interval_s`. Identity is a
vote over the track's recent checks, held or replaced by identity_judge.py and the session templates;
after a gap in analysis (`continuity_gap_s`) every track is looked at again before it is reported.
Tracks are TENTATIVE, CONFIRMED, then LOST, revived within `reidentify_s`. The reasons and measures:
docs/decisions/0004-face-tracks-as-seats.md.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from itertools import count

from app.domain.observation import Box, Observation
from app.vision.face_engine import DEFAULT_THRESHOLD, Embedding, distance
from app.vision.face_track import Track, TrackedFace, TrackState, iou
from app.vision.identity_judge import IdentityJudge
from app.vision.roster import Roster
from app.vision.tracker_settings import TrackerSettings


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
        self._judge = IdentityJudge(roster or Roster(), threshold, settings or TrackerSettings())
        self.engine_id = engine_id
        self._ids = track_ids or count(1)
        self._tracks: list[Track] = []  # live: tentative and confirmed
        self._lost: list[Track] = []
        self._activity_check: datetime | None = None  # when activity last made everyone due
        self._holders: dict[int, int] = {}  # learner → the track shown as that learner last sample
        self._last_sample: datetime | None = None  # when update() was last called

    @property
    def roster(self) -> Roster:
        return self._judge.roster

    @property
    def threshold(self) -> float:
        return self._judge.threshold

    @property
    def settings(self) -> TrackerSettings:
        return self._judge.settings

    @settings.setter
    def settings(self, settings: TrackerSettings) -> None:  # reconfigured while running
        self._judge.settings = settings

    def template_distance(self, learner_id: int, embeddings: Sequence[Embedding]) -> float | None:
        """Mean distance of `embeddings` from `learner_id`'s session template; None: no strong template."""
        return self._judge.template_distance(learner_id, embeddings)

    # ----- what the worker should skip -----

    def fresh_boxes(self, now: datetime, *, someone_arrived: bool = False) -> list[Box]:
        """Boxes in which detections need no embedding: the poses of live tracks whose identity is
        settled and recent enough. A detection in a box none of them knows is embedded (with the
        worker's skip overlap at `pose_iou`, on the very sample a new face shows).

        `someone_arrived`: the boxes to skip when the sample shows someone new (the worker tells):
        seats change hands as people move, so every face not checked within `check_spacing_s` is
        looked at in that very sample, rather than at the next one as `_activity` would. A substitute
        whose face gives boxes the learner's gave is otherwise not looked at until then."""
        if self.resumes(now):
            return []  # after a gap in analysis every face is looked at: the seats may have changed
        limit = timedelta(seconds=self.settings.recheck_interval_s)
        spacing = timedelta(seconds=self.settings.check_spacing_s)
        boxes: list[Box] = []
        for t in self._tracks:
            if t.embedding is None or t.verified_at is None or t.pending:
                continue  # never checked, or a possible substitute: every sample until the vote
            age = now - t.verified_at
            if age >= spacing and (someone_arrived or t.due or age >= limit):
                continue
            boxes.extend(t.poses or [t.box])
        return boxes

    def resumes(self, at: datetime) -> bool:
        """Whether a sample at `at` follows a gap in this camera's analysis (`continuity_gap_s`)."""
        last = self._last_sample
        return last is not None and at - last > timedelta(seconds=self.settings.continuity_gap_s)

    @property
    def tracks(self) -> list[Track]:
        return list(self._tracks)

    @property
    def lost_tracks(self) -> list[Track]:
        return list(self._lost)

    def set_roster(self, roster: Roster, threshold: float | None = None) -> None:
        """A new class session (or recalibration): re-match every track's recent checks. A new roster
        is a new session: the session templates start again (another day, other clothes and light)."""
        new_session = self._judge.set_roster(roster, threshold)
        if new_session:  # whose place a face took was a matter of the other session
            for track in (*self._tracks, *self._lost):
                track.replaced = None
        for track in self._tracks:
            if track.checks:
                track.match = self._judge.rematch(track)

    # ----- one sample -----

    def update(self, at: datetime, faces: Sequence[TrackedFace]) -> list[Observation]:
        """Feed one sample's detections; returns the observations of the tracks visible in it."""
        # Confirmed before this sample; a one-off false detection stays tentative and is not counted.
        known = {t.track_id for t in self._tracks if t.state is TrackState.CONFIRMED}
        if self.resumes(at):
            for track in self._tracks:
                track.unwatched = True
                track.clear_pending()  # a doubt does not last through time nobody watched
        self._last_sample = at
        pairs = [
            (ti, fi) for ti, fi in self._associate(faces) if self._still_here(self._tracks[ti], faces[fi])
        ]
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
        arrived = any(t.state is TrackState.CONFIRMED and t.track_id not in known for t in visible)
        left = self._expire(at)
        if arrived or left:
            self._activity(at)
        return self._one_seat_each(
            [
                self._observation(t, at)
                for t in visible
                if t.state is TrackState.CONFIRMED and not t.undecided and not t.unwatched
            ]
        )

    def _still_here(self, track: Track, face: TrackedFace) -> bool:
        """Whether `face` continues `track`: always, unless the track is from before a gap in analysis
        and the face's check shows someone else (then the track ends: its face left while unwatched)."""
        if not track.unwatched or face.embedding is None:
            return True  # not checked yet (the embedding budget): it stays unwatched, unreported
        single = self._judge.single(face.embedding).learner_id
        if self._judge.disagrees(track, face.embedding, single):
            track.misses = self.settings.max_misses  # LOST at this sample's _expire
            return False
        track.unwatched = False
        return True

    def _one_seat_each(self, observations: list[Observation]) -> list[Observation]:
        """A learner sits in one place: when two faces of one sample both match learner L, one keeps
        L — the face that held L before, unless the other is clearly nearer — and the other is shown as
        matching nobody (a stranger resembling a learner who is in the room is still a stranger).
        Only what is reported changes, not the tracks."""
        best: dict[int, Observation] = {}
        for o in observations:
            if o.learner_id is None:
                continue
            held = best.get(o.learner_id)
            if held is None or self._nearer(o, held):
                best[o.learner_id] = o
        self._holders = {learner: o.track_id for learner, o in best.items()}
        return [
            o if o.learner_id is None or best[o.learner_id] is o else replace(o, learner_id=None)
            for o in observations
        ]

    def _nearer(self, challenger: Observation, holder: Observation) -> bool:
        assert challenger.learner_id is not None
        margin = 0.0
        if self._holders.get(challenger.learner_id) == holder.track_id:
            margin = self.settings.holder_margin
        elif self._holders.get(challenger.learner_id) == challenger.track_id:
            margin = -self.settings.holder_margin
        return (challenger.distance or 0.0) < (holder.distance or 0.0) - margin

    def _associate(self, faces: Sequence[TrackedFace]) -> list[tuple[int, int]]:
        # No embedding veto: a new person continues the seat's track (whose place was taken).
        candidates: list[tuple[float, int, int]] = []
        for ti, track in enumerate(self._tracks):
            face_of_track = track.face
            for fi, face in enumerate(faces):
                overlap = iou(track.box, face.box)
                if overlap < self.settings.min_iou:
                    continue
                cost = 1.0 - overlap
                if face_of_track is not None and face.embedding is not None:
                    cost += distance(face_of_track, face.embedding)
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
        elif track.poses and not track.knows_pose(face.box, self.settings.pose_iou):
            track.due = True  # the worker skipped it (budget, or a looser skip overlap): next sample
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
        """The recently lost track whose face is clearly this one AND whose identity this face also
        has (a stranger resembling a learner who left must not inherit the learner's track); else None.
        A learner's own face comes back within the identity's hysteresis band, like a held identity."""
        if face.embedding is None:
            return None
        single = self.roster.match(face.embedding, self.threshold).learner_id
        best: tuple[float, int] | None = None
        for index, track in enumerate(self._lost):
            lost_face = track.face
            if lost_face is None:
                continue
            apart = distance(lost_face, face.embedding)
            held = track.match.learner_id if track.match is not None else None
            if held == single:
                close_enough = apart <= self.settings.reidentify_distance
            else:  # only within the hysteresis band: then it must be clearly the same face
                close_enough = apart <= self.settings.change_distance and self._judge.in_band(
                    held, [face.embedding]
                )
            if close_enough and (best is None or apart < best[0]):
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
        settings = self.settings
        single = self._judge.single(embedding)
        track.embedding = embedding
        track.verified_at = at
        track.history.append(single.learner_id)
        track.due = False
        changed = False
        if len(track.checks) < settings.settle_checks or track.match is None:
            track.checks.append(embedding)  # young: no identity to defend yet, everything averages
            track.clear_pending()
        elif self._judge.disagrees(track, embedding, single.learner_id):
            if track.pending and distance(track.pending[-1], embedding) > settings.change_distance:
                track.clear_pending()  # two different odd frames are noise, not one new face
            if not track.pending:
                track.pending_since = at
            track.pending.append(embedding)
            if self._judge.votes_decide(track, at):
                # The face changed (someone else took the seat) or the old identity was wrong.
                if track.match is not None and track.match.learner_id is not None:
                    track.replaced = track.match.learner_id
                track.checks = deque(track.pending[-settings.window :])
                track.clear_pending()
                track.poses = []
                changed = True
            else:
                track.due = True  # one odd frame or a new face: look again at once
        else:
            track.checks.append(embedding)
            track.clear_pending()
        while len(track.checks) > settings.window:
            track.checks.popleft()
        track.match = self._judge.identity(track, changed)
        distance_now = track.match.distance
        # Not after a change: the changing votes are its checks (a third cost a second).
        track.undecided = (
            not changed
            and track.match.learner_id is None
            and distance_now is not None
            and distance_now <= self._judge.band
            and len(track.checks) < settings.grey_checks
            and self._could_be_someone(track)
        )
        if len(track.checks) < settings.settle_checks or track.undecided:
            track.due = True
        if not track.pending and not track.knows_pose(track.box, settings.pose_iou):
            track.poses = [*track.poses, track.box][-settings.max_poses :]
        if not changed and not track.pending and track.checks and track.checks[-1] is embedding:
            self._judge.learn_template(track, embedding)

    def _could_be_someone(self, track: Track) -> bool:
        """Whether a face in the grey band (nobody within the threshold, someone within the band) may
        still turn out to be a learner: one in whose band it lies and whom no other face of the room
        is shown as. When every such learner sits elsewhere, the band's third check only delays
        calling a stranger a stranger (the demo's strangers lay 0.38-0.42 from learners two seats
        away). Any learner in the band, not only the nearest: which one is a little nearer says
        nothing out there (the replay's room 8: a learner coming back, looking down, lay 0.420 from
        a seated neighbour's photo and a little farther from his own)."""
        checks = list(track.checks)
        return any(
            self._holders.get(learner_id, track.track_id) == track.track_id  # not shown sitting elsewhere
            and self._judge.in_band(learner_id, checks)
            for learner_id in self.roster.learner_ids
        )

    def _activity(self, at: datetime) -> None:
        """Someone sat down or left: a moment when seats change hands, so look again at every
        settled face of the camera (once per `activity_recheck_s`). A substitute whose boxes look
        like the learner's is then caught now rather than at the next periodic check."""
        limit = timedelta(seconds=self.settings.activity_recheck_s)
        if self._activity_check is not None and at - self._activity_check < limit:
            return
        self._activity_check = at
        for track in self._tracks:
            if track.verified_at is not None and track.verified_at < at:
                track.due = True

    def _expire(self, at: datetime) -> bool:
        """Tracks missed too long become LOST; True when a confirmed one did."""
        still: list[Track] = []
        left = False
        for track in self._tracks:
            if track.misses >= self.settings.max_misses:
                left = left or track.state is TrackState.CONFIRMED
                track.state = TrackState.LOST
                track.lost_at = at
                if track.embedding is not None:
                    self._lost.append(track)
            else:
                still.append(track)
        self._tracks = still
        keep = timedelta(seconds=self.settings.reidentify_s)
        self._lost = [t for t in self._lost if t.lost_at is not None and at - t.lost_at <= keep]
        return left

    def _observation(self, track: Track, at: datetime) -> Observation:
        match = track.match
        replaced, checks = track.replaced, list(track.checks)
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
            agreeing_checks=len(track.checks),
            replaced_learner_id=replaced,
            replaced_distance=None if replaced is None else self.roster.mean_distance(checks, replaced),
            replaced_template_distance=None
            if replaced is None
            else self._judge.template_distance(replaced, checks),
        )
