"""The detail loader without a widget, on a real SQLite event store and real worker threads."""

from __future__ import annotations

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
    due: list[bool] = []
    loader.due.connect(lambda: due.append(True))
    for _ in range(5):  # J held down: each move restarts the wait
        loader.follow()
        qtbot.wait(DELAY_MS // 3)
    assert due == [] and loader.busy
    qtbot.waitUntil(lambda: due == [True], timeout=1000)
    loader.follow()
    loader.cancel()  # the pane stopped
    qtbot.wait(2 * DELAY_MS)
    assert due == [True] and not loader.busy


def test_a_failed_load_is_reported(qtbot, loader: EventDetailLoader) -> None:
    with qtbot.waitSignal(loader.failed, timeout=5000) as blocker:
        loader.load(999)
    [error] = blocker.args
    assert isinstance(error, TriageError) and error.reason == "not_found"
    assert not loader.busy
