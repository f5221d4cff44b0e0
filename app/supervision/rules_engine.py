"""Classroom rules engine: face observations + session rosters + thresholds → events.

Fed on one thread: `observe()` per face, `tick(now)` a few times a minute so time rules fire while
nobody is seen; it reads no clock, so a scripted day always gives the same events. Rules (thresholds
from ClassroomRules; "exceeds" is strict): LATE_ARRIVAL, not seen `max_late` after the start, closed
on arrival or at the end; ABSENCE, unseen for over `max_absence` after arriving, raised from the last
sighting and closed with its duration; LEFT_TOO_OFTEN, over `max_leaves_per_day` leaves in a day,
once per learner and day; EARLY_LEAVE, last seen over `max_early_leave` before the end;
FACE_MISMATCH (替学), a track verified as A later shows another learner or nobody
`mismatch_confirmations` distinct checks in a row (`agreeing_checks` counts as that many), open
until the class ends; UNKNOWN_FACE, nobody on the roster `unknown_confirmations` times, one event per
camera and session, ended after `rules.stranger_gone` of watched time without one. With
`coverage_gap` only watched time counts (coverage.py): clocks pause while no camera of the classroom
is analysed. `resume` takes over what an earlier run stored (event_resume.py), so nothing is raised twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from app.domain.casework import Event
from app.domain.classroom_rules import DEFAULT_CLASSROOM_RULES, ClassroomRules
from app.domain.enums import EventKind
from app.domain.observation import CameraSample
from app.supervision.coverage import Coverage
from app.supervision.engine_actions import EngineSink, EventKey
from app.supervision.event_book import EventBook, Evidence, evidence_score
from app.supervision.event_resume import plan_resume
from app.supervision.observation_input import FaceImages, FaceObservation, SnapshotWriter, SupervisedSession
from app.supervision.rules_state import (
    Presence,
    SessionState,
    Track,
    agreeing,
    local_naive,
    minutes_text,
    unreplaced,
)

ENGINE_ID = "classroom-rules/1"
# Learners arriving up to this long early are present from the start.
EARLY_WINDOW = timedelta(minutes=30)


class RulesEngine:
    def __init__(
        self,
        sink: EngineSink,
        camera_classrooms: dict[int, int],
        *,
        rules: ClassroomRules = DEFAULT_CLASSROOM_RULES,
        match_threshold: float = 0.6,
        mismatch_confirmations: int = 2,
        unknown_confirmations: int = 2,
        update_interval: timedelta = timedelta(seconds=30),
        snapshots: SnapshotWriter | None = None,
        engine_id: str = ENGINE_ID,
        coverage_gap: timedelta | None = None,
    ) -> None:
        self._cameras = dict(camera_classrooms)
        self.rules = rules
        self.match_threshold = match_threshold
        self._mismatch_confirmations = max(1, mismatch_confirmations)
        self._unknown_confirmations = max(1, unknown_confirmations)
        self._unknown_seen: dict[tuple[int, int], datetime] = {}  # (session, camera) → last unknown face
        self._book = EventBook(
            sink, engine_id=engine_id, update_interval=update_interval, snapshots=snapshots
        )
        self._sessions: dict[int, SessionState] = {}
        self._tracks: dict[tuple[int, int, int], Track] = {}  # (session, camera, track)
        self._leaves: dict[tuple[int, date], int] = {}  # (learner, day) → mid-class leaves
        self._too_often: set[tuple[int, date]] = set()
        self._latest: datetime | None = None
        self._coverage_gap = coverage_gap
        self._coverage: dict[int, Coverage] = {}  # classroom → watched spans (with coverage_gap)

    # -- input

    def add_sessions(self, sessions: Iterable[SupervisedSession]) -> None:
        for session in sessions:
            self._sessions.setdefault(session.session_id, SessionState(session))

    def session_ids(self) -> set[int]:
        return set(self._sessions)

    def resume(self, stored: Iterable[Event], fresh: Iterable[int], now: datetime) -> None:
        """Take over what an earlier run of the console stored for the `fresh` sessions (just
        added): open events of running classes are held again, others closed at their last report,
        and the learners' state restored from them (app/supervision/event_resume.py)."""
        sessions = {sid: self._sessions[sid].session for sid in fresh if sid in self._sessions}
        known = set(self._sessions) - set(sessions)
        plan = plan_resume(stored, sessions, known, local_naive(now), self._book.is_open)
        for close in plan.closed:
            self._book.close_stored(close)
        for item in plan.resumed:
            key, state = item.key, self._sessions[item.key.session_id]
            self._book.resume(key, item.started_at, item.reported_until, item.score)
            if key.kind is EventKind.ABSENCE:  # gone since the absence began
                at = item.started_at
                state.presence[int(key.subject)] = Presence(at, at, item.camera_id, item.images)
            elif key.kind is EventKind.UNKNOWN_FACE and item.camera_id is not None:
                self._unknown_seen[(key.session_id, item.camera_id)] = item.reported_until
        for (sid, learner), at in plan.sightings.items():
            presence = self._sessions[sid].presence.setdefault(learner, Presence())
            if presence.last_seen is None:  # an open absence (above) says more
                presence.first_seen = presence.last_seen = at
        for sid in sessions:
            if local_naive(now) >= sessions[sid].end:  # over while the console was not running:
                self._sessions[sid].finished = True  # nobody watched it, so it is not judged now
        for day_key, count in plan.leaves.items():
            self._leaves[day_key] = max(count, self._leaves.get(day_key, 0))
        self._too_often |= plan.too_often

    def observe(self, observation: FaceObservation, images: FaceImages | None = None) -> None:
        at = local_naive(observation.at)
        self._watched_at(observation.camera_id, at)
        self.tick(at)  # time rules first: a learner reappearing after 20 min closes a raised absence
        state = self._session_at(observation.camera_id, at)
        if state is None:
            return
        session = state.session
        track = self._tracks.setdefault(
            (session.session_id, observation.camera_id, observation.track_id), Track()
        )
        learner = observation.learner_id
        if track.claimed not in (None, learner) and unreplaced(observation, track.claimed):
            # Renamed with no vote replacing the claimed learner: a misread face, no 替学 (decision 0001).
            track.claimed, track.mismatches = None, 0
        # A voting tracker applied the threshold already; a plain producer's match is checked here.
        matched = learner is not None and (
            observation.distance is None
            or observation.distance <= self.match_threshold
            or agreeing(observation) > 0
        )
        if matched and learner in session.roster:
            assert learner is not None
            track.unknowns = 0
            checks = agreeing(observation)
            if track.claimed is None and (checks == 0 or checks >= self._mismatch_confirmations):
                # Claimed for L once as many checks agree as a mismatch needs (one can err).
                track.claimed = learner
            self._seen(state, learner, at, observation.camera_id, images)
            if track.claimed in (learner, None):
                track.mismatches = 0
                return
        if track.claimed is not None:
            self._mismatch(state, track, observation, at, images, learner if matched else None)
        else:
            self._unknown(state, track, observation, at, images, learner if matched else None)

    def observe_sample(self, sample: CameraSample, images: dict[int, FaceImages] | None = None) -> None:
        """One analysed frame of a camera (app.vision's CameraSample): each face, then the clock.
        `images` maps track id → that face's pictures; by default the JPEGs the sample carries (the
        analysed frame and each face's crop), which an event raised or extended by it keeps."""
        if images is None and (sample.frame_jpeg or sample.face_jpegs):
            images = {
                o.track_id: FaceImages(sample.face_jpegs.get(o.track_id, b""), sample.frame_jpeg)
                for o in sample.observations
            }
        self._watched_at(sample.camera_id, local_naive(sample.at))  # an empty sample is watching too
        for observation in sample.observations:
            self.observe(observation, (images or {}).get(observation.track_id))
        self.tick(sample.at)

    def tick(self, now: datetime) -> None:
        """Apply the time rules up to `now` (naive local or aware); call it every few seconds."""
        # Engine time never runs backwards: a wall-clock tick may lag the newest sample's stamp.
        now = max(local_naive(now), self._latest or datetime.min)
        if self._latest is None or now.date() != self._latest.date():
            for coverage in self._coverage.values():
                coverage.forget_before(now - timedelta(days=1))
        self._latest = now
        for state in self._sessions.values():
            session = state.session
            if state.finished or now < session.start:
                continue
            until = min(now, session.end)
            for learner in sorted(session.roster):
                self._time_rules(state, learner, until)
            self._strangers_gone(state, until)
            if now >= session.end:
                self._finish(state)

    # -- identity rules

    def _strangers_gone(self, state: SessionState, until: datetime) -> None:
        sid = state.session.session_id
        for (session_id, camera_id), last in list(self._unknown_seen.items()):
            if session_id != sid:
                continue
            if self._watched(state.session, last, until) <= self.rules.stranger_gone:
                continue
            del self._unknown_seen[(session_id, camera_id)]
            key = EventKey(sid, EventKind.UNKNOWN_FACE, f"camera:{camera_id}")
            self._book.close(key, last, f"no unknown face seen for {minutes_text(until - last)}")

    def _mismatch(
        self,
        state: SessionState,
        track: Track,
        observation: FaceObservation,
        at: datetime,
        images: FaceImages | None,
        other: int | None,
    ) -> None:
        assert track.claimed is not None
        if track.new_verification(observation):
            track.mismatches += 1
        track.mismatches = max(track.mismatches, agreeing(observation))
        key = EventKey(state.session.session_id, EventKind.FACE_MISMATCH, str(track.claimed))
        distance, note = self._mismatch_evidence(track.claimed, observation, other)
        # The clearer snapshot is judged by the face's own nearest match.
        score = evidence_score(observation.distance, other is not None)
        if self._book.is_open(key):
            self._book.extend(key, at, distance=distance, images=images, score=score)
        elif track.mismatches >= self._mismatch_confirmations:
            learners = (track.claimed,) if other is None else (track.claimed, other)
            evidence = Evidence(observation.camera_id, state.session.classroom_id, learners, distance, images)
            self._book.raise_event(key, at, at, evidence, note, score=score)

    def _mismatch_evidence(
        self, claimed: int, observation: FaceObservation, other: int | None
    ) -> tuple[float | None, str]:
        """The distance a FACE_MISMATCH of `claimed` shows, and its note: how far the face now in the
        seat lies from the claimed learner's photo (and their classroom views, when the photo alone
        would take it), when the tracker says (Observation.replaced_*); else the face's distance to
        its nearest learner, as a producer without votes reports it."""
        plain = (
            "face does not match the enrolled learner" if other is None else "face matches another learner"
        )
        apart = getattr(observation, "replaced_distance", None)
        if getattr(observation, "replaced_learner_id", None) != claimed or not isinstance(apart, float):
            return observation.distance, plain
        threshold = getattr(observation, "threshold", None) or self.match_threshold
        note = f"{plain}: {apart:.3f} from the learner's enrolment photo (threshold {threshold:.3f})"
        template = getattr(observation, "replaced_template_distance", None)
        if apart <= threshold and isinstance(template, float):
            # The photo alone would take this face; the learner's own views told it apart.
            note += f", but {template:.3f} from the learner's classroom views this session: a look-alike"
        if other is not None and observation.distance is not None:
            note += f"; nearest learner {other} at {observation.distance:.3f}"
        return apart, note

    def _unknown(
        self,
        state: SessionState,
        track: Track,
        observation: FaceObservation,
        at: datetime,
        images: FaceImages | None,
        known_elsewhere: int | None,
    ) -> None:
        if track.new_verification(observation):
            track.unknowns += 1
        track.unknowns = max(track.unknowns, agreeing(observation))
        seen_key = (state.session.session_id, observation.camera_id)
        self._unknown_seen[seen_key] = max(at, self._unknown_seen.get(seen_key, at))
        key = EventKey(state.session.session_id, EventKind.UNKNOWN_FACE, f"camera:{observation.camera_id}")
        score = evidence_score(observation.distance, False)
        if self._book.is_open(key):
            self._book.extend(key, at, distance=observation.distance, images=images, score=score)
        elif track.unknowns >= self._unknown_confirmations:
            learners = () if known_elsewhere is None else (known_elsewhere,)
            evidence = Evidence(
                observation.camera_id, state.session.classroom_id, learners, observation.distance, images
            )
            self._book.raise_event(key, at, at, evidence, "face matches nobody on the roster", score=score)

    # -- presence rules

    def _seen(
        self, state: SessionState, learner: int, at: datetime, camera_id: int, images: FaceImages | None
    ) -> None:
        session, rules = state.session, self.rules
        presence = state.presence.setdefault(learner, Presence())
        sid = session.session_id
        if presence.first_seen is None or presence.last_seen is None:
            presence.first_seen = at
            late = EventKey(sid, EventKind.LATE_ARRIVAL, str(learner))
            self._book.close(late, at, f"arrived {minutes_text(at - session.start)} after the start")
        else:
            gap_start = max(presence.last_seen, session.start)
            gap = at - gap_start
            absence = EventKey(sid, EventKind.ABSENCE, str(learner))
            # A raised absence proves a leave, even if an earlier run watched part of it.
            left = (
                self._book.is_open(absence) or self._watched(session, gap_start, at) > rules.dropout_tolerance
            )
            if left and at > session.start:
                self._count_leave(state, learner, gap_start, at, camera_id)
            self._book.close(absence, at, f"seen again after {minutes_text(gap)}")
        if presence.last_seen is None or at > presence.last_seen:
            presence.last_seen = at
        presence.camera_id = camera_id
        if images is not None:
            presence.images = images

    def _count_leave(
        self, state: SessionState, learner: int, left: datetime, back: datetime, camera_id: int
    ) -> None:
        day = state.session.start.date()
        count = self._leaves.get((learner, day), 0) + 1
        self._leaves[(learner, day)] = count
        if count > self.rules.max_leaves_per_day and (learner, day) not in self._too_often:
            self._too_often.add((learner, day))
            key = EventKey(state.session.session_id, EventKind.LEFT_TOO_OFTEN, str(learner))
            evidence = Evidence(camera_id, state.session.classroom_id, (learner,))
            note = f"left the class {count} times today"
            self._book.raise_event(key, left, back, evidence, note, finished=True)

    def _time_rules(self, state: SessionState, learner: int, until: datetime) -> None:
        session, rules = state.session, self.rules
        presence = state.presence.get(learner)
        sid = session.session_id
        if presence is None or presence.last_seen is None:
            key = EventKey(sid, EventKind.LATE_ARRIVAL, str(learner))
            overdue = self._watched(session, session.start, until)
            exceeded = overdue >= rules.max_late if rules.late_early_inclusive else overdue > rules.max_late
            if self._book.is_open(key):
                self._book.extend(key, until)
            elif exceeded:
                evidence = Evidence(None, session.classroom_id, (learner,))
                self._book.raise_event(key, session.start, until, evidence, "not arrived yet")
            return
        key = EventKey(sid, EventKind.ABSENCE, str(learner))
        gone_since = max(presence.last_seen, session.start)
        if self._book.is_open(key):
            if self._watching(session, until):  # not over time nobody looked
                self._book.extend(key, until)
        elif self._watched(session, gone_since, until) > rules.max_absence:
            evidence = Evidence(presence.camera_id, session.classroom_id, (learner,), images=presence.images)
            self._book.raise_event(key, gone_since, until, evidence, "not seen in the classroom")

    def _finish(self, state: SessionState) -> None:
        """The class is over: early leaves are known now, and every open event of it ends."""
        state.finished = True
        session, rules = state.session, self.rules
        for learner in sorted(session.roster):
            presence = state.presence.get(learner)
            if presence is None or presence.last_seen is None:
                continue
            early_by = self._watched(session, presence.last_seen, session.end)
            exceeded = (
                early_by >= rules.max_early_leave
                if rules.late_early_inclusive
                else early_by > rules.max_early_leave
            )
            if exceeded:
                key = EventKey(session.session_id, EventKind.EARLY_LEAVE, str(learner))
                evidence = Evidence(
                    presence.camera_id, session.classroom_id, (learner,), images=presence.images
                )
                note = f"left {minutes_text(early_by)} before the end"
                self._book.raise_event(key, presence.last_seen, session.end, evidence, note, finished=True)
        for key in self._book.open_keys(session.session_id):
            if key.kind in (EventKind.ABSENCE, EventKind.LATE_ARRIVAL):
                ended = session.end
                note = "class ended" if key.kind is EventKind.ABSENCE else "never arrived"
            else:  # face events end with their last evidence
                ended = self._book.last_reported(key) or session.end
                note = "class ended"
            self._book.close(key, ended, note)
        self._tracks = {k: v for k, v in self._tracks.items() if k[0] != session.session_id}

    # -- watched time

    def _watched_at(self, camera_id: int, at: datetime) -> None:
        classroom = self._cameras.get(camera_id)
        if self._coverage_gap is None or classroom is None:
            return
        coverage = self._coverage.get(classroom)
        if coverage is None:
            coverage = self._coverage[classroom] = Coverage(self._coverage_gap)
        coverage.sample(at)

    def _watched(self, session: SupervisedSession, start: datetime, end: datetime) -> timedelta:
        """How long the session's classroom was watched in [start, end] (all of it without coverage)."""
        if self._coverage_gap is None:
            return end - start
        coverage = self._coverage.get(session.classroom_id)
        return coverage.watched(start, end) if coverage is not None else timedelta(0)

    def _watching(self, session: SupervisedSession, at: datetime) -> bool:
        if self._coverage_gap is None:
            return True
        coverage = self._coverage.get(session.classroom_id)
        return coverage is not None and coverage.watching(at)

    def _session_at(self, camera_id: int, at: datetime) -> SessionState | None:
        """The camera's classroom's session at `at`; of two at once (a class overrunning into the
        next), the one that began first, as live analysis matches faces against its roster."""
        classroom = self._cameras.get(camera_id)
        candidates = [
            state
            for state in self._sessions.values()
            if state.session.classroom_id == classroom
            and not state.finished
            and state.session.start - EARLY_WINDOW <= at <= state.session.end
        ]
        return min(candidates, key=lambda s: (s.session.start, s.session.session_id), default=None)
