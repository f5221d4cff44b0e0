"""A seeded history of flagged events for the demo workspace, so the Events pane is not empty.

`seed_demo_events(database, today, seed, now)` adds a few dozen events of every kind to today's
class sessions, in various triage states with their history and some comments, attributed to the
demo's officers. Only what has happened by `now` is added: an event starts before it, and its end
and its triage trail are cut at it (an officer cannot have confirmed at 16:00 what is 09:30 now).
Blocking (one transaction, well under a second): the bootstrap thread calls it after the demo
database is prepared. Incremental: a workspace_meta key records the day and the time it seeded up
to, so a restart adds only the events that started since, and live events (the stream monitor,
the analysis) are never mixed up with these.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from app.domain.casework import Event, EventComment, EventHistoryEntry
from app.domain.enums import EventKind, EventState, Post
from app.domain.people import User
from app.domain.study import ClassSession
from app.persistence.database import Database
from app.persistence.repositories import (
    ClassSessionRepository,
    EventRepository,
    LearnerRepository,
    MetaRepository,
    WorkspaceRepository,
)
from app.supervision.event_book import SEVERITY

META_KEY = "demo.events_seeded"
ENGINE = "demo-seed"
KINDS = (
    EventKind.ABSENCE,
    EventKind.FACE_MISMATCH,
    EventKind.LATE_ARRIVAL,
    EventKind.UNKNOWN_FACE,
    EventKind.EARLY_LEAVE,
    EventKind.LEFT_TOO_OFTEN,
)
# (state, weight): most of a morning's events are still waiting for an officer.
STATES = (
    (EventState.NEW, 45),
    (EventState.IN_PROGRESS, 15),
    (EventState.CONFIRMED, 20),
    (EventState.DISMISSED, 12),
    (EventState.ESCALATED, 8),
)
NOTES = {
    EventState.CONFIRMED: ("与备案照片比对确认", "监控回放确认离座"),
    EventState.DISMISSED: ("光线原因误报", "学员已请假，情况属实"),
    EventState.ESCALATED: ("疑似替学，报值班领导", "需调取其他机位核实"),
}
COMMENTS = ("已电话联系学员", "请教室管理员到场核实", "回放显示学员在后排")


def _timing(kind: EventKind, session: ClassSession, rng: random.Random) -> tuple[datetime, datetime]:
    length = session.end - session.start
    if kind is EventKind.LATE_ARRIVAL:
        return session.start, session.start + timedelta(minutes=rng.randint(31, 70))
    if kind is EventKind.EARLY_LEAVE:
        left = session.end - timedelta(minutes=rng.randint(31, 80))
        return left, session.end
    start = session.start + timedelta(minutes=rng.randint(10, int(length.total_seconds() // 60) - 30))
    if kind is EventKind.ABSENCE:
        return start, start + timedelta(minutes=rng.randint(16, 40))
    return start, start + timedelta(minutes=rng.randint(1, 12))


def _history(
    state: EventState, started: datetime, officer: User, manager: User, rng: random.Random
) -> tuple[list[EventHistoryEntry], int | None]:
    """The trail that leads to `state`, and who owns the event at the end."""
    raised = EventHistoryEntry(None, started, None, EventState.NEW, "raised by classroom analysis")
    if state is EventState.NEW:
        return [raised], None
    at = started + timedelta(minutes=rng.randint(2, 20))
    trail = [raised, EventHistoryEntry(officer.id, at, EventState.NEW, EventState.IN_PROGRESS)]
    if state is EventState.IN_PROGRESS:
        return trail, officer.id
    at += timedelta(minutes=rng.randint(1, 15))
    trail.append(EventHistoryEntry(officer.id, at, EventState.IN_PROGRESS, state, rng.choice(NOTES[state])))
    if state is EventState.ESCALATED and rng.random() < 0.5:
        at += timedelta(minutes=rng.randint(5, 30))
        trail.append(
            EventHistoryEntry(manager.id, at, EventState.ESCALATED, EventState.CONFIRMED, "经核实为替学")
        )
        return trail, manager.id
    return trail, officer.id


def _until(
    history: list[EventHistoryEntry], owner: int | None, now: datetime
) -> tuple[list[EventHistoryEntry], int | None]:
    """The trail as far as it got by `now` (the owner is the one of the last step kept)."""
    kept = [step for step in history if step.at <= now]
    if len(kept) == len(history):
        return history, owner
    if len(kept) <= 1:
        return kept, None
    return kept, kept[-1].actor_id


def build_demo_events(
    sessions: list[ClassSession],
    cameras: dict[int, int],
    photos: dict[int, str],
    officers: list[User],
    managers: list[User],
    seed: int,
    count: int = 40,
    *,
    now: datetime | None = None,
    since: datetime | None = None,
) -> list[Event]:
    """The events as dataclasses (pure): `cameras` classroom → camera, `photos` learner → face photo.
    Only events that started in [since, now) are returned, cut at `now` (see the module docstring);
    the same seed always draws the same events, so later calls continue earlier ones."""
    rng = random.Random(f"liangjiao-demo/{seed}/events")
    usable = [s for s in sessions if len(s.roster) >= 2]
    if not usable or not officers:
        return []
    managers = managers or officers
    events: list[Event] = []
    for n in range(count):
        session = usable[n % len(usable)]
        kind = KINDS[n % len(KINDS)]
        learner = rng.choice(session.roster)
        learners = [learner]
        if kind is EventKind.FACE_MISMATCH:
            learners.append(rng.choice([x for x in session.roster if x != learner]))
        started, ended = _timing(kind, session, rng)
        state = rng.choices([s for s, _ in STATES], weights=[w for _, w in STATES])[0]
        history, owner = _history(state, started, rng.choice(officers), rng.choice(managers), rng)
        comment = rng.choice(COMMENTS) if state is not EventState.NEW and rng.random() < 0.4 else None
        started, ended = started.replace(microsecond=0), ended.replace(microsecond=0)
        # Every draw above happens whatever `now` is, so the n-th event is always the same.
        if now is not None:
            if started >= now or (since is not None and started < since):
                continue
            history, owner = _until(history, owner, now)
            state = history[-1].to_state
        comments = []
        if comment is not None and len(history) > 1:
            comments.append(EventComment(history[1].actor_id or officers[0].id, history[1].at, comment))
        face = kind in (EventKind.FACE_MISMATCH, EventKind.UNKNOWN_FACE)
        events.append(
            Event(
                id=0,
                kind=kind,
                severity=SEVERITY[kind],
                state=state,
                started_at=started,
                ended_at=ended if now is None or ended <= now else None,  # None: still going on
                camera_id=cameras.get(session.classroom_id),
                classroom_id=session.classroom_id,
                session_id=session.id,
                learner_ids=[] if kind is EventKind.UNKNOWN_FACE else learners,
                owner_id=owner,
                distance=round(rng.uniform(0.62, 0.85), 3) if face else None,
                snapshot_path=photos.get(learners[-1], ""),
                engine=ENGINE,
                comments=comments,
                history=history,
            )
        )
    events.sort(key=lambda e: e.started_at)  # ids grow with time, as live events' would
    return events


def seed_demo_events(database: Database, today: date, seed: int, now: datetime | None = None) -> int:
    """Add the demo's events that started by `now` (default: the current time) and were not added
    before; returns how many were added."""
    now = (now or datetime.now()).replace(microsecond=0)
    with database.writing() as session:
        meta = MetaRepository(session)
        day, _, until = (meta.get(META_KEY) or "").partition("|")
        since = datetime.fromisoformat(until) if day == today.isoformat() and until else None
        if day == today.isoformat() and not until:
            return 0  # seeded whole by an earlier version
        if since is not None and since >= now:
            return 0
        workspace = WorkspaceRepository(session).load_workspace()
        users = WorkspaceRepository(session).load_users(active_only=True)
        sessions = ClassSessionRepository(session).sessions_on(today)
        if workspace is None:
            return 0
        cameras: dict[int, int] = {}
        for camera in workspace.cameras:
            cameras.setdefault(camera.classroom_id, camera.id)
        learner_ids = sorted({x for s in sessions for x in s.roster})
        photos = {
            learner.id: learner.photos[0].path
            for learner in LearnerRepository(session).get_many(learner_ids)
            if learner.photos
        }
        officers = [u for u in users if u.post in (Post.SUPERVISOR, Post.COUNTY_MANAGER)]
        managers = [u for u in users if u.post is Post.DUTY_MANAGER]
        events = build_demo_events(sessions, cameras, photos, officers, managers, seed, now=now, since=since)
        EventRepository(session).add_many(events)
        meta.set(META_KEY, f"{today.isoformat()}|{now.isoformat()}")
    return len(events)
