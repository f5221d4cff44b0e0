"""STREAM_LOST outages left open by a console that stopped (kill -9, power cut) are taken over.

The first run's writer opens outages of cameras 1 and 2 and the process "dies" (its writer is
closed without the tracker's closes). The next run reads them back (`open_stream_losses`) and hands
them to a new tracker: camera 1 is still lost when the wall first sees it (the same event goes on,
nothing raised again, closed when it plays), camera 2 plays at once (closed then, with a note that
the console was not running for part of it). A camera the wall no longer shows (3) is closed
after the grace period with a note. Real SQLite database, real writer thread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.domain.enums import EventKind, SiteKind
from app.domain.geography import Camera, City, Classroom, County, Site, Workspace
from app.persistence import Database, upgrade_to_head
from app.persistence.repositories import WorkspaceRepository
from app.persistence.repositories.event_repository import EventRepository
from app.video import StreamState
from app.video.stream_events import (
    RESUMED_PLAYING,
    RESUMED_UNWATCHED,
    LossAction,
    OpenLoss,
    StreamEventWriter,
    StreamLossTracker,
    open_stream_losses,
)

T0 = datetime(2025, 3, 14, 9, 0).astimezone()


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    url = f"sqlite:///{tmp_path / 'events.sqlite'}"
    upgrade_to_head(url)
    db = Database(url)
    workspace = Workspace(
        City(1, "毕节市", "520500"),
        [County(1, 1, "七星关区", "520502")],
        [Site(1, 1, "七星关区车管所", SiteKind.VEHICLE_ADMIN_OFFICE)],
        [Classroom(1, 1, "第一教室")],
        [Camera(n, 1, f"摄像机{n}", f"rtsp://10.0.0.{n}/main") for n in (1, 2, 3)],
    )
    with db.writing() as session:
        WorkspaceRepository(session).save_workspace(workspace)
    yield db
    db.dispose()


class CountingWriter(StreamEventWriter):
    """The real writer, counting what it has written so the test can wait for it."""

    def __init__(self, database: Database) -> None:
        self.written = 0
        self.changed = threading.Condition()
        super().__init__(database, on_written=self._counted)

    def _counted(self, _action: LossAction, _event_id: int) -> None:
        with self.changed:
            self.written += 1
            self.changed.notify_all()

    def wait(self, count: int) -> None:
        with self.changed:
            assert self.changed.wait_for(lambda: self.written >= count, 10)


def _stream_events(
    database: Database,
) -> list[tuple[int, int | None, datetime, datetime | None, str | None, list[str]]]:
    with database.reading() as session:
        repository = EventRepository(session)
        events = [repository.get(e.id) for e in repository.page().events]
    return sorted(
        (e.id, e.camera_id, e.started_at, e.ended_at, e.open_key, [h.note for h in e.history])
        for e in events
        if e is not None and e.kind is EventKind.STREAM_LOST
    )


def test_outages_left_open_are_taken_over_not_raised_again(database: Database) -> None:
    first = CountingWriter(database)
    for camera in (1, 2, 3):
        first.submit(OpenLoss(f"camera-{camera}-sub", camera, 1, T0 + timedelta(minutes=camera)))
    first.wait(3)
    assert first.close()  # the process dies here: no close was ever sent
    before = _stream_events(database)
    assert [e[4] is not None for e in before] == [True, True, True]

    left_open = open_stream_losses(database)
    assert left_open == {n: T0 + timedelta(minutes=n) for n in (1, 2, 3)}
    writer = CountingWriter(database)
    tracker = StreamLossTracker(writer, grace=5.0, resumed=left_open)
    restart = T0 + timedelta(hours=2)

    def observe(key: str, camera: int, state: StreamState, second: float) -> None:
        tracker.observe(key, camera, 1, state, now=restart + timedelta(seconds=second), monotonic=second)

    observe("camera-1-sub", 1, StreamState.CONNECTING, 0)  # still lost when the wall sees it again
    observe("camera-2-sub", 2, StreamState.PLAYING, 1)  # back
    observe("camera-1-sub", 1, StreamState.OFFLINE, 10)  # past the grace: camera 3 is not on the wall
    writer.wait(2)
    observe("camera-1-sub", 1, StreamState.PLAYING, 60)
    writer.wait(3)
    assert writer.close()

    after = {e[1]: e for e in _stream_events(database)}
    assert [e[0] for e in before] == sorted(e[0] for e in after.values())  # nothing raised again
    assert all(e[4] is None for e in after.values())  # nothing left open
    assert after[1][3] == (restart + timedelta(seconds=60)).replace(tzinfo=None)
    assert after[2][3] == (restart + timedelta(seconds=1)).replace(tzinfo=None)
    assert after[2][5] == [RESUMED_PLAYING]
    assert after[3][3] == (restart + timedelta(seconds=10)).replace(tzinfo=None)
    assert after[3][5] == [RESUMED_UNWATCHED]


def test_a_refused_password_is_said_in_the_event(database: Database) -> None:
    writer = CountingWriter(database)
    tracker = StreamLossTracker(writer, grace=5.0)
    for second, state in (
        (0, StreamState.PLAYING),
        (1, StreamState.RECONNECTING),
        (3, StreamState.UNAUTHORISED),
    ):
        tracker.observe("cam", 1, 1, state, now=T0 + timedelta(seconds=second), monotonic=second)
    assert writer.written == 0  # within the grace
    tracker.observe("cam", 1, 1, StreamState.UNAUTHORISED, now=T0 + timedelta(seconds=7), monotonic=7)
    writer.wait(1)
    assert writer.close()
    [event] = _stream_events(database)
    assert event[2] == (T0 + timedelta(seconds=1)).replace(tzinfo=None) and event[4] is not None
    assert "refused its credentials" in event[5][0]
