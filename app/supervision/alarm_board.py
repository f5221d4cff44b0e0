"""The wall's alarms: new high-severity events that nobody has claimed yet, by camera. Pure; no Qt.

An alarm is raised for a new high-severity event with a camera (the Events pane's poll finds it)
and stays until the event leaves the New state — claimed, escalated or decided, by this officer
or any other (the next poll says which alarmed events are still New). Whether an alarm is heard
is the officer's choice per camera: muted for good, or snoozed until a moment (`audible`).

Threads: one board per Events pane, used on the GUI thread only.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from app.domain.casework import Event
from app.domain.enums import EventKind, EventState, Severity


@dataclass(frozen=True, slots=True)
class Alarm:
    event_id: int
    camera_id: int
    kind: EventKind
    started_at: datetime


class AlarmBoard:
    def __init__(self) -> None:
        self._alarms: dict[int, Alarm] = {}  # by event id

    def raise_for(self, events: Iterable[Event]) -> list[Alarm]:
        """Alarms for those of `events` that call for one (high severity, New, with a camera);
        returns the alarms that were not up yet."""
        raised = []
        for event in events:
            if (
                event.severity is Severity.HIGH
                and event.state is EventState.NEW
                and event.camera_id is not None
                and event.id not in self._alarms
            ):
                alarm = Alarm(event.id, event.camera_id, event.kind, event.started_at)
                self._alarms[event.id] = alarm
                raised.append(alarm)
        return raised

    def keep_only(self, unclaimed: Collection[int]) -> bool:
        """Drop the alarms whose event is no longer New; True when any was dropped."""
        settled = [event_id for event_id in self._alarms if event_id not in unclaimed]
        for event_id in settled:
            del self._alarms[event_id]
        return bool(settled)

    def settle(self, event: Event) -> bool:
        """An event changed here (this officer claimed or decided it); True when its alarm went."""
        if event.state is EventState.NEW or event.id not in self._alarms:
            return False
        del self._alarms[event.id]
        return True

    def event_ids(self) -> frozenset[int]:
        return frozenset(self._alarms)

    def by_camera(self) -> dict[int, list[Alarm]]:
        """Camera id → its alarms, newest first."""
        cameras: dict[int, list[Alarm]] = {}
        for alarm in sorted(self._alarms.values(), key=lambda a: (a.started_at, a.event_id), reverse=True):
            cameras.setdefault(alarm.camera_id, []).append(alarm)
        return cameras


def audible(
    events: Iterable[Event], muted: Collection[int], snoozed: Mapping[int, datetime], now: datetime
) -> bool:
    """Whether new high-severity `events` should sound: any of them on a camera that is neither
    muted nor snoozed past `now` (an event without a camera cannot be muted)."""
    for event in events:
        camera = event.camera_id
        if camera is None:
            return True
        until = snoozed.get(camera)
        if camera not in muted and (until is None or until <= now):
            return True
    return False
