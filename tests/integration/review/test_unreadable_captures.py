"""A capture photo that cannot be read is flagged UNREADABLE and sampled, not retried for ever
(issue 14, item 7), through the real scoring worker (a child process running dlib).

Reported: a corrupt, truncated, empty or missing capture file was never scored or flagged and was
skipped again at every pass (every 30 s) for as long as the console ran, so the officer never saw it.
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.demo.photos import write_capture_photo, write_enrolment_photo
from app.domain.enums import LicenceClass, Programme
from app.domain.geography import City, County, Workspace
from app.domain.people import EnrolmentPhoto, Learner
from app.domain.study import CapturedPhoto, OnlineStudyRecord
from app.persistence import Database, upgrade_to_head
from app.persistence.orm import CapturedPhotoRow, SpotCheckRow
from app.persistence.repositories import LearnerRepository, OnlineStudyRepository, WorkspaceRepository
from app.review.photo_scoring_job import PhotoScoringJob
from app.review.photo_scoring_worker import PassFinished, ScoringConfig
from app.review.spot_check_sampling import SamplingPolicy, sample_day
from tests.helpers.waiting import wait_until

DAY = date(2025, 3, 14)
SYNTHETIC_THRESHOLD = 0.32
FACE = 101


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'scoring.sqlite3'}"


@pytest.fixture
def database(url: str) -> Iterator[Database]:
    upgrade_to_head(url)
    database = Database(url)
    yield database
    database.dispose()


def add_captures(database: Database, media: Path, names: list[str]) -> dict[str, CapturedPhoto]:
    """One learner (enrolled with FACE) with one capture per name, at media/capture/<name>.jpg."""
    enrolment = media / "enrol" / "learner.jpg"
    write_enrolment_photo(enrolment, FACE)
    with database.writing() as session:
        WorkspaceRepository(session).save_workspace(
            Workspace(City(1, "毕节市", "520500"), [County(1, 1, "七星关区", "520502")], [], [], [])
        )
        learner = LearnerRepository(session).add(
            Learner(
                0,
                "张三",
                "520502********123X",
                LicenceClass.C1,
                Programme.FULL_SCORE,
                1,
                photos=[EnrolmentPhoto(0, 0, str(enrolment), date(2025, 1, 2))],
            )
        )
    photos: dict[str, CapturedPhoto] = {}
    start = datetime.combine(DAY, datetime.min.time()).replace(hour=20)
    for index, name in enumerate(names):
        at = start + timedelta(minutes=5 * index)
        with database.writing() as session:
            record = OnlineStudyRepository(session).add_record(
                OnlineStudyRecord(
                    0,
                    learner.id,
                    at,
                    at + timedelta(hours=1),
                    f"P-{index}",
                    [CapturedPhoto(0, 0, learner.id, at, str(media / "capture" / f"{name}.jpg"))],
                )
            )
        photos[name] = record.photos[0]
    return photos


def stored(database: Database, photos: dict[str, CapturedPhoto]) -> dict[str, CapturedPhotoRow]:
    by_id = {photo.id: name for name, photo in photos.items()}
    with database.reading() as session:
        found = session.scalars(select(CapturedPhotoRow).where(CapturedPhotoRow.id.in_(by_id)))
        return {by_id[row.id]: row for row in found}


def run_scorer(database: Database, config: ScoringConfig, passes_wanted: int) -> list[PassFinished]:
    passes: list[PassFinished] = []
    enough = threading.Event()

    def on_pass(finished: PassFinished) -> None:
        passes.append(finished)
        if len(passes) >= passes_wanted:
            enough.set()

    job = PhotoScoringJob(config, on_pass=on_pass)
    job.start()
    try:
        assert enough.wait(90), f"the scorer ran only {len(passes)} passes"
    finally:
        job.stop(timeout=10)
    return passes


def test_empty_garbage_and_truncated_captures_are_flagged_unreadable_and_sampled(
    tmp_path: Path, url: str, database: Database
) -> None:
    media = tmp_path / "media"
    photos = add_captures(database, media, ["genuine", "empty", "garbage", "truncated"])
    folder = media / "capture"
    write_capture_photo(folder / "genuine.jpg", FACE, 1000, "genuine")
    (folder / "empty.jpg").write_bytes(b"")
    (folder / "garbage.jpg").write_bytes(random.Random(14).randbytes(6000))
    write_capture_photo(folder / "truncated.jpg", FACE, 1003, "genuine")
    whole = (folder / "truncated.jpg").read_bytes()
    (folder / "truncated.jpg").write_bytes(whole[: len(whole) * 2 // 5])  # the download broke off
    an_hour_ago = time.time() - 3600  # long finished: nobody is still writing them
    for name in ("empty", "garbage", "truncated"):
        os.utime(folder / f"{name}.jpg", (an_hour_ago, an_hour_ago))

    config = ScoringConfig(database_url=url, threshold=SYNTHETIC_THRESHOLD, interval_s=0.2, nice=0)
    passes = run_scorer(database, config, passes_wanted=3)

    rows = stored(database, photos)
    assert rows["genuine"].flags == [] and rows["genuine"].face_count == 1
    for name in ("empty", "garbage", "truncated"):
        row = rows[name]
        flags = [flag.value for flag in row.flags]  # by code: stated the same before and after the fix
        assert flags == ["unreadable"], f"{name}: {flags} (face count {row.face_count})"
        assert row.face_count == 0 and row.distance is None
    assert [p.missing for p in passes] == [0] * len(passes)  # none skipped to be retried later
    assert passes[0].scored == 4 and all(p.scored == 0 for p in passes[1:])  # flagged once

    sample_day(database, DAY, SamplingPolicy(random_share=0.0, seed=1), sampled_by=None)
    with database.reading() as session:
        reasons = {row.photo_id: row.reason for row in session.scalars(select(SpotCheckRow))}
    assert reasons == {photos[n].id: "flagged:unreadable" for n in ("empty", "garbage", "truncated")}


def test_a_missing_capture_is_retried_for_a_while_then_flagged(
    tmp_path: Path, url: str, database: Database
) -> None:
    media = tmp_path / "media"
    photos = add_captures(database, media, ["away", "arrives"])
    config = ScoringConfig(
        database_url=url,
        threshold=SYNTHETIC_THRESHOLD,
        interval_s=0.2,
        nice=0,
        missing_grace_s=1.5,
    )
    passes: list[PassFinished] = []
    arrived = threading.Event()

    def on_pass(finished: PassFinished) -> None:
        passes.append(finished)
        if len(passes) == 2:  # the share is back for this one
            write_capture_photo(media / "capture" / "arrives.jpg", FACE, 1001, "genuine")
            arrived.set()

    job = PhotoScoringJob(config, on_pass=on_pass)
    job.start()
    try:
        wait_until(
            lambda: (
                arrived.is_set() and all(r.face_count is not None for r in stored(database, photos).values())
            ),
            90,
            interval=0.2,
            message="a pass that scored every photo",
        )
    finally:
        job.stop(timeout=10)

    rows = stored(database, photos)
    assert [f.value for f in rows["away"].flags] == ["unreadable"], f"not flagged in {len(passes)} passes"
    assert rows["arrives"].flags == [] and rows["arrives"].face_count == 1  # waited for, then scored
    flagged_in = next(i for i, p in enumerate(passes) if p.unreadable)
    assert flagged_in >= 2  # it was retried on later passes first
    assert all(p.missing >= 1 for p in passes[:flagged_in])
