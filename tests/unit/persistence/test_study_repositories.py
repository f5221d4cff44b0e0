"""Class sessions, attendance and online study round trips, and the Dashboard counts by scope."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

from app.domain.casework import Completion, Event
from app.domain.dashboard import DashboardCounts
from app.domain.enums import EventKind, EventState, PhotoFlag, Programme, ScopeLevel, Severity
from app.domain.event_tallies import EventTally
from app.domain.geography import Workspace
from app.domain.people import Learner, Scope
from app.domain.study import Attendance, CapturedPhoto, ClassSession, OnlineStudyRecord
from app.persistence import Database
from app.persistence.repositories import (
    ClassSessionRepository,
    CompletionRepository,
    EventRepository,
    OnlineStudyRepository,
    WorkspaceRepository,
)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


def test_class_sessions_of_a_day_with_rosters(
    database: Database, saved_learners: list[Learner], today: date
) -> None:
    ids = [x.id for x in saved_learners]
    with database.writing() as session:
        repository = ClassSessionRepository(session)
        afternoon = repository.add(
            ClassSession(
                0, 1, today, _at(today, 14), _at(today, 17, 30), [ids[2], ids[0]], "满分教育（下午）"
            )
        )
        morning = repository.add(
            ClassSession(0, 3, today, _at(today, 9), _at(today, 12), [ids[3]], "审验教育")
        )
        tomorrow = today + timedelta(days=1)
        repository.add(ClassSession(0, 1, tomorrow, _at(tomorrow, 9), _at(tomorrow, 12), [ids[0]]))
    assert afternoon.id > 0 and afternoon.roster == [ids[2], ids[0]]
    with database.reading() as session:
        repository = ClassSessionRepository(session)
        assert repository.sessions_on(today) == [morning, afternoon]  # by start time
        assert repository.sessions_on(today, Scope(ScopeLevel.COUNTY, county_id=1)) == [afternoon]
        assert repository.sessions_on(today, Scope(ScopeLevel.SITE, county_id=2, site_id=3)) == [morning]
        assert repository.sessions_on(today, Scope(ScopeLevel.CITY, classroom_id=3)) == [morning]
        assert repository.get(afternoon.id) == afternoon
    with database.writing() as session:
        ClassSessionRepository(session).set_roster(afternoon.id, [ids[1]])
    with database.reading() as session:
        changed = ClassSessionRepository(session).get(afternoon.id)
    assert changed is not None and changed.roster == [ids[1]]


def test_attendance_upsert(database: Database, saved_learners: list[Learner], today: date) -> None:
    learner_id = saved_learners[0].id
    with database.writing() as session:
        class_session = ClassSessionRepository(session).add(
            ClassSession(0, 1, today, _at(today, 9), _at(today, 12), [learner_id])
        )
    first = Attendance(class_session.id, learner_id, _at(today, 9, 2), _at(today, 10), 58.0, 0)
    later = Attendance(class_session.id, learner_id, _at(today, 9, 2), _at(today, 11, 58), 176.5, 1)
    for attendance in (first, later):
        with database.writing() as session:
            ClassSessionRepository(session).record_attendance(attendance)
        with database.reading() as session:
            assert ClassSessionRepository(session).attendance_for(class_session.id) == [attendance]


def test_online_records_with_photos_and_scores(database: Database, saved_learners: list[Learner]) -> None:
    learner_id = saved_learners[0].id
    day = date(2025, 3, 10)
    photos = [
        CapturedPhoto(0, 0, learner_id, _at(day, 20, m), f"capture/{m}.jpg", device="android")
        for m in (5, 40)
    ]
    with database.writing() as session:
        record = OnlineStudyRepository(session).add_record(
            OnlineStudyRecord(0, learner_id, _at(day, 20), _at(day, 23, 10), "P-1", photos)
        )
    assert record.id > 0 and record.minutes == 190
    assert {p.record_id for p in record.photos} == {record.id}
    with database.reading() as session:
        repository = OnlineStudyRepository(session)
        assert repository.records_for(learner_id) == [record]
        assert repository.photos_for(learner_id) == record.photos
        assert [p.id for p in repository.unscored_photos()] == [p.id for p in record.photos]

    scored = record.photos[1]
    with database.writing() as session:
        OnlineStudyRepository(session).save_photo_score(
            scored.id, distance=0.71, face_count=1, flags=[PhotoFlag.MISMATCH]
        )
    with database.reading() as session:
        repository = OnlineStudyRepository(session)
        loaded = repository.get_photo(scored.id)
        assert loaded is not None
        assert (loaded.distance, loaded.face_count, loaded.flags) == (0.71, 1, [PhotoFlag.MISMATCH])
        assert [p.id for p in repository.unscored_photos()] == [record.photos[0].id]
        assert repository.get_photo(10**6) is None


def test_unscored_photos_newest_first_in_keyset_pages(
    database: Database, saved_learners: list[Learner]
) -> None:
    learner_id = saved_learners[0].id
    day = date(2025, 3, 10)
    # Two photos share a capture time: the id breaks the tie, so paging never skips or repeats one.
    minutes = (5, 40, 40, 15, 50)
    photos = [
        CapturedPhoto(0, 0, learner_id, _at(day, 20, m), f"capture/{i}.jpg") for i, m in enumerate(minutes)
    ]
    with database.writing() as session:
        record = OnlineStudyRepository(session).add_record(
            OnlineStudyRecord(0, learner_id, _at(day, 20), _at(day, 21), "P-2", photos)
        )
        OnlineStudyRepository(session).save_photo_score(
            record.photos[4].id, distance=0.2, face_count=1, flags=[]
        )
    ids = [p.id for p in record.photos]
    expected = [ids[2], ids[1], ids[3], ids[0]]  # 20:40 (larger id first), 20:15, 20:05; 20:50 is scored
    with database.reading() as session:
        repository = OnlineStudyRepository(session)
        assert repository.count_unscored() == 4
        first = repository.unscored_newest_first(3)
        assert [p.id for p in first] == expected[:3]
        rest = repository.unscored_newest_first(3, (first[-1].captured_at, first[-1].id))
        assert [p.id for p in rest] == expected[3:]
        assert repository.unscored_newest_first(3, (rest[-1].captured_at, rest[-1].id)) == []


def test_dashboard_counts_by_scope(
    database: Database, saved_workspace: Workspace, saved_learners: list[Learner], today: date
) -> None:
    ids = [x.id for x in saved_learners]
    yesterday = today - timedelta(days=1)
    with database.writing() as session:
        sessions = ClassSessionRepository(session)
        sessions.add(ClassSession(0, 1, today, _at(today, 9), _at(today, 12), [ids[0], ids[1]]))
        sessions.add(ClassSession(0, 2, today, _at(today, 14), _at(today, 17), [ids[1], ids[2]]))
        sessions.add(ClassSession(0, 3, yesterday, _at(yesterday, 9), _at(yesterday, 12), [ids[3]]))
        photo = CapturedPhoto(0, 0, ids[3], _at(today, 8), "p.jpg")
        OnlineStudyRepository(session).add_record(
            OnlineStudyRecord(0, ids[3], _at(today, 7), _at(today, 10, 30), photos=[photo, photo])
        )
        completions = CompletionRepository(session)
        completions.add(Completion(0, ids[3], Programme.FULL_SCORE, _at(today, 11)))
        completions.add(Completion(0, ids[0], Programme.FULL_SCORE, _at(today, 11)))
        EventRepository(session).add_many(
            [
                Event(
                    0, EventKind.ABSENCE, Severity.MEDIUM, EventState.NEW, _at(today, 9, 30), classroom_id=1
                ),
                Event(
                    0,
                    EventKind.ABSENCE,
                    Severity.LOW,
                    EventState.DISMISSED,
                    _at(today, 9, 40),
                    classroom_id=3,
                ),
                Event(
                    0, EventKind.STREAM_LOST, Severity.HIGH, EventState.NEW, _at(today, 10)
                ),  # no classroom
            ]
        )

    with database.reading() as session:
        figures = WorkspaceRepository(session).counts
        city = figures(Scope.city(), today)
        # The charts' tallies (tested with their own queries in test_dashboard_chart_queries.py):
        # two absences in the 9 o'clock hour, the camera outage at 10; new events 2, high unclaimed 1.
        assert city.events_by_hour == (
            EventTally(9, EventKind.ABSENCE, 2),
            EventTally(10, EventKind.STREAM_LOST, 1),
        )
        assert (city.events_new, city.high_unclaimed) == (2, 1)

        def counts(scope: Scope, day: date) -> DashboardCounts:
            """The figures of the first dashboard, without the charts' tallies."""
            return dataclasses.replace(
                figures(scope, day), events_by_hour=(), events_by_classroom=(), events_new=0, high_unclaimed=0
            )

        assert counts(Scope.city(), today) == DashboardCounts(
            counties=2, sites=3, classrooms=3, cameras=4, learners=4, sessions_today=2,
            learners_rostered_today=3, online_records=1, captured_photos=2, completions_pending=2,
            events_open=2,
        )  # fmt: skip
        assert counts(Scope(ScopeLevel.COUNTY, county_id=2), today) == DashboardCounts(
            counties=1, sites=1, classrooms=1, cameras=1, learners=1, online_records=1, captured_photos=2,
            completions_pending=1,
        )  # fmt: skip
        # Site scope: learners are those rostered at the site (two, in the 09:00 session).
        assert counts(Scope(ScopeLevel.SITE, county_id=1, site_id=1), today) == DashboardCounts(
            counties=1, sites=1, classrooms=1, cameras=2, learners=2, sessions_today=1,
            learners_rostered_today=2, completions_pending=1, events_open=1,
        )  # fmt: skip
        assert counts(Scope.city(), today + timedelta(days=1)).sessions_today == 0
