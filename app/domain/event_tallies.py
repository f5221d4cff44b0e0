"""Today's events counted for the Dashboard's charts: per hour, and per place under a scope.

The database counts events per (hour, kind) and per (classroom, kind); this module turns those
tallies into the bars a chart draws. The places are the level under the scope, so that a chart
always compares like with like: the counties of the city, the sites of a county, the classrooms
of a site. Places without events keep their (empty) bar. No Qt, no database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from app.domain.enums import EventKind, ScopeLevel
from app.domain.geography import Workspace
from app.domain.people import Scope

HOURS = 24


@dataclass(frozen=True, slots=True)
class EventTally:
    """How many events of one kind started within one bar of a Dashboard chart: `key` is an hour
    of today (0–23) or a classroom id (0: events of no classroom, such as a removed camera's)."""

    key: int
    kind: EventKind
    count: int


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: what it stands for (an hour's start, or a place's scope), its label, and its
    events per kind in EventKind order (kinds without events left out)."""

    label: str
    counts: dict[EventKind, int] = field(default_factory=dict)
    scope: Scope | None = None  # a place's bar: the scope a click narrows to
    hour: int | None = None  # an hour's bar

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _ordered(counts: dict[EventKind, int]) -> dict[EventKind, int]:
    return {kind: counts[kind] for kind in EventKind if counts.get(kind)}


def hourly_bars(tallies: Iterable[EventTally]) -> list[Bar]:
    """24 bars, midnight first; `label` is the hour as two digits."""
    counts: list[dict[EventKind, int]] = [{} for _ in range(HOURS)]
    for tally in tallies:
        if 0 <= tally.key < HOURS:
            hour = counts[tally.key]
            hour[tally.kind] = hour.get(tally.kind, 0) + tally.count
    return [Bar(f"{hour:02d}", _ordered(c), hour=hour) for hour, c in enumerate(counts)]


def place_bars(tallies: Iterable[EventTally], workspace: Workspace, scope: Scope) -> list[Bar]:
    """One bar per county (city scope), site (county scope) or classroom (site or classroom scope)
    in workspace order, each counting the events of its classrooms. `label` is the full name."""
    places: list[tuple[Scope, str, list[int]]] = []
    if scope.classroom_id is not None:
        room = workspace.classroom(scope.classroom_id)
        places.append((scope, room.name, [room.id]))
    elif scope.level is ScopeLevel.SITE and scope.site_id is not None:
        for room in workspace.classrooms_of(scope.site_id):
            room_scope = Scope(ScopeLevel.SITE, scope.county_id, scope.site_id, room.id)
            places.append((room_scope, room.name, [room.id]))
    elif scope.level is ScopeLevel.COUNTY and scope.county_id is not None:
        for site in workspace.sites_of(scope.county_id):
            rooms = [room.id for room in workspace.classrooms_of(site.id)]
            places.append((Scope(ScopeLevel.SITE, site.county_id, site.id), site.name, rooms))
    else:
        for county in workspace.counties:
            sites = workspace.sites_of(county.id)
            rooms = [room.id for site in sites for room in workspace.classrooms_of(site.id)]
            places.append((Scope(ScopeLevel.COUNTY, county.id), county.name, rooms))
    by_room: dict[int, dict[EventKind, int]] = {}
    for tally in tallies:
        room_counts = by_room.setdefault(tally.key, {})
        room_counts[tally.kind] = room_counts.get(tally.kind, 0) + tally.count
    bars = []
    for place_scope, name, rooms in places:
        counts: dict[EventKind, int] = {}
        for room_id in rooms:
            for kind, n in by_room.get(room_id, {}).items():
                counts[kind] = counts.get(kind, 0) + n
        bars.append(Bar(name, _ordered(counts), scope=place_scope))
    return bars
