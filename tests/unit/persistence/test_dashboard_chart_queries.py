"""The Dashboard's charts, coverage and pending work, read from a stored day on both backends."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest

from app.context import DashboardCounts
from app.dashboard_source import dashboard_source, watched_classrooms
from app.domain.enums import EventKind, ScopeLevel
from app.domain.event_tallies import EventTally
from app.domain.people import Scope
from app.persistence import Database
from app.persistence.repositories import WorkspaceRepository
from app.vision.analysis_types import AnalysisStatus
from tests.helpers.dashboard_world import at, seed_dashboard_day
from tests.unit.supervision.event_fixtures import create_database

DAY = date(2025, 3, 14)
NOW = at(DAY, 14, 30)
A, F, L, E, S = (
    EventKind.ABSENCE,
    EventKind.FACE_MISMATCH,
    EventKind.LATE_ARRIVAL,
    EventKind.EARLY_LEAVE,
    EventKind.STREAM_LOST,
)


@pytest.fixture
def world(database_url: str) -> Iterator[Database]:
    database = create_database(database_url)
    seed_dashboard_day(database, DAY)
    yield database
    database.dispose()


def coverage(figures: DashboardCounts) -> tuple[int, int, int]:
    return figures.classrooms_in_session, figures.classrooms_watched, figures.classrooms_recorded


def counts(database: Database, scope: Scope, **kwargs: object) -> DashboardCounts:
    with database.reading() as session:
        return WorkspaceRepository(session).counts(scope, DAY, **kwargs)  # type: ignore[arg-type]


def test_the_whole_city_now(world: Database) -> None:
    figures = counts(world, Scope.city(), now=NOW, watched={1004, 1003})
    assert figures.events_by_hour == (
        EventTally(9, A, 2), EventTally(10, E, 1), EventTally(11, S, 1),
        EventTally(14, A, 1), EventTally(14, F, 1), EventTally(14, L, 1),
    )  # fmt: skip
    assert figures.events_by_classroom == (
        EventTally(0, S, 1),
        EventTally(1001, A, 2), EventTally(1001, F, 1), EventTally(1001, L, 1),
        EventTally(1003, E, 1), EventTally(1004, A, 1),
    )  # fmt: skip
    # 1001 and 1004 have a class at 14:30 (1003's ended at noon); 1003 is watched but not in session.
    assert (figures.classrooms_in_session, figures.classrooms_watched, figures.classrooms_recorded) == (
        2,
        1,
        1,
    )
    assert (figures.events_new, figures.high_unclaimed, figures.spot_checks_pending) == (6, 2, 2)


def test_a_county_sees_its_own(world: Database) -> None:
    figures = counts(world, Scope(ScopeLevel.COUNTY, 12), now=NOW, watched={1004})
    assert figures.events_by_hour == (EventTally(14, A, 1),)
    assert figures.events_by_classroom == (EventTally(1004, A, 1),)
    assert (figures.classrooms_in_session, figures.classrooms_watched, figures.classrooms_recorded) == (
        1,
        1,
        0,
    )
    assert (figures.events_new, figures.high_unclaimed, figures.spot_checks_pending) == (2, 1, 1)


def test_recorded_follows_the_open_segment_and_the_clock(world: Database) -> None:
    # At 15:45 camera 1's segment opened 76 minutes ago and was never closed: a crashed writer's;
    # 1004's class is over.
    later = counts(world, Scope.city(), now=at(DAY, 15, 45))
    assert (later.classrooms_in_session, later.classrooms_recorded) == (1, 0)
    assert counts(world, Scope.city()).classrooms_in_session == 0  # no moment given: no coverage


def test_the_source_reads_the_analysis_statuses(world: Database) -> None:
    recent = AnalysisStatus(5, 1.0, 3, NOW - timedelta(seconds=2), 10, 0, True)
    stale = AnalysisStatus(1, 1.0, 3, NOW - timedelta(minutes=1), 10, 0, True)

    class Analysis:
        def statuses(self) -> dict[int, AnalysisStatus]:
            return {5: recent, 1: stale}

    rooms = {1: 1001, 4: 1003, 5: 1004}
    assert watched_classrooms(Analysis().statuses(), rooms, NOW) == {1004}
    source = dashboard_source(world, rooms, Analysis(), clock=lambda: NOW)
    figures = source(Scope.city())
    assert (figures.classrooms_in_session, figures.classrooms_watched) == (2, 1)
    assert figures.events_new == 6 and figures.learners == 4
    assert (
        dashboard_source(world, rooms, None, clock=lambda: datetime(2025, 3, 15, 9))(
            Scope.city()
        ).events_by_hour
        == ()
    )
