"""The detail loader without a widget, on a real SQLite event store and real worker threads."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.persistence import Database
from app.supervision.event_service import EventService
from app.supervision.triage import TriageError
from app.tasks import TaskRunner
from tests.helpers.event_world import USERS, add_events, create_database
from widgets.events.event_detail_loader import EventDetailLoader

DELAY_MS = 60


@pytest.fixture
def loader(qtbot, tmp_path: Path, threaded_tasks: TaskRunner) -> Iterator[EventDetailLoader]:
    database: Database = create_database(f"sqlite:///{tmp_path / 'events.sqlite3'}")
    add_events(database, 6)
    yield EventDetailLoader(EventService(database), threaded_tasks, USERS[0].id, DELAY_MS)
    threaded_tasks.shutdown()
    database.dispose()


def test_a_load_left_for_another_event_never_answers(qtbot, loader: EventDetailLoader) -> None:
    loaded: list[int] = []
    loader.loaded.connect(lambda detail: loaded.append(detail.event.id))
    loader.load(3)
    loader.load(5)  # the selection moved on before the first answer was delivered
    qtbot.waitUntil(lambda: loaded != [], timeout=5000)
    qtbot.waitUntil(lambda: not loader.busy, timeout=5000)
    qtbot.wait(100)
    assert loaded == [5]


def test_following_the_selection_waits_for_it_to_stop(qtbot, loader: EventDetailLoader) -> None:
    # Judged by the clock, not by sleeps: on a loaded machine a wait may overshoot the delay, and a
    # `due` is then right, as long as it comes only after the selection stayed still for the delay.
    follows: list[float] = []
    dues: list[float] = []
    loader.due.connect(lambda: dues.append(time.monotonic()))
    for _ in range(5):  # J held down: each move restarts the wait
        follows.append(time.monotonic())
        loader.follow()
        qtbot.wait(DELAY_MS // 3)
    qtbot.waitUntil(lambda: bool(dues) and dues[-1] > follows[-1], timeout=1000)
    for due in dues:
        still_since = max(t for t in follows if t < due)
        assert due - still_since >= 0.9 * DELAY_MS / 1000
    count = len(dues)
    loader.follow()
    loader.cancel()  # the pane stopped
    qtbot.wait(2 * DELAY_MS)
    assert len(dues) == count and not loader.busy


def test_a_failed_load_is_reported(qtbot, loader: EventDetailLoader) -> None:
    with qtbot.waitSignal(loader.failed, timeout=5000) as blocker:
        loader.load(999)
    [error] = blocker.args
    assert isinstance(error, TriageError) and error.reason == "not_found"
    assert not loader.busy
