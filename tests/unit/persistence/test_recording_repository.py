"""The recordings index on SQLite and PostgreSQL, and migration 0002 up and down."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from app.domain.geography import Workspace
from app.persistence import Database, create_engine_for, current_revision, upgrade_to_head
from app.persistence.migrate import alembic_config
from app.persistence.repositories import Recording, RecordingRepository

T0 = datetime(2025, 3, 14, 9, 0, 0)
MINUTE = timedelta(minutes=1)


def segment(
    camera_id: int, start: datetime, *, minutes: float = 1.0, store: str = "a", open_: bool = False
) -> Recording:
    length = timedelta(minutes=minutes)
    return Recording(
        id=0,
        camera_id=camera_id,
        store=store,
        started_at=start,
        ended_at=None if open_ else start + length,
        path=f"{camera_id}/{start:%Y-%m-%d}/{camera_id}_{start:%Y%m%d-%H%M%S}.mp4",
        size_bytes=0 if open_ else 1_000_000,
        frames=0 if open_ else int(length.total_seconds() * 25),
        duration_s=0.0 if open_ else length.total_seconds(),
        codec="h264",
        width=1280,
        height=720,
    )


@pytest.fixture
def stored(database: Database, saved_workspace: Workspace) -> list[Recording]:
    """Camera 1: 09:00-09:03 back to back, a gap, 09:05-09:06, and an open segment from 09:06.
    Camera 2: one segment at 09:00. Store "b" (another workstation): camera 1 at 08:00."""
    items = [
        segment(1, T0),
        segment(1, T0 + MINUTE),
        segment(1, T0 + 2 * MINUTE),
        segment(1, T0 + 5 * MINUTE),
        segment(1, T0 + 6 * MINUTE, open_=True),
        segment(2, T0),
        segment(1, T0 - 60 * MINUTE, store="b"),
    ]
    with database.writing() as session:
        repository = RecordingRepository(session)
        return [repository.add(item) for item in items]


def test_add_defaults_to_unlocked_and_reads_back_exactly(database: Database, stored: list[Recording]) -> None:
    with database.reading() as session:
        repository = RecordingRepository(session)
        for item in stored:
            assert repository.get(item.id) == item
            assert not item.locked
        # Rows written without the lock column (another tool, an older release) are unlocked too.
    with database.writing() as session:
        session.execute(
            text(
                "INSERT INTO recordings (camera_id, store, started_at, path, size_bytes, frames, duration_s,"
                " codec, width, height) VALUES (3, 'a', :t, 'x.mp4', 0, 0, 0, '', 0, 0)"
            ),
            {"t": T0},
        )
    with database.reading() as session:
        row = RecordingRepository(session).find_by_path("a", "x.mp4")
        assert row is not None and row.locked is False


def test_close_and_save_are_idempotent_upserts_by_path(database: Database, stored: list[Recording]) -> None:
    open_segment = stored[4]
    end = open_segment.started_at + timedelta(seconds=59.96)
    with database.writing() as session:
        repository = RecordingRepository(session)
        assert repository.close(open_segment.id, ended_at=end, size_bytes=42, frames=1499, duration_s=59.96)
        assert not repository.close(99_999, ended_at=end, size_bytes=1, frames=1, duration_s=1.0)
        repository.set_locked(open_segment.id, True)
        # A late "closed" write of the same path updates the row and keeps the evidence lock.
        again = repository.save(
            Recording(0, 1, "a", open_segment.started_at, end, open_segment.path, 43, 1500, 60.0, "h264")
        )
        assert again.id == open_segment.id and again.locked
        fresh = repository.save(segment(3, T0))
        assert fresh.id > 0
    with database.reading() as session:
        row = RecordingRepository(session).get(open_segment.id)
        assert row is not None and (row.ended_at, row.size_bytes, row.frames, row.locked) == (
            end,
            43,
            1500,
            True,
        )


def test_path_is_unique_per_store_and_camera_must_exist(database: Database, stored: list[Recording]) -> None:
    with pytest.raises(IntegrityError), database.writing() as session:
        RecordingRepository(session).add(stored[0])
    with pytest.raises(IntegrityError), database.writing() as session:
        RecordingRepository(session).add(segment(99, T0))


def test_timeline_lists_overlapping_segments_of_one_camera(
    database: Database, stored: list[Recording]
) -> None:
    with database.reading() as session:
        repository = RecordingRepository(session)
        # [09:01:30, 09:05:00): the segment running at 09:01:30 counts; one ending exactly at start not.
        got = repository.list_for_camera(1, T0 + 1.5 * MINUTE, T0 + 5 * MINUTE)
        assert [r.id for r in got] == [stored[1].id, stored[2].id]
        assert repository.list_for_camera(1, T0 + MINUTE, T0 + MINUTE + timedelta(seconds=1)) == [stored[1]]
        # The open segment runs "until now" for the timeline.
        assert repository.list_for_camera(1, T0 + 30 * MINUTE, T0 + 31 * MINUTE) == [stored[4]]
        assert [r.id for r in repository.list_for_camera(2, T0, T0 + 60 * MINUTE)] == [stored[5].id]


def test_coverage_gaps(database: Database, stored: list[Recording]) -> None:
    with database.reading() as session:
        repository = RecordingRepository(session)
        gaps = repository.coverage_gaps(1, T0 - MINUTE, T0 + 10 * MINUTE)
        assert gaps == [(T0 - MINUTE, T0), (T0 + 3 * MINUTE, T0 + 5 * MINUTE)]
        until = T0 + 8 * MINUTE
        gaps = repository.coverage_gaps(1, T0, T0 + 10 * MINUTE, open_until=until)
        assert gaps == [(T0 + 3 * MINUTE, T0 + 5 * MINUTE), (until, T0 + 10 * MINUTE)]
        assert repository.coverage_gaps(1, T0, T0 + 3 * MINUTE) == []
        assert repository.coverage_gaps(3, T0, T0 + MINUTE) == [(T0, T0 + MINUTE)]


def test_oldest_deletable_pages_skip_locked_open_and_other_stores(
    database: Database, stored: list[Recording]
) -> None:
    with database.writing() as session:
        RecordingRepository(session).set_locked(stored[1].id, True)
    with database.reading() as session:
        repository = RecordingRepository(session)
        first = repository.oldest_deletable("a", limit=2)
        # Camera 1 and 2 both start at 09:00: ties are broken by id.
        assert [r.id for r in first] == [stored[0].id, stored[5].id]
        second = repository.oldest_deletable("a", limit=2, after=(first[-1].started_at, first[-1].id))
        assert [r.id for r in second] == [stored[2].id, stored[3].id]
        assert repository.oldest_deletable("a", limit=2, after=(second[-1].started_at, second[-1].id)) == []
        old = repository.oldest_deletable("a", ended_before=T0 + 2 * MINUTE)
        assert [r.id for r in old] == [stored[0].id, stored[5].id]
        assert [r.id for r in repository.open_recordings("a")] == [stored[4].id]


def test_delete_unlocked_delete_and_sizes(database: Database, stored: list[Recording]) -> None:
    with database.writing() as session:
        repository = RecordingRepository(session)
        assert repository.total_size() == 6_000_000
        assert repository.total_size(store="a", camera_id=1) == 4_000_000
        repository.set_locked(stored[0].id, True)
        assert not repository.delete_unlocked(stored[0].id)  # evidence
        assert not repository.delete_unlocked(stored[4].id)  # open
        assert repository.delete_unlocked(stored[2].id)
        assert repository.delete(stored[0].id)  # an operator's explicit deletion ignores the lock
        assert repository.delete_by_path("a", stored[3].path)
        assert repository.known_paths("a", [s.path for s in stored]) == {
            stored[1].path,
            stored[4].path,
            stored[5].path,
        }
        assert repository.total_size(store="a") == 2_000_000


def test_migration_0002_up_and_down(database_url: str) -> None:
    engine = create_engine_for(database_url)
    try:
        config = alembic_config(engine)
        command.upgrade(config, "0001")
        assert "recordings" not in inspect(engine).get_table_names()
        command.upgrade(config, "0002")
        assert current_revision(engine) == "0002"
        inspector = inspect(engine)
        assert {ix["name"] for ix in inspector.get_indexes("recordings")} >= {
            "ix_recordings_camera_id_started_at",
            "ix_recordings_store_started_at",
        }
        command.downgrade(config, "0001")
        tables = set(inspect(engine).get_table_names())
        assert "recordings" not in tables and "cameras" in tables
        assert current_revision(engine) == "0001"
        upgrade_to_head(engine)
        assert "recordings" in inspect(engine).get_table_names()
    finally:
        engine.dispose()
