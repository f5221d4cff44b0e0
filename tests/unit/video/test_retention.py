"""Retention by age, by a quota and by an emergency floor of free space: oldest first, never locked or
open segments nor those an undecided event needs; every pass that deletes is audited."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.enums import EventKind, EventState, Severity
from app.persistence import Database
from app.persistence.orm import AuditEntryRow, EventRow
from app.persistence.repositories import Recording, RecordingRepository
from app.review.audit_chain import append_entry
from app.video.recorder_settings import RetentionPolicy
from app.video.retention import DiskUsage, DiskUsageFn, RetentionReport, RetentionRunner, apply_retention
from tests.helpers.recording_store import all_recordings, seeded_database

NOW = datetime(2025, 3, 14, 12, 0, 0)
STORE = "store-a"
SIZE = 1000


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = seeded_database(f"sqlite:///{tmp_path / 'index.sqlite3'}")
    yield db
    db.dispose()


def add_segments(
    database: Database, root: Path, starts: list[datetime], *, camera_id: int = 7, store: str = STORE
) -> list[Recording]:
    added = []
    with database.writing() as session:
        repository = RecordingRepository(session)
        for start in starts:
            path = f"{camera_id}/{start:%Y-%m-%d}/{camera_id}_{start:%Y%m%d-%H%M%S}.mp4"
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_bytes(b"x" * SIZE)
            end = start + timedelta(seconds=60)
            added.append(repository.add(Recording(0, camera_id, store, start, end, path, SIZE, 1500, 60.0)))
    return added


def lock(database: Database, recording: Recording) -> None:
    with database.writing() as session:
        RecordingRepository(session).set_locked(recording.id, True)


def reopen(database: Database, recording: Recording) -> None:
    with database.writing() as session:
        RecordingRepository(session).save(replace(recording, ended_at=None))


def simulated_disk(root: Path, total: int) -> DiskUsageFn:
    """A disk of `total` bytes holding only the recordings: free space grows as files are deleted."""

    def usage(_path: Path) -> DiskUsage:
        used = sum(p.stat().st_size for p in root.rglob("*.mp4"))
        return DiskUsage(total, used, total - used)

    return usage


def test_age_limit_deletes_old_segments_but_never_locked_or_open_ones(
    database: Database, tmp_path: Path
) -> None:
    root = tmp_path / "rec"
    old = [NOW - timedelta(days=40, minutes=m) for m in (5, 4, 3, 2)]
    recent = [NOW - timedelta(days=1)]
    segments = add_segments(database, root, old + recent)
    lock(database, segments[1])
    reopen(database, segments[2])  # a crashed segment not yet recovered, or being written
    policy = RetentionPolicy(max_age_days=30, quota_percent=None, floor_free_mb=0)
    report = apply_retention(database, root, STORE, policy, now=NOW)
    assert [d.path for d in report.deleted] == [segments[0].path, segments[3].path]
    assert {d.reason for d in report.deleted} == {"age"} and report.freed_bytes == 2 * SIZE
    left = {r.path for r in all_recordings(database, STORE)}
    assert left == {segments[1].path, segments[2].path, segments[4].path}
    assert {p.relative_to(root).as_posix() for p in root.rglob("*.mp4")} == left
    assert report.errors == []


def test_free_space_limit_deletes_oldest_first_until_enough_is_free(
    database: Database, tmp_path: Path
) -> None:
    root = tmp_path / "rec"
    segments = add_segments(database, root, [NOW - timedelta(minutes=m) for m in range(8, 0, -1)])
    lock(database, segments[0])  # the oldest is evidence
    other_store = add_segments(database, root, [NOW - timedelta(hours=5)], camera_id=8, store="store-b")
    # 10 kB disk, 9 kB used by 9 files: a floor of 50 % free means deleting 4 of this store's.
    policy = RetentionPolicy(
        max_age_days=None, quota_percent=None, floor_free_mb=10**6, floor_free_percent=50
    )
    disk = simulated_disk(root, 10 * SIZE)
    report = apply_retention(
        database,
        root,
        STORE,
        policy,
        now=NOW,
        disk_usage=disk,
        protected={segments[2].path},
    )
    assert [d.path for d in report.deleted] == [
        s.path for s in (segments[1], segments[3], segments[4], segments[5])
    ]
    assert {d.reason for d in report.deleted} == {"disk space"}
    assert report.free_bytes_after == 5 * SIZE and report.still_short_bytes == 0
    assert (root / segments[0].path).exists() and (root / segments[2].path).exists()
    assert (root / other_store[0].path).exists()  # another workstation's folder is not ours to clean


def test_when_nothing_more_may_go_the_shortfall_is_reported(database: Database, tmp_path: Path) -> None:
    root = tmp_path / "rec"
    segments = add_segments(database, root, [NOW - timedelta(minutes=3), NOW - timedelta(minutes=2)])
    lock(database, segments[0])
    policy = RetentionPolicy(
        max_age_days=None, quota_percent=None, floor_free_mb=10**6, floor_free_percent=90
    )
    report = apply_retention(
        database, root, STORE, policy, now=NOW, disk_usage=simulated_disk(root, 4 * SIZE)
    )
    assert [d.path for d in report.deleted] == [segments[1].path]
    assert report.still_short_bytes == int(4 * SIZE * 0.9) - 3 * SIZE


def test_file_already_gone_row_already_gone_and_undeletable_file(database: Database, tmp_path: Path) -> None:
    root = tmp_path / "rec"
    segments = add_segments(database, root, [NOW - timedelta(days=40, minutes=m) for m in (3, 2, 1)])
    (root / segments[0].path).unlink()  # deleted by hand: the row goes anyway
    (root / segments[1].path).unlink()
    (root / segments[1].path).mkdir()  # cannot be unlinked: the row must stay with it
    policy = RetentionPolicy(max_age_days=30, quota_percent=None, floor_free_mb=0)
    report = apply_retention(database, root, STORE, policy, now=NOW)
    assert [d.path for d in report.deleted] == [segments[0].path, segments[2].path]
    assert len(report.errors) == 1 and segments[1].path in report.errors[0]
    assert [r.path for r in all_recordings(database, STORE)] == [segments[1].path]
    with database.writing() as session:  # another workstation removed it first: no error, nothing to do
        assert RecordingRepository(session).delete_unlocked(segments[1].id)
        assert not RecordingRepository(session).delete_unlocked(segments[1].id)


def test_runner_runs_now_and_then_periodically(database: Database, tmp_path: Path) -> None:
    root = tmp_path / "rec"
    policy = RetentionPolicy(max_age_days=30, quota_percent=None, floor_free_mb=0, interval_seconds=0.05)
    reports: list[RetentionReport] = []
    three = threading.Event()

    def collect(report: RetentionReport) -> None:
        reports.append(report)
        if len(reports) >= 3:
            three.set()

    runner = RetentionRunner(
        lambda: apply_retention(database, root, STORE, policy, now=NOW), 0.05, on_report=collect
    )
    runner.start()
    assert three.wait(5)
    assert runner.stop(5) and runner.last_report is not None


def test_policy_limits_are_validated_and_the_floor_never_exceeds_its_share_of_a_small_disk() -> None:
    policy = RetentionPolicy()
    assert policy.quota_bytes(300 * 10**6) == 240 * 10**6  # 80 % of the disk
    assert policy.floor_bytes(300 * 10**6) == 15 * 10**6  # 1 GB asked, 5 % of a small disk given
    assert policy.floor_bytes(2 * 10**12) == 10**9
    assert RetentionPolicy(quota_gb=100, quota_percent=10).quota_bytes(2 * 10**12) == 10**11
    assert RetentionPolicy(quota_gb=None, quota_percent=None).quota_bytes(10**12) is None
    with pytest.raises(ValueError):
        RetentionPolicy(quota_percent=101)
    with pytest.raises(ValueError):
        RetentionPolicy(max_age_days=-1)


MB = 1_000_000


def scaled_disk(root: Path, total: int, scale: int) -> DiskUsageFn:
    """A disk of `total` bytes on which each byte of a test file stands for `scale` bytes."""

    def usage(_path: Path) -> DiskUsage:
        used = sum(p.stat().st_size for p in root.rglob("*.mp4")) * scale
        return DiskUsage(total, used, total - used)

    return usage


def add_day(database: Database, root: Path, count: int, *, size: int, start: datetime) -> list[Recording]:
    """`count` one-minute segments from `start`, each indexed as `size` bytes (its file is 1 kB)."""
    added = []
    with database.writing() as session:
        repository = RecordingRepository(session)
        for n in range(count):
            begin = start + timedelta(minutes=n)
            path = f"7/{begin:%Y-%m-%d}/7_{begin:%Y%m%d-%H%M%S}.mp4"
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_bytes(b"x" * 1000)
            end = begin + timedelta(seconds=60)
            added.append(repository.add(Recording(0, 7, STORE, begin, end, path, size, 1500, 60.0)))
    return added


def test_default_policy_keeps_a_small_disks_day_of_recordings(database: Database, tmp_path: Path) -> None:
    """A 300 MB disk holding 214 one-megabyte segments of today: the defaults delete none of them
    (the old fixed "20 GB free" deleted all 214 on the first pass)."""
    root = tmp_path / "rec"
    add_day(database, root, 214, size=MB, start=NOW - timedelta(hours=4))
    report = apply_retention(
        database, root, STORE, RetentionPolicy(), now=NOW, disk_usage=scaled_disk(root, 300 * MB, 1000)
    )
    assert report.deleted == [] and report.errors == []
    assert len(all_recordings(database, STORE)) == 214


def test_quota_deletes_the_oldest_until_the_folder_fits_and_says_why(
    database: Database, tmp_path: Path
) -> None:
    root = tmp_path / "rec"
    segments = add_day(database, root, 10, size=MB, start=NOW - timedelta(hours=2))
    policy = RetentionPolicy(max_age_days=None, quota_gb=0.006, quota_percent=None, floor_free_mb=0)
    report = apply_retention(
        database, root, STORE, policy, now=NOW, disk_usage=scaled_disk(root, 10**12, 1000), audit=append_entry
    )
    assert [d.path for d in report.deleted] == [s.path for s in segments[:4]]
    assert {d.reason for d in report.deleted} == {"quota"}
    with database.reading() as session:
        entry = session.scalars(select(AuditEntryRow).order_by(AuditEntryRow.id.desc())).first()
    assert entry is not None and entry.action == "recording.retention.deleted"
    detail = json.loads(entry.detail)
    assert detail["deleted"] == 4 and detail["reasons"] == {"quota": 4} and detail["freed_bytes"] == 4 * MB


def test_segments_of_an_undecided_event_are_kept_until_it_is_decided(
    database: Database, tmp_path: Path
) -> None:
    root = tmp_path / "rec"
    segments = add_day(database, root, 6, size=MB, start=NOW - timedelta(days=40))
    event_start = segments[3].started_at + timedelta(seconds=10)  # its lead-up reaches into segment 2
    with database.writing() as session:
        row = EventRow(
            kind=EventKind.FACE_MISMATCH,
            severity=Severity.HIGH,
            state=EventState.NEW,
            started_at=event_start,
            ended_at=event_start + timedelta(seconds=30),
            camera_id=7,
        )
        session.add(row)
        session.flush()
        event_id = row.id
    policy = RetentionPolicy(max_age_days=30, quota_percent=None, floor_free_mb=0)
    report = apply_retention(database, root, STORE, policy, now=NOW)
    kept = {r.path for r in all_recordings(database, STORE)}
    assert kept == {segments[2].path, segments[3].path} and report.kept_for_events == 2
    with database.writing() as session:
        session.get(EventRow, event_id).state = EventState.DISMISSED  # type: ignore[union-attr]
    apply_retention(database, root, STORE, policy, now=NOW)
    assert all_recordings(database, STORE) == []
