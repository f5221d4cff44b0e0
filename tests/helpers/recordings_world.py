"""A real recorded day for the Recordings pane tests: four cameras on the recorder's own segments, the
GUI tests' users and two events on camera 7 (the fixtures `world` and `make_pane` live in
tests/gui/recordings/conftest.py)."""

from __future__ import annotations

import dataclasses
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path, PurePosixPath

from app.context import AppContext
from app.domain.casework import Event, EventHistoryEntry
from app.domain.dashboard import DatabaseInfo
from app.domain.enums import EventKind, EventState, ScopeLevel, Severity
from app.domain.geography import Camera, Workspace
from app.domain.people import Scope
from app.persistence import Database
from app.persistence.repositories import EventRepository, RecordingRepository
from app.playback.review_service import RecordingReviewService
from app.supervision.event_service import EventService
from tests.helpers.fakes import make_context
from tests.helpers.recorded_camera import RecordedCamera
from tests.helpers.small_city import USERS
from tests.helpers.workspaces import build_workspace
from widgets.panes.recordings_pane import RecordingsPane
from widgets.recordings.playback_view import PlaybackView

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


def index_copies(database: Database, recorded: RecordedCamera, root: Path) -> None:
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


def add_events(database: Database, start: datetime) -> list[Event]:
    with database.writing() as session:
        return EventRepository(session).add_many(
            [
                make_event(
                    EventKind.FACE_MISMATCH, start + timedelta(seconds=3.02), 1.5, EventState.CONFIRMED
                ),
                make_event(EventKind.ABSENCE, start + timedelta(seconds=4.5), None, EventState.NEW),
            ]
        )


FRAME = timedelta(milliseconds=40)  # the test clip is 25 fps


def open_pane(qtbot, make_pane, world: ReviewWorld, **kwargs) -> RecordingsPane:
    pane: RecordingsPane = make_pane(**kwargs)
    pane.show()
    qtbot.waitExposed(pane)
    qtbot.waitUntil(
        lambda: pane.session.status is not None and pane.views[0].image is not None, timeout=10_000
    )
    return pane


def shown_at(qtbot, view: PlaybackView, at: datetime) -> None:
    """Wait until `view` shows the frame on screen at `at` (the last one not after it)."""
    qtbot.waitUntil(
        lambda: view.wall_time is not None and at - FRAME < view.wall_time <= at and not view.in_gap,
        timeout=10_000,
    )
