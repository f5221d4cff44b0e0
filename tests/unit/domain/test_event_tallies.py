"""Today's event tallies become the Dashboard's bars: 24 hours, and the places under a scope."""

from __future__ import annotations

from app.domain.enums import EventKind, ScopeLevel
from app.domain.event_tallies import EventTally, hourly_bars, place_bars
from app.domain.people import Scope
from tests.helpers.workspaces import build_workspace

A, F, L = EventKind.ABSENCE, EventKind.FACE_MISMATCH, EventKind.LATE_ARRIVAL
# Classrooms 1001, 1002 (site 101) and 1003 (site 102) are in county 11; 1004, 1005 (site 103) in 12.
TALLIES = [EventTally(1001, A, 2), EventTally(1001, F, 1), EventTally(1003, L, 4), EventTally(1005, A, 1)]


def test_hours_keep_every_hour_and_the_kinds_in_order() -> None:
    tallies = [EventTally(14, L, 1), EventTally(14, F, 2), EventTally(9, A, 3), EventTally(30, A, 9)]
    bars = hourly_bars(tallies)
    assert len(bars) == 24 and [bar.hour for bar in bars] == list(range(24))
    assert bars[9].label == "09" and bars[9].counts == {A: 3}
    assert list(bars[14].counts) == [L, F] and bars[14].total == 3  # EventKind order, not arrival order
    assert sum(bar.total for bar in bars) == 6  # an hour outside the day is dropped


def test_a_city_compares_its_counties() -> None:
    bars = place_bars(TALLIES, build_workspace(), Scope.city())
    assert [(bar.label, bar.scope, bar.counts) for bar in bars] == [
        ("七星关区", Scope(ScopeLevel.COUNTY, 11), {A: 2, L: 4, F: 1}),
        ("大方县", Scope(ScopeLevel.COUNTY, 12), {A: 1}),
    ]


def test_a_county_compares_its_sites_and_a_site_its_classrooms() -> None:
    workspace = build_workspace()
    sites = place_bars(TALLIES, workspace, Scope(ScopeLevel.COUNTY, 11))
    assert [(bar.scope, bar.total) for bar in sites] == [
        (Scope(ScopeLevel.SITE, 11, 101), 3),
        (Scope(ScopeLevel.SITE, 11, 102), 4),
    ]
    rooms = place_bars(TALLIES, workspace, Scope(ScopeLevel.SITE, 11, 101))
    assert [(bar.label, bar.total) for bar in rooms] == [("第一教室", 3), ("第二教室", 0)]  # empty bars stay
    assert rooms[0].scope == Scope(ScopeLevel.SITE, 11, 101, 1001)
    one = place_bars(TALLIES, workspace, Scope(ScopeLevel.SITE, 12, 103, 1005))
    assert [(bar.label, bar.counts) for bar in one] == [("警示教育室", {A: 1})]
