"""The recordings review on real recordings and a seeded database (SQLite or PostgreSQL): the users,
a learner's event with a snapshot inside the recording, and a hole in the recordings. The `review`
fixture is registered for this folder by conftest.py."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import cv2
import numpy as np
import pytest

from app.domain.casework import Event, EventHistoryEntry
from app.domain.enums import EventKind, EventState, LicenceClass, Post, Programme, ScopeLevel, Severity
from app.domain.people import Learner, Scope, User
from app.persistence import Database
from app.persistence.repositories import (
    EventRepository,
    LearnerRepository,
    Recording,
    RecordingRepository,
    WorkspaceRepository,
)
from app.playback.review_service import RecordingReviewService
from tests.helpers.recorded_camera import RecordedCamera
from tests.helpers.recording_store import seeded_database

CITY = Scope(ScopeLevel.CITY)
DUTY = User(1, "duty", "值班领导甲", Post.DUTY_MANAGER, CITY)
SUPERVISOR = User(2, "sup", "监督岗乙", Post.SUPERVISOR, CITY)
OTHER_SUPERVISOR = User(3, "sup2", "监督岗丙", Post.SUPERVISOR, CITY)
ACCEPTANCE = User(4, "acc", "受理岗丁", Post.ACCEPTANCE, Scope(ScopeLevel.SITE, county_id=1, site_id=1))


@dataclass
class Review:
    service: RecordingReviewService
    database: Database
    rows: list[Recording]  # as stored in this database (rows[1] left out: a gap)
    all_rows: list[Recording]
    event: Event
    snapshot: bytes


@pytest.fixture
def review(database_url: str, recorded: RecordedCamera, tmp_path: Path) -> Iterator[Review]:
    root = tmp_path / "recordings"
    shutil.copytree(recorded.root, root)  # retention deletes files: never the shared recording's
    database = seeded_database(database_url, (7, 8))
    snapshot_path = tmp_path / "snapshots" / "face.jpg"
    snapshot_path.parent.mkdir()
    ok, jpeg = cv2.imencode(".jpg", np.full((48, 48, 3), 128, np.uint8))
    assert ok
    snapshot_path.write_bytes(jpeg.tobytes())
    originals = recorded.recordings
    with database.writing() as session:
        WorkspaceRepository(session).save_users([DUTY, SUPERVISOR, OTHER_SUPERVISOR, ACCEPTANCE])
        stored = [RecordingRepository(session).add(r) for r in originals]
        learner = LearnerRepository(session).add(
            Learner(0, "张三", "520502********1234", LicenceClass.C1, Programme.FULL_SCORE, 1)
        )
        start = originals[0].started_at
        inside = Event(
            0,
            EventKind.ABSENCE,
            Severity.MEDIUM,
            EventState.CONFIRMED,
            start + timedelta(seconds=0.5),
            start + timedelta(seconds=1.5),
            camera_id=7,
            classroom_id=1,
            learner_ids=[learner.id],
            snapshot_path=str(snapshot_path),
            history=[
                EventHistoryEntry(None, start + timedelta(seconds=1), None, EventState.NEW),
                EventHistoryEntry(
                    2, start + timedelta(seconds=2), EventState.NEW, EventState.CONFIRMED, "离座"
                ),
            ],
        )
        other_camera = dataclasses.replace(inside, camera_id=8, learner_ids=[], history=[])
        yesterday = dataclasses.replace(
            inside,
            started_at=start - timedelta(days=1),
            ended_at=start - timedelta(days=1) + timedelta(minutes=1),
        )
        event, _, _ = EventRepository(session).add_many([inside, other_camera, yesterday])
        RecordingRepository(session).delete(stored[1].id)  # a hole in the recordings
    service = RecordingReviewService(database, root, snapshot_roots=[tmp_path / "snapshots"])
    assert service.store == originals[0].store
    try:
        yield Review(service, database, [stored[0], *stored[2:]], stored, event, snapshot_path.read_bytes())
    finally:
        database.dispose()
