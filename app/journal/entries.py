"""What the event journal holds: five kinds of entry, and how each is written to and read from disk.

An entry is one change the database must receive: an event raised (with its fresh origin key, the
idempotent delivery key), an open event extended or closed (named by its open key, and by the
origin of the raise this workstation made for it when it knows one), a recording index row saved
or removed. Entries are stored as JSON text (one line each in the local journal), so a journal
written by one version of the console is read by the next; unknown fields are ignored.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.domain.casework import Event, EventComment, EventHistoryEntry
from app.domain.enums import EventKind, EventState, Severity
from app.domain.recordings import Recording


@dataclass(frozen=True, slots=True)
class RaiseEntry:
    """Store `event` (its `origin` is set; `open_key` set while it lasts)."""

    event: Event


@dataclass(frozen=True, slots=True)
class ExtendEntry:
    """The open event under `open_key` lasts longer, perhaps with better evidence."""

    open_key: str
    ended_at: datetime
    raised_origin: str = ""  # the origin of this workstation's raise, when it made one
    distance: float | None = None
    snapshot_path: str | None = None
    frame_path: str | None = None


@dataclass(frozen=True, slots=True)
class CloseEntry:
    """The situation under `open_key` is over: final `ended_at`, and a history note when given."""

    open_key: str
    ended_at: datetime
    raised_origin: str = ""
    note: str | None = None  # None: no history line (stream outages add none)


@dataclass(frozen=True, slots=True)
class IndexSaveEntry:
    """Insert or update the recording index row of (store, path): an idempotent upsert."""

    recording: Recording


@dataclass(frozen=True, slots=True)
class IndexForgetEntry:
    """Remove the index row of a segment whose file held nothing playable."""

    store: str
    path: str


JournalEntry = RaiseEntry | ExtendEntry | CloseEntry | IndexSaveEntry | IndexForgetEntry


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _event_json(event: Event) -> dict[str, Any]:
    values = dataclasses.asdict(event)
    values["started_at"] = event.started_at.isoformat()
    values["ended_at"] = event.ended_at.isoformat() if event.ended_at else None
    values["comments"] = [{**dataclasses.asdict(c), "at": c.at.isoformat()} for c in event.comments]
    values["history"] = [{**dataclasses.asdict(h), "at": h.at.isoformat()} for h in event.history]
    return values


def _event_from(values: dict[str, Any]) -> Event:
    known = {f.name for f in dataclasses.fields(Event)}
    values = {k: v for k, v in values.items() if k in known}
    values["kind"] = EventKind(values["kind"])
    values["severity"] = Severity(values["severity"])
    values["state"] = EventState(values["state"])
    values["started_at"] = _when(values["started_at"])
    values["ended_at"] = _when(values.get("ended_at"))
    values["comments"] = [
        EventComment(author_id=c["author_id"], at=datetime.fromisoformat(c["at"]), text=c["text"])
        for c in values.get("comments", [])
    ]
    values["history"] = [
        EventHistoryEntry(
            actor_id=h["actor_id"],
            at=datetime.fromisoformat(h["at"]),
            from_state=EventState(h["from_state"]) if h["from_state"] else None,
            to_state=EventState(h["to_state"]),
            note=h.get("note", ""),
        )
        for h in values.get("history", [])
    ]
    return Event(**values)


def encode(entry: JournalEntry) -> str:
    """One line of JSON naming the entry's kind."""
    if isinstance(entry, RaiseEntry):
        body: dict[str, Any] = {"kind": "raise", "event": _event_json(entry.event)}
    elif isinstance(entry, IndexSaveEntry):
        recording = dataclasses.asdict(entry.recording)
        recording["started_at"] = entry.recording.started_at.isoformat()
        recording["ended_at"] = entry.recording.ended_at.isoformat() if entry.recording.ended_at else None
        body = {"kind": "index-save", "recording": recording}
    else:
        kind = {ExtendEntry: "extend", CloseEntry: "close", IndexForgetEntry: "index-forget"}[type(entry)]
        body = {"kind": kind, **dataclasses.asdict(entry)}
        if "ended_at" in body:
            body["ended_at"] = body["ended_at"].isoformat()
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def decode(text: str) -> JournalEntry:
    """The entry `encode` wrote; ValueError (or KeyError) for a line that is not one."""
    body = json.loads(text)
    kind = body.pop("kind")
    if kind == "raise":
        return RaiseEntry(_event_from(body["event"]))
    if kind == "index-save":
        values = body["recording"]
        known = {f.name for f in dataclasses.fields(Recording)}
        values = {k: v for k, v in values.items() if k in known}
        values["started_at"] = _when(values["started_at"])
        values["ended_at"] = _when(values.get("ended_at"))
        return IndexSaveEntry(Recording(**values))
    if kind == "index-forget":
        return IndexForgetEntry(store=body["store"], path=body["path"])
    if kind not in ("extend", "close"):
        raise ValueError(f"not a journal entry: {kind!r}")
    entry_class: type[ExtendEntry] | type[CloseEntry] = ExtendEntry if kind == "extend" else CloseEntry
    known = {f.name for f in dataclasses.fields(entry_class)}
    values = {k: v for k, v in body.items() if k in known}
    values["ended_at"] = datetime.fromisoformat(values["ended_at"])
    return entry_class(**values)
