"""The Recordings pane's fixtures: `world`, a copy of the session's real recording (the fixture
`recorded`) indexed in a fresh SQLite database with events (tests/helpers/recordings_world.py), and
`make_pane`, which builds panes on it and stops their players afterwards."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from app.domain.people import User
from app.persistence import Database, upgrade_to_head
from app.persistence.repositories import WorkspaceRepository
from app.playback.review_service import RecordingReviewService
from app.tasks import TaskRunner
from tests.helpers.recorded_camera import RecordedCamera
from tests.helpers.recordings_world import (
    CLASSROOM_SCOPE,
    DUTY_MANAGER,
    ReviewWorld,
    add_events,
    index_copies,
    review_workspace,
)
from tests.helpers.small_city import USERS
from widgets.panes.recordings_pane import RecordingsPane


@pytest.fixture
def world(tmp_path: Path, recorded: RecordedCamera) -> Iterator[ReviewWorld]:
    root = tmp_path / "recordings"
    shutil.copytree(recorded.root, root)  # the store marker comes along: same store id
    url = f"sqlite:///{tmp_path / 'review.sqlite3'}"
    upgrade_to_head(url)
    database = Database(url)
    workspace = review_workspace()
    with database.writing() as session:
        WorkspaceRepository(session).save_workspace(workspace)
        WorkspaceRepository(session).save_users(list(USERS))
    index_copies(database, recorded, root)
    timeline = recorded.timeline()
    assert timeline.start is not None and timeline.end is not None
    events = add_events(database, timeline.start)
    service = RecordingReviewService(database, root, clock=lambda: timeline.end or datetime.now())
    yield ReviewWorld(database, service, workspace, root, timeline.start, timeline.end, events, recorded)
    database.dispose()


@pytest.fixture
def make_pane(
    qtbot, world: ReviewWorld, threaded_tasks: TaskRunner
) -> Iterator[Callable[..., RecordingsPane]]:
    panes: list[RecordingsPane] = []

    def make(user: User = DUTY_MANAGER) -> RecordingsPane:
        pane = RecordingsPane(world.context(), threaded_tasks, user)
        qtbot.addWidget(pane)
        pane.resize(1200, 800)
        pane.set_scope(CLASSROOM_SCOPE)
        panes.append(pane)
        return pane

    yield make
    for pane in panes:
        pane.stop()  # the player's thread
