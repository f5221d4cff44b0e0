"""What the rules engine asks the event store to do: raise, extend or close one event.

The engine names each event with an `EventKey` (session, kind, subject) because it never waits for
the database to hand back an id; the sink (app.supervision.event_writer) maps keys to ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from app.domain.casework import Event, open_key_for
from app.domain.enums import EventKind


@dataclass(frozen=True, slots=True)
class EventKey:
    """One open event per session, kind and subject (a learner id, or "camera:<id>" for strangers)."""

    session_id: int
    kind: EventKind
    subject: str

    @property
    def open_key(self) -> str:
        return open_key_for(self.kind, self.session_id, self.subject)


@dataclass(frozen=True, slots=True)
class RaiseEvent:
    key: EventKey
    event: Event  # id 0; `ended_at` is "so far", or final when `finished`
    note: str = ""  # the history line of the system's "raised" entry
    finished: bool = False  # over when raised (late arrival, early leave): never extended or closed


@dataclass(frozen=True, slots=True)
class ExtendEvent:
    """The event lasts longer (and may have better evidence): update what is given."""

    key: EventKey
    ended_at: datetime
    distance: float | None = None
    snapshot_path: str | None = None
    frame_path: str | None = None


@dataclass(frozen=True, slots=True)
class CloseEvent:
    """The situation is over: final `ended_at`, and a history note saying why."""

    key: EventKey
    ended_at: datetime
    note: str = ""


EngineAction = RaiseEvent | ExtendEvent | CloseEvent


class EngineSink(Protocol):
    """Receives the engine's actions. Must not block (the writer queues them for its thread)."""

    def submit(self, action: EngineAction) -> None: ...


class ListSink:
    """Keeps actions in a list: for tests and for replaying a scripted day."""

    def __init__(self) -> None:
        self.actions: list[EngineAction] = []

    def submit(self, action: EngineAction) -> None:
        self.actions.append(action)

    def raised(self, kind: EventKind | None = None) -> list[RaiseEvent]:
        return [a for a in self.actions if isinstance(a, RaiseEvent) and kind in (None, a.key.kind)]

    def closed(self, kind: EventKind | None = None) -> list[CloseEvent]:
        return [a for a in self.actions if isinstance(a, CloseEvent) and kind in (None, a.key.kind)]

    def extended(self, kind: EventKind | None = None) -> list[ExtendEvent]:
        return [a for a in self.actions if isinstance(a, ExtendEvent) and kind in (None, a.key.kind)]
