"""What an evidence package says about its span: the camera, and each event inside it with its state,
the decisions taken on it (history, comments) and its snapshot files.

`read_events` runs inside the export's reading transaction; `package_events` afterwards reads the
snapshot files (absolute paths, or relative to one of `snapshot_roots`). Blocking, worker thread.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.casework import Event
from app.persistence.orm import CameraRow, ClassroomRow, SiteRow, UserRow
from app.persistence.repositories import EventRepository

__all__ = ["EventsRead", "package_events", "read_events"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class EventsRead:
    camera: dict[str, Any]  # id, name, classroom, site
    events: list[Event]
    learner_names: dict[int, str]
    user_names: dict[int, str]


def read_events(session: Session, camera_id: int, event_ids: Sequence[int]) -> EventsRead:
    repository = EventRepository(session)
    events = [event for event in map(repository.get, event_ids) if event is not None]
    learner_names = repository.learner_names([x for event in events for x in event.learner_ids])
    users = {  # a few dozen users
        int(row.id): str(row.display_name)
        for row in session.execute(select(UserRow.id, UserRow.display_name))
    }
    return EventsRead(_camera(session, camera_id), events, learner_names, users)


def package_events(
    read: EventsRead, snapshot_roots: Sequence[Path]
) -> tuple[list[dict[str, Any]], list[tuple[str, bytes]]]:
    """The manifest's "events" and the snapshot files to put beside them, as (name, bytes)."""
    snapshots: list[tuple[str, bytes]] = []
    entries: list[dict[str, Any]] = []
    for event in read.events:
        files: list[str] = []
        for label, stored in (("face", event.snapshot_path), ("frame", event.frame_path)):
            data = _read_snapshot(stored, snapshot_roots)
            if data is None:
                continue
            name = f"event-{event.id}-{label}{Path(stored).suffix.lower() or '.jpg'}"
            snapshots.append((name, data))
            files.append(name)
        entries.append(_event_entry(event, read, files))
    return entries, snapshots


def _camera(session: Session, camera_id: int) -> dict[str, Any]:
    row = session.execute(
        select(CameraRow.name, ClassroomRow.name, SiteRow.name)
        .join(ClassroomRow, CameraRow.classroom_id == ClassroomRow.id)
        .join(SiteRow, ClassroomRow.site_id == SiteRow.id)
        .where(CameraRow.id == camera_id)
    ).first()
    if row is None:
        return {"id": camera_id}
    return {"id": camera_id, "name": row[0], "classroom": row[1], "site": row[2]}


def _read_snapshot(stored: str, roots: Sequence[Path]) -> bytes | None:
    if not stored:
        return None
    path = Path(stored)
    for candidate in [path] if path.is_absolute() else [root / path for root in roots]:
        try:
            return candidate.read_bytes()
        except OSError:
            continue
    log.warning("event snapshot %s not found for the evidence package", stored)
    return None


def _event_entry(event: Event, read: EventsRead, files: list[str]) -> dict[str, Any]:
    def who(user_id: int | None) -> str | None:
        return None if user_id is None else read.user_names.get(user_id, f"#{user_id}")

    return {
        "id": event.id,
        "kind": event.kind.value,
        "severity": event.severity.value,
        "state": event.state.value,
        "started_at": event.started_at.isoformat(),
        "ended_at": event.ended_at.isoformat() if event.ended_at else None,
        "learners": [{"id": x, "name": read.learner_names.get(x)} for x in event.learner_ids],
        "distance": event.distance,
        "history": [
            {
                "at": h.at.isoformat(),
                "by": who(h.actor_id),
                "from": h.from_state.value if h.from_state else None,
                "to": h.to_state.value,
                "note": h.note,
            }
            for h in event.history
        ],
        "comments": [
            {"at": c.at.isoformat(), "by": who(c.author_id), "text": c.text} for c in event.comments
        ],
        "snapshots": files,
    }
