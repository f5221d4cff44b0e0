"""The Dashboard's charts, coverage and pending work, read from a stored day on both backends."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest

from app.dashboard_source import dashboard_source, watched_classrooms
from app.domain.dashboard import DashboardCounts
from app.domain.enums import EventKind, ScopeLevel
from app.domain.event_tallies import EventTally
from app.domain.people import Scope
from app.persistence import Database
from app.persistence.repositories import WorkspaceRepository
from app.vision.analysis_types import AnalysisStatus
from tests.helpers.dashboard_world import at, seed_dashboard_day
from tests.helpers.event_world import create_database

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


def test_a_camera_in_an_analysis_gap_is_not_watched_and_the_gaps_are_added_up(world: Database) -> None:
    from dataclasses import replace

    from app.domain.coverage_gaps import Subsystem
    from app.gap_recorder import GapRecorder
    from app.vision.analysis_types import with_gaps

    gaps = GapRecorder(world, "ws-dash")
    # Earlier today a worker crash on camera 5 lasted 95 s; since 14:29:30 analysis is down again.
    gaps.record_span(
        Subsystem.ANALYSIS_WORKER, (5,), at(DAY, 10, 0), at(DAY, 10, 0) + timedelta(seconds=95), "hung"
    )
    key = gaps.open(
        Subsystem.FACE_ANALYSIS,
        "enrolment failed: database or disk is full",
        (5,),
        NOW - timedelta(seconds=30),
    )
    gaps.record_span(Subsystem.PHOTO_SCORING, (), at(DAY, 11, 0), at(DAY, 12, 0), "not analysis: not counted")
    assert gaps.flush(NOW)
    recent = AnalysisStatus(5, 1.0, 3, NOW - timedelta(seconds=2), 10, 0, True)  # a result 2 s ago

    class Analysis:
        def statuses(self) -> dict[int, AnalysisStatus]:
            return with_gaps({5: recent}, gaps.open_gaps())

    rooms = {1: 1001, 4: 1003, 5: 1004}
    assert Analysis().statuses()[5] == replace(recent, interrupted_since=NOW - timedelta(seconds=30))
    assert watched_classrooms(Analysis().statuses(), rooms, NOW) == set()  # in a gap: not watched
    figures = dashboard_source(world, rooms, Analysis(), clock=lambda: NOW, gaps=gaps)(Scope.city())
    assert figures.classrooms_watched == 0
    summary = figures.analysis_gaps
    assert summary is not None and summary.count == 2
    assert summary.total == timedelta(seconds=125)
    assert summary.current is not None and summary.current.key == key
    gaps.close(key, NOW)
    assert gaps.flush(NOW)
    again = dashboard_source(world, rooms, Analysis(), clock=lambda: NOW, gaps=GapRecorder(world, "ws-dash"))
    stored = again(Scope.city()).analysis_gaps
    assert stored is not None and (stored.count, stored.total, stored.current) == (
        2,
        timedelta(seconds=125),
        None,
    )
