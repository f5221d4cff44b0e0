"""Events written while the database's disk is full or read-only, or while the journal's own disk
refuses, are all stored once the disk recovers: none lost, none twice (issue 14, item 1).

A real SQLite database on a real small tmpfs (tests/helpers/small_disk.py) that fills up or is
remounted read-only while the real SupervisionEventWriter writes 300 situations (raise, extend,
close each). Before the event journal, the writer dropped every batch SQLite refused with
"database or disk is full" or a read-only error: these tests lost almost all of them.
"""

from __future__ import annotations

import dataclasses
import subprocess
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from app.journal_status import JournalStatus
from app.persistence import Database
from app.persistence.orm import EventRow
from app.persistence.repositories import Recording
from app.supervision.event_writer import SupervisionEventWriter
from app.video.segment_index import SegmentIndex
from app.video.stream_events import CloseLoss, OpenLoss, StreamEventWriter
from tests.helpers.event_world import create_database
from tests.helpers.journal_faults import (
    T0,
    closed_correctly,
    situation,
    stored_marks,
)
from tests.helpers.recording_store import all_recordings
from tests.helpers.small_disk import SmallDisk, mount_small_disk, unmount_small_disk
from tests.helpers.waiting import wait_until

FIRST, TOTAL = 10, 310


def _write(writer: SupervisionEventWriter, numbers: range) -> None:
    for n in numbers:
        for action in situation(n):
            writer.submit(action)


def _expect_all_stored_once(database: Database) -> None:
    marks = stored_marks(database)
    assert sum(marks.values()) == TOTAL, f"{TOTAL - len(marks)} situations lost"
    assert set(marks) == {f"n{n}" for n in range(TOTAL)}
    assert max(marks.values()) == 1, "a situation stored twice"
    assert closed_correctly(database) == TOTAL


def test_events_written_while_the_database_disk_is_full_are_stored_once_it_has_room(
    small_disk: SmallDisk,
) -> None:
    database = create_database(f"sqlite:///{small_disk.path / 'console.sqlite3'}")
    writer = SupervisionEventWriter(database)
    _write(writer, range(FIRST))
    assert writer.close(timeout=10)
    small_disk.fill()
    _write(writer, range(FIRST, TOTAL))
    wait_until(lambda: writer.retries >= 2, 20, message="the full disk to refuse twice")  # nothing stored
    problem_while_full = _status(database).database_problem
    small_disk.free()
    writer.close(timeout=30)
    _expect_all_stored_once(database)
    assert problem_while_full is not None and "full" in problem_while_full
    assert _status(database).database_problem is None and _status(database).waiting == 0
    database.dispose()


def test_events_written_while_the_database_disk_is_read_only_are_stored_once_it_is_writable(
    small_disk: SmallDisk,
) -> None:
    database = create_database(f"sqlite:///{small_disk.path / 'console.sqlite3'}")
    writer = SupervisionEventWriter(database)
    _write(writer, range(FIRST))
    assert writer.close(timeout=10)
    _remount_read_only(small_disk, database)
    _write(writer, range(FIRST, TOTAL))
    wait_until(lambda: writer.retries >= 2, 20)
    small_disk.writable()
    writer.close(timeout=30)
    _expect_all_stored_once(database)
    database.dispose()


def test_a_journal_whose_disk_is_full_holds_events_in_memory_and_says_so(
    small_disk: SmallDisk, tmp_path: Path
) -> None:
    """The database is fine; the journal's own disk refuses: entries wait in memory, the status says
    so loudly, and they are written (and delivered) once the disk has room again."""
    from app.journal import EventJournal, attach

    database = create_database(f"sqlite:///{tmp_path / 'console.sqlite3'}")
    journal = EventJournal(database, small_disk.path / "journal" / "event-journal.sqlite3")
    attach(database, journal)
    writer = SupervisionEventWriter(database)
    _write(writer, range(FIRST))
    assert writer.close(timeout=10)
    small_disk.fill()
    _write(writer, range(FIRST, TOTAL))
    status = journal.status()
    assert status.disk_problem is not None and "full" in status.disk_problem
    assert status.held_in_memory > 0
    small_disk.free()
    assert writer.close(timeout=30)
    wait_until(lambda: journal.status().disk_problem is None, 5)
    _expect_all_stored_once(database)
    assert journal.close(timeout=5)
    database.dispose()


