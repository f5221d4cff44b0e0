"""After a restart: which stored events the rules engine takes over, and which it closes.

A stopped console (quit, crash, power cut) leaves running events open (`events.open_key` set); the
next run must not raise them again. When the rules thread loads a day's sessions it reads what the
engine stored (`EventRepository.left_by_engine`) and `plan_resume` decides. An open event of a class
still running is RESUMED: held again with its start, last report and snapshot score, the learner's
state restored from it, then extended and closed under the same key. One of a class that ended
meanwhile, or of another day, is CLOSED at its `ended_at` (its last report), not at the class end:
nobody watched after the console stopped; its note says so. Closed events of a running class are
what the engine knew: a closed lateness or absence is a sighting, each closed absence a leave of the
day, a LEFT_TOO_OFTEN already raised is not raised again. Sessions this run already supervised are
left alone (its close may be on its way). Pure: no database, no clock, no Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from app.domain.casework import Event, open_key_for
from app.domain.enums import EventKind
from app.supervision.engine_actions import CloseEvent, EventKey
from app.supervision.event_book import evidence_score
from app.supervision.observation_input import FaceImages, SupervisedSession

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ResumedEvent:
    """An open event of a running class that the engine holds again."""

    key: EventKey
    started_at: datetime
    reported_until: datetime
    score: float
    camera_id: int | None
    images: FaceImages | None


@dataclass(slots=True)
class ResumePlan:
    resumed: list[ResumedEvent] = field(default_factory=list)
    closed: list[CloseEvent] = field(default_factory=list)
    # (session, learner) → latest sighting the stored events prove (a closed lateness or absence)
    sightings: dict[tuple[int, int], datetime] = field(default_factory=dict)
    leaves: dict[tuple[int, date], int] = field(default_factory=dict)  # (learner, day) → leaves known
    too_often: set[tuple[int, date]] = field(default_factory=set)  # LEFT_TOO_OFTEN raised already


def key_of(event: Event) -> EventKey | None:
    """The engine's key of a stored open event, from its open key (None: not one of the engine's)."""
    if event.open_key is None or event.session_id is None:
        return None
    parts = event.open_key.split("|", 2)
    if len(parts) != 3:
        return None
    key = EventKey(event.session_id, event.kind, parts[2])
    return key if open_key_for(key.kind, key.session_id, key.subject) == event.open_key else None


def last_reported(event: Event) -> datetime:
    """The last moment the console said the situation still lasted."""
    return event.ended_at if event.ended_at is not None else event.started_at


def plan_resume(
    stored: Iterable[Event],
    fresh: Mapping[int, SupervisedSession],
    known: Collection[int],
    now: datetime,
    held: Callable[[EventKey], bool],
) -> ResumePlan:
    """Decide what to do with `stored` (the engine's open events anywhere, and all its events of the
    `fresh` sessions, which this run has just started to supervise) at `now` (naive local).
    `known`: sessions supervised before this load; `held`: whether the engine holds a key open."""
    plan = ResumePlan()
    events = sorted(stored, key=lambda e: (e.started_at, e.id))
    for event in events:
        if event.open_key is not None:
            _open_event(plan, event, fresh, known, now, held)
        elif event.session_id is not None and event.session_id in fresh:
            session = fresh[event.session_id]
            if now < session.end:
                _closed_event(plan, event, session)
    return plan


def _open_event(
    plan: ResumePlan,
    event: Event,
    fresh: Mapping[int, SupervisedSession],
    known: Collection[int],
    now: datetime,
    held: Callable[[EventKey], bool],
) -> None:
    key = key_of(event)
    if key is None:
        log.warning("event %d has an open key the rules engine did not make: %r", event.id, event.open_key)
        return
    if held(key) or (key.session_id in known and key.session_id not in fresh):
        return  # this run's own event
    until = last_reported(event)
    session = fresh.get(key.session_id)
    if session is not None and now < session.end:
        plan.resumed.append(
            ResumedEvent(key, event.started_at, until, _score(event), event.camera_id, _images(event))
        )
        return
    if session is not None:
        note = (
            f"closed at its last report ({until:%H:%M:%S}): the class ended at {session.end:%H:%M} "
            "while the console was not running"
        )
    else:
        note = (
            f"closed at its last report ({until:%Y-%m-%d %H:%M:%S}): the console was not running "
            "when its class session ended"
        )
    plan.closed.append(CloseEvent(key, until, note))


def _closed_event(plan: ResumePlan, event: Event, session: SupervisedSession) -> None:
    day = session.start.date()
    for learner in event.learner_ids[:1]:  # the learner the event is about comes first
        if event.kind is EventKind.LEFT_TOO_OFTEN:
            plan.too_often.add((learner, day))
        if event.kind not in (EventKind.LATE_ARRIVAL, EventKind.ABSENCE) or event.ended_at is None:
            continue
        # In a class still running, these close only when the learner is seen.
        sighting = (session.session_id, learner)
        plan.sightings[sighting] = max(event.ended_at, plan.sightings.get(sighting, event.ended_at))
        if event.kind is EventKind.ABSENCE:
            plan.leaves[(learner, day)] = plan.leaves.get((learner, day), 0) + 1


def _score(event: Event) -> float:
    """How convincing the kept snapshot is, as the engine scores it (app.supervision.event_book): a
    FACE_MISMATCH naming a second learner showed an identified impostor. The stored distance is
    the one the event shows, close to the one the engine scored by."""
    if not (event.snapshot_path or event.frame_path):
        return float("-inf")
    identified = event.kind is EventKind.FACE_MISMATCH and len(event.learner_ids) > 1
    return evidence_score(event.distance, identified)


def _images(event: Event) -> FaceImages | None:
    if not (event.snapshot_path or event.frame_path):
        return None
    return FaceImages(face_path=event.snapshot_path, frame_path=event.frame_path)
