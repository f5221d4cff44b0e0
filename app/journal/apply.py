"""Apply journal entries inside one database transaction, so that delivering twice changes nothing.

- A raise is stored with its origin key. When the outcome of an earlier attempt is unknown (a
  failure during COMMIT, a crash, a restart) it is first looked up by origin; the unique origin
  constraint is the last guard (an IntegrityError on origin: it was delivered). A raise whose open
  key is already held by another open event (one resumed after a restart, say) extends that event.
- Extend and close find their event by open key: the database holds at most one open event per
  key. When this workstation raised the event itself (`raised_origin`) and the open event is a later
  one, the entry is a replay of something already applied, and skipped. A close with no open event
  was applied before: skipped, not an error.
- Recording index rows are upserts and deletions by path: replaying them converges.
"""

from __future__ import annotations

import logging

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.journal.entries import (
    CloseEntry,
    ExtendEntry,
    IndexForgetEntry,
    IndexSaveEntry,
    JournalEntry,
    RaiseEntry,
)
from app.persistence.repositories.event_repository import EventRepository
from app.persistence.repositories.recording_repository import RecordingRepository

log = logging.getLogger(__name__)


def apply_entries(session: Session, entries: list[JournalEntry], *, uncertain: bool) -> list[int | None]:
    """Apply `entries` in order; for each, the id of the event or recording row it touched (None:
    skipped). `uncertain`: an earlier attempt may have committed some of them."""
    events = EventRepository(session)
    results: list[int | None] = []
    for entry in entries:
        if isinstance(entry, RaiseEntry):
            results.append(_raise(session, events, entry, uncertain=uncertain))
        elif isinstance(entry, ExtendEntry):
            event_id = _resolve(events, entry.open_key, entry.raised_origin)
            if event_id is not None:
                events.set_evidence(
                    event_id,
                    ended_at=entry.ended_at,
                    distance=entry.distance,
                    snapshot_path=entry.snapshot_path,
                    frame_path=entry.frame_path,
                )
            results.append(event_id)
        elif isinstance(entry, CloseEntry):
            event_id = _resolve(events, entry.open_key, entry.raised_origin)
            if event_id is not None:
                events.close_open(event_id, entry.ended_at)
                if entry.note is not None:
                    events.add_note(event_id, actor_id=None, at=entry.ended_at, note=entry.note)
            else:
                log.debug("no open event under %s: its close was applied before", entry.open_key)
            results.append(event_id)
        elif isinstance(entry, IndexSaveEntry):
            results.append(RecordingRepository(session).save(entry.recording).id)
        else:
            assert isinstance(entry, IndexForgetEntry)
            RecordingRepository(session).delete_by_path(entry.store, entry.path)
            results.append(None)
    return results


def _raise(session: Session, events: EventRepository, entry: RaiseEntry, *, uncertain: bool) -> int:
    event = entry.event
    if uncertain and event.origin:
        stored = events.find_by_origin(event.origin)
        if stored is not None:
            return stored
    try:
        with session.begin_nested():  # a savepoint: a refused insert leaves the batch usable
            return events.add(event).id
    except IntegrityError:
        stored = events.find_by_origin(event.origin) if event.origin else None
        if stored is not None:
            return stored  # delivered by an attempt whose COMMIT we did not see succeed
        holder = events.find_open(event.open_key) if event.open_key else None
        if holder is None:
            raise
        log.info(
            "%s for %s is already open as event %d (resumed after a restart?): extended instead",
            event.kind.value,
            event.open_key,
            holder,
        )
        events.set_evidence(
            holder,
            ended_at=event.ended_at or event.started_at,
            distance=event.distance,
            snapshot_path=event.snapshot_path or None,
            frame_path=event.frame_path or None,
        )
        return holder


def _resolve(events: EventRepository, open_key: str, raised_origin: str) -> int | None:
    open_id = events.find_open(open_key)
    if open_id is None or not raised_origin:
        return open_id
    own = events.find_by_origin(raised_origin)
    if own is not None and own != open_id:
        return None  # our event was closed already; the open one is a later situation
    return open_id