def test_a_journal_opened_on_a_read_only_disk_holds_entries_in_memory_until_it_is_writable(
    tmp_path: Path,
) -> None:
    """A console started while the journal's disk is read-only: entries wait in memory (and are
    delivered from there), the status says so, and the journal writes again once it can."""
    from app.journal import EventJournal, attach

    disk = mount_small_disk(tmp_path / "journal-disk")
    try:
        path = disk.path / "event-journal.sqlite3"
        database = create_database(f"sqlite:///{tmp_path / 'console.sqlite3'}")
        database_url = str(database.engine.url)
        journal = EventJournal(database, path)
        attach(database, journal)
        writer = SupervisionEventWriter(database)
        _write(writer, range(FIRST))
        assert writer.close(timeout=10)
        journal.close(timeout=5)  # let go of the file so that the disk can be remounted
        database.dispose()
        _remount(disk, "ro")
        database = Database(database_url)
        journal = EventJournal(database, path)
        attach(database, journal)
        writer = SupervisionEventWriter(database)
        _write(writer, range(FIRST, TOTAL))
        assert journal.status().disk_problem is not None
        assert journal.status().held_in_memory > 0  # delivered from memory meanwhile
        disk.writable()
        assert writer.close(timeout=30)
        wait_until(lambda: journal.status().disk_problem is None and journal.status().waiting == 0, 10)
        _expect_all_stored_once(database)
        assert journal.close(timeout=5)
        database.dispose()
    finally:
        unmount_small_disk(disk)


def _status(database: Database) -> JournalStatus:
    from app.journal import journal_for  # imported here: on main (no journal) the test fails, not errs

    return journal_for(database).status()


def _remount(disk: SmallDisk, mode: str) -> None:
    result = subprocess.run(
        ["mount", "-o", f"remount,{mode}", str(disk.path)], capture_output=True, check=False
    )
    assert result.returncode == 0, result.stderr


def _remount_read_only(disk: SmallDisk, database: Database) -> None:
    """Remount the disk read-only under a database in use: a file open for writing keeps the kernel
    from remounting, so let go of pooled connections until the remount goes through (the writer's
    next attempt then meets a read-only disk, as after an I/O error that remounted it)."""
    deadline = time.monotonic() + 20
    while True:
        database.engine.dispose()
        result = subprocess.run(
            ["mount", "-o", "remount,ro", str(disk.path)], capture_output=True, check=False
        )
        if result.returncode == 0:
            return
        assert time.monotonic() < deadline, result.stderr
        time.sleep(0.05)


def test_stream_outages_and_index_rows_written_while_the_disk_is_full_are_stored_once_it_has_room(
    small_disk: SmallDisk,
) -> None:
    """The stream-loss writer dropped every failed write, the recorder's index every failure that
    was not a lock or a lost server: both lost what a full disk refused."""
    database = create_database(f"sqlite:///{small_disk.path / 'console.sqlite3'}")
    streams = StreamEventWriter(database)
    index = SegmentIndex(database)
    small_disk.fill()
    for n in range(100):
        started = T0 + timedelta(minutes=n)
        streams.submit(OpenLoss(f"stream-{n}", 1, None, started))
        streams.submit(CloseLoss(f"stream-{n}", started + timedelta(seconds=20)))
        opened = Recording(0, 1, "s1", started, None, f"1/{n}.mp4", codec="h264")
        index.save(opened)
        index.save(dataclasses.replace(opened, ended_at=started + timedelta(seconds=60), frames=1500))
    trying_until = time.monotonic() + 3  # 3 s of closing while the disk refuses: the time is the point
    while time.monotonic() < trying_until and not streams.close(timeout=0.5):
        pass
    small_disk.free()
    streams.close(timeout=30)
    wait_until(lambda: index.flush(force=True), 30)
    with database.reading() as session:
        outages = session.execute(
            select(EventRow.started_at, EventRow.ended_at, EventRow.open_key).where(
                EventRow.engine == "video-wall"
            )
        ).all()
    rows = all_recordings(database, "s1")
    assert len(outages) == 100, f"{100 - len(outages)} stream outages lost"
    assert all(ended == started + timedelta(seconds=20) and key is None for started, ended, key in outages)
    assert sorted(row.path for row in rows) == sorted(f"1/{n}.mp4" for n in range(100))
    assert all(row.frames == 1500 and row.ended_at is not None for row in rows)
    database.dispose()
