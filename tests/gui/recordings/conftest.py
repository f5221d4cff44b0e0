"""A real recorded day for the Recordings pane: the recorder's own segments, indexed, with events.

The recording is made once per session by the playback tests' fixture (a project-made clip played
through the decoder pool into the recorder; every frame carries its number). Each test then gets
its own copy of the recordings folder and a fresh SQLite database indexing it for four cameras
(7 as recorded, 8–10 as byte-identical copies under their own names, so 2×2 playback has four
real streams), the GUI tests' users and two events on camera 7.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path, PurePosixPath

import pytest

from app.context import AppContext
from app.domain.casework import Event, EventHistoryEntry
from app.domain.dashboard import DatabaseInfo
from app.domain.enums import EventKind, EventState, ScopeLevel, Severity
from app.domain.geography import Camera, Workspace
from app.domain.people import Scope, User
from app.persistence import Database, upgrade_to_head
from app.persistence.repositories import EventRepository, RecordingRepository, WorkspaceRepository
from app.playback.review_service import RecordingReviewService
from app.supervision.event_service import EventService
from app.tasks import TaskRunner
from tests.gui.conftest import USERS
from tests.helpers.fakes import make_context
from tests.helpers.workspaces import build_workspace
from tests.integration.playback.conftest import RecordedCamera, recorded  # noqa: F401  (session fixture)
from widgets.panes.recordings_pane import RecordingsPane

CAMERAS = (7, 8, 9, 10)
CLASSROOM = 1005  # 大方县交警中队 · 警示教育室, where build_workspace() already has camera 7
CLASSROOM_SCOPE = Scope(ScopeLevel.SITE, county_id=12, site_id=103, classroom_id=CLASSROOM)
DUTY_MANAGER = next(u for u in USERS if u.login == "chenjing")


def review_workspace() -> Workspace:
    workspace = build_workspace()
    names = {8: "后", 9: "左", 10: "右"}
    workspace.cameras += [
        Camera(cid, CLASSROOM, names[cid], f"rtsp://127.0.0.1:8554/c{cid}") for cid in names
    ]
    return workspace


@dataclass
class ReviewWorld:
    database: Database
    service: RecordingReviewService
    workspace: Workspace
    root: Path
    start: datetime  # first recorded moment (camera 7 and its copies)
    end: datetime
    events: list[Event]  # camera 7: one closed inside the recording, one still open
    truth: RecordedCamera  # every recorded frame's wall time and number

    def context(self) -> AppContext:
        return make_context(
            self.workspace,
            list(USERS),
            database=DatabaseInfo("sqlite", "sqlite:///review.sqlite3"),
            dashboard=lambda _scope: None,  # type: ignore[arg-type, return-value]
            database_health=lambda: None,
            events=EventService(self.database),
            playback=self.service,
        )


def _index_copies(database: Database, recorded: RecordedCamera, root: Path) -> None:  # noqa: F811
    with database.writing() as session:
        repository = RecordingRepository(session)
        for recording in recorded.recordings:
            repository.add(recording)
            source = PurePosixPath(recording.path)
            for camera_id in CAMERAS[1:]:
                path = PurePosixPath(str(camera_id), *source.parts[1:-1], f"{camera_id}_{source.name}")
                (root / path).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(root / source, root / path)
                repository.add(dataclasses.replace(recording, camera_id=camera_id, path=str(path)))


def make_event(kind: EventKind, at: datetime, length_s: float | None, state: EventState) -> Event:
    """An event of camera 7 starting `at`, `length_s` long (None: still open)."""
    return Event(
        id=0,
        kind=kind,
        severity=Severity.HIGH if kind is EventKind.FACE_MISMATCH else Severity.MEDIUM,
        state=state,
        started_at=at,
        ended_at=at + timedelta(seconds=length_s) if length_s is not None else None,
        camera_id=CAMERAS[0],
        classroom_id=CLASSROOM,
        engine="test",
        history=[EventHistoryEntry(None, at, None, EventState.NEW, "raised")],
    )


def _add_events(database: Database, start: datetime) -> list[Event]:
    with database.writing() as session:
        return EventRepository(session).add_many(
            [
                make_event(
                    EventKind.FACE_MISMATCH, start + timedelta(seconds=3.02), 1.5, EventState.CONFIRMED
                ),
                make_event(EventKind.ABSENCE, start + timedelta(seconds=4.5), None, EventState.NEW),
            ]
        )


@pytest.fixture
def world(tmp_path: Path, recorded: RecordedCamera) -> Iterator[ReviewWorld]:  # noqa: F811
    root = tmp_path / "recordings"
    shutil.copytree(recorded.root, root)  # the store marker comes along: same store id
    url = f"sqlite:///{tmp_path / 'review.sqlite3'}"
    upgrade_to_head(url)
    database = Database(url)
    workspace = review_workspace()
    with database.writing() as session:
        WorkspaceRepository(session).save_workspace(workspace)
        WorkspaceRepository(session).save_users(list(USERS))
    _index_copies(database, recorded, root)
    timeline = recorded.timeline()
    assert timeline.start is not None and timeline.end is not None
    events = _add_events(database, timeline.start)
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
