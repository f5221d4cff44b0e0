"""The rules engine's per-session state and small helpers (app/supervision/rules_engine.py).

Presence of each rostered learner (first and last sighting, where, the last face), each face track's
claim and confirmation counts, and the session's own record; plus how an observation's tracker vote
is read. Plain data, no Qt, no clock; owned by the engine's thread. Kept apart so that the engine
module holds the rules; after a restart `RulesEngine.resume` rebuilds some of this state from the
stored events (app/supervision/event_resume.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app.supervision.observation_input import FaceImages, FaceObservation, SupervisedSession


@dataclass(slots=True)
class Presence:
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    camera_id: int | None = None
    images: FaceImages | None = None  # the last face, shown on an absence event


@dataclass(slots=True)
class Track:
    claimed: int | None = None  # the rostered learner this track was verified as
    mismatches: int = 0
    unknowns: int = 0
    last_verified: datetime | None = None  # the verification last counted towards a confirmation

    def new_verification(self, observation: FaceObservation) -> bool:
        """Whether this observation carries a fresh identity check. Between re-checks the tracker
        repeats the last one (Observation.verified_at stays), and one borderline embedding repeated
        must not count as several confirmations. Observations without `verified_at` always count."""
        verified = getattr(observation, "verified_at", None)
        if verified is None:
            return True
        if verified == self.last_verified:
            return False
        self.last_verified = verified
        return True


@dataclass(slots=True)
class SessionState:
    session: SupervisedSession
    presence: dict[int, Presence] = field(default_factory=dict)
    finished: bool = False


def agreeing(observation: FaceObservation) -> int:
    """How many of the track's recent identity checks agree with the observation's identity, when
    the tracker votes (app.vision.tracker); 0 when the producer does not say."""
    value = getattr(observation, "agreeing_checks", 0)
    return value if isinstance(value, int) else 0


def unreplaced(observation: FaceObservation, claimed: int) -> bool:
    """Whether a voting tracker (agreeing_checks > 0) reports this track without having replaced the
    `claimed` learner's face by vote (Observation.replaced_learner_id): the face did not change. The
    replay's room 15 (bench/tracker_replay.py --away 80:110): a stranger 0.364 from a seated learner's
    photo was shown as that learner in the one sample her face was missed, then as nobody: a
    FACE_MISMATCH of her on the stranger's face, while she never left her seat."""
    if agreeing(observation) == 0:
        return False  # a producer without votes: every change of identity is evidence
    return getattr(observation, "replaced_learner_id", None) != claimed


def local_naive(moment: datetime) -> datetime:
    """The database and the schedule use naive local time; app.vision stamps aware UTC."""
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo is not None else moment


def minutes_text(span: timedelta) -> str:
    return f"{span.total_seconds() / 60:.0f} min"
