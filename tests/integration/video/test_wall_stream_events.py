"""STREAM_LOST events with a duration, from observed stream states, written to a real SQLite database."""

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
from app.video.stream_events import CloseLoss, LossAction, OpenLoss, StreamEventWriter, StreamLossTracker


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
        [Camera(1, 1, "前方", "rtsp://10.0.0.1/main"), Camera(2, 1, "后方", "rtsp://10.0.0.2/main")],
    )
    with db.writing() as session:
        WorkspaceRepository(session).save_workspace(workspace)
    yield db
    db.dispose()


class ListSink:
    def __init__(self) -> None:
        self.actions: list[LossAction] = []

    def submit(self, action: LossAction) -> None:
        self.actions.append(action)


T0 = datetime(2025, 3, 14, 9, 0).astimezone()


def observe(tracker: StreamLossTracker, state: StreamState, second: float, key: str = "camera-1-sub") -> None:
    tracker.observe(key, 1, 1, state, now=T0 + timedelta(seconds=second), monotonic=second)


def test_short_blips_are_not_events_long_outages_are() -> None:
    sink = ListSink()
    tracker = StreamLossTracker(sink, grace=5.0)
    observe(tracker, StreamState.CONNECTING, 0)  # never played yet: nothing was lost
    observe(tracker, StreamState.NOT_FOUND, 10)
    assert sink.actions == []
    observe(tracker, StreamState.PLAYING, 11)
    observe(tracker, StreamState.RECONNECTING, 20)
    observe(tracker, StreamState.PLAYING, 23)  # a 3 s blip
    assert sink.actions == []
    observe(tracker, StreamState.RECONNECTING, 30)
    observe(tracker, StreamState.OFFLINE, 34)
    assert sink.actions == []
    observe(tracker, StreamState.OFFLINE, 36)
    assert sink.actions == [OpenLoss("camera-1-sub", 1, 1, T0 + timedelta(seconds=30))]
    observe(tracker, StreamState.OFFLINE, 60)
    observe(tracker, StreamState.PLAYING, 90)
    assert sink.actions[1:] == [CloseLoss("camera-1-sub", T0 + timedelta(seconds=90))]


def test_unwatched_stream_closes_its_open_event() -> None:
    sink = ListSink()
    tracker = StreamLossTracker(sink, grace=1.0)
    observe(tracker, StreamState.PLAYING, 0)
    observe(tracker, StreamState.RECONNECTING, 1)
    observe(tracker, StreamState.RECONNECTING, 3)
    assert tracker.open_keys() == ["camera-1-sub"]
    tracker.forget("camera-1-sub", now=T0 + timedelta(seconds=4))
    assert isinstance(sink.actions[-1], CloseLoss) and tracker.open_keys() == []


def test_events_are_written_and_closed_on_the_writer_thread(database: Database) -> None:
    threads: list[str] = []
    written = threading.Event()

    def on_written(action: LossAction, event_id: int) -> None:
        threads.append(threading.current_thread().name)
        if isinstance(action, CloseLoss):
            written.set()

    writer = StreamEventWriter(database, on_written=on_written)
    tracker = StreamLossTracker(writer, grace=5.0)
    for second, state in (
        (0, StreamState.PLAYING),
        (10, StreamState.RECONNECTING),
        (16, StreamState.OFFLINE),
    ):
        observe(tracker, state, second)
    observe(tracker, StreamState.PLAYING, 0, key="camera-2-sub")
    observe(tracker, StreamState.PLAYING, 75)
    assert written.wait(10)
    assert writer.close()
    assert set(threads) == {"event-journal"}  # delivered from the workstation's event journal
    with database.reading() as session:
        repository = EventRepository(session)
        page = repository.page()
        events = [repository.get(e.id) for e in page.events]
    assert len(events) == 1
    event = events[0]
    assert event is not None and event.kind is EventKind.STREAM_LOST
    assert event.camera_id == 1 and event.classroom_id == 1
    assert event.ended_at is not None
    assert (event.ended_at - event.started_at) == timedelta(seconds=65)


def test_a_database_failure_does_not_stop_the_writer(tmp_path: Path) -> None:
    broken = Database(f"sqlite:///{tmp_path / 'no-schema.sqlite'}")  # no tables: every write fails
    writer = StreamEventWriter(broken)
    writer.submit(OpenLoss("k", 1, 1, T0))
    writer.submit(CloseLoss("k", T0))
    assert writer.close()
    broken.dispose()
