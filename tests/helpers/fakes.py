"""Small stand-ins for the services a GUI test does not exercise, and `make_context` to build one.

The window's AppContext holds every service (app/context.py); a test gives the ones it is about and
takes these for the rest: a journal with a fixed status, a stream-event sink that keeps what it is
given, calibration that says it does not run here, and the production switched-off implementations
(app/switched_off.py) for analysis, recording and media in preparation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from app.context import (
    AppContext,
    DashboardSource,
    FaceAnalysis,
    HealthProbe,
    WallRecording,
)
from app.domain.dashboard import DashboardCounts, DatabaseInfo
from app.domain.geography import Workspace
from app.domain.people import Scope, User
from app.journal_status import JournalStatus, JournalStatusSource
from app.shutdown_list import ShutdownList
from app.switched_off import AnalysisOff, NoMediaInPreparation, RecordingOff
from app.vision.calibration_process import CalibrationRun, CalibrationTools

if TYPE_CHECKING:
    from app.playback.review_service import RecordingReviewService
    from app.review.services import ReviewServices
    from app.supervision.event_service import EventService
    from app.video.stream_events import LossAction, StreamEventSink
    from app.workspace_plugin import MediaInPreparation


@dataclass
class FixedJournal:
    """A journal whose status a test sets (JournalStatusSource)."""

    current: JournalStatus = field(default_factory=JournalStatus)

    def status(self) -> JournalStatus:
        return self.current


@dataclass
class KeptStreamEvents:
    """A StreamEventSink that keeps each action it is given, in order."""

    actions: list[LossAction] = field(default_factory=list)

    def submit(self, action: LossAction) -> None:
        self.actions.append(action)


def _calibration_not_here(*_args: object) -> CalibrationRun:
    raise RuntimeError("calibration does not run in this test")


def _save_not_here(_run: CalibrationRun) -> None:
    raise RuntimeError("calibration does not run in this test")


def calibration_not_run() -> CalibrationTools:
    """Calibration tools that fail if used: a test that calibrates gives its own."""
    return CalibrationTools(_calibration_not_here, _save_not_here)


def no_counts(_scope: Scope) -> DashboardCounts:
    return DashboardCounts()


def make_context(
    workspace: Workspace,
    users: list[User],
    *,
    database: DatabaseInfo | None = None,
    dashboard: DashboardSource = no_counts,
    database_health: HealthProbe = lambda: None,
    shutdown: ShutdownList | None = None,
    stream_events: StreamEventSink | None = None,
    recording: WallRecording | None = None,
    analysis: FaceAnalysis | None = None,
    calibration: CalibrationTools | None = None,
    media_in_preparation: MediaInPreparation | None = None,
    journal: JournalStatusSource | None = None,
    is_demo: bool = False,
    workspace_title: str = "",
    versions: dict[str, str] | None = None,
    stream_losses_left_open: dict[int, datetime] | None = None,
    events: EventService | None = None,
    review: ReviewServices | None = None,
    playback: RecordingReviewService | None = None,
) -> AppContext:
    """An AppContext for a test: what it gives, and the small stand-ins above for the rest."""
    return AppContext(
        workspace=workspace,
        users=users,
        database=database or DatabaseInfo("sqlite", "sqlite://"),
        dashboard=dashboard,
        database_health=database_health,
        shutdown=shutdown or ShutdownList(),
        stream_events=stream_events if stream_events is not None else KeptStreamEvents(),
        recording=recording if recording is not None else RecordingOff(),
        analysis=analysis if analysis is not None else AnalysisOff(),
        calibration=calibration if calibration is not None else calibration_not_run(),
        media_in_preparation=(
            media_in_preparation if media_in_preparation is not None else NoMediaInPreparation()
        ),
        journal=journal if journal is not None else FixedJournal(),
        is_demo=is_demo,
        workspace_title=workspace_title,
        versions=versions or {},
        stream_losses_left_open=stream_losses_left_open or {},
        events=events,
        review=review,
        playback=playback,
    )
