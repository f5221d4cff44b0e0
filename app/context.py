"""What the composition root hands to the window: services and read models, no widgets.

`app.bootstrap` builds one AppContext, once, and it does not change afterwards. Every service is
present: where the console runs without one (--no-analysis, recording off, no demo media being
made) it gets the switched-off implementation of app/switched_off.py, so widgets never test for an
absent service. Where a service is heavy, a widget depends on the small Protocol below; GUI tests
pass small fakes (tests/helpers/fakes.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from app.domain.dashboard import DashboardSource, DatabaseInfo
from app.domain.face_verdict import VerdictParameters
from app.domain.geography import Workspace
from app.domain.people import User
from app.review.review_ports import ReviewDesk
from app.shutdown_list import ShutdownList
from app.supervision.event_ports import EventTriage

if TYPE_CHECKING:  # video imports PyAV, vision dlib: the window's tests need neither
    from app.journal_status import JournalStatusSource
    from app.playback.review_ports import RecordingReview
    from app.video.recorder_service import PacketCallback
    from app.video.stream_events import StreamEventSink
    from app.vision.analysis_types import AnalysisStatus, TapSource
    from app.vision.calibration_process import CalibrationTools
    from app.workspace_plugin import MediaInPreparation


# Blocking health probe of the database; returns None when healthy or a short error text.
HealthProbe = Callable[[], str | None]


class FaceAnalysis(Protocol):
    """What the window uses of face analysis (app.vision.live_analysis.LiveAnalysis). Nothing
    here blocks: attribute reads, lock-guarded copies, and changes queued to its own threads."""

    @property
    def active(self) -> bool: ...  # False: not running in this session (--no-analysis)

    @property
    def analysed(self) -> Mapping[int, tuple[int, str]]: ...  # camera id → (session, stream)

    @property
    def ready(self) -> threading.Event: ...

    @property
    def verdict(self) -> VerdictParameters | None: ...

    @property
    def stored_events(self) -> int: ...

    def attach(self, pool: TapSource) -> None: ...

    def set_visible(self, streams: Mapping[int, str]) -> None: ...

    def statuses(self) -> dict[int, AnalysisStatus]: ...

    def reconfigure(
        self,
        *,
        enabled: bool | None = None,
        max_cameras: int | None = None,
        sample_fps: float | None = None,
        detector: str | None = None,
        upsample: int | None = None,
    ) -> None: ...


class WallRecording(Protocol):
    """What the window uses of app.video.recorder_service.RecordingService."""

    def packet_callback(self, camera_id: int) -> PacketCallback | None: ...  # None: nothing to record

    def start(self, camera_id: int, pool_stream_id: str) -> object: ...

    def stop_soon(self, camera_id: int) -> None: ...

    def cut(self, camera_id: int, timeout: float = 5.0) -> bool: ...  # blocks: on a worker

    def recording_cameras(self) -> list[int]: ...


@dataclass(frozen=True, slots=True)
class AppContext:
    workspace: Workspace
    users: list[User]
    database: DatabaseInfo
    dashboard: DashboardSource
    database_health: HealthProbe
    # The console's ordered stops (app/shutdown_list.py): the window's panes join it.
    shutdown: ShutdownList
    # Where STREAM_LOST events go (a writer thread: submitting never blocks).
    stream_events: StreamEventSink
    # Remuxes the packets of every stream the wall opens into indexed segments (RecordingOff: not recorded).
    recording: WallRecording
    # Face analysis of the wall's cameras (AnalysisOff with --no-analysis); non-blocking calls.
    analysis: FaceAnalysis
    # Calibrating the verification threshold (the calibration dialog).
    calibration: CalibrationTools
    # Clips still being rendered: their tiles say so instead of counting as faulty streams.
    media_in_preparation: MediaInPreparation
    # The event journal's depth and refusals, for the status bar and the quit guard.
    journal: JournalStatusSource
    # The Events pane's service (app.supervision.event_service.EventService; blocking calls: the
    # pane runs them on the TaskRunner).
    events: EventTriage
    # Audit chain, completions, spot-checks and exports (app.review.services.ReviewServices).
    # Every method blocks: call it through app.tasks.TaskRunner.
    review: ReviewDesk
    # The Recordings pane's service; blocking (TaskRunner). RecordingsUnavailable: no folder.
    playback: RecordingReview
    is_demo: bool = False
    workspace_title: str = ""
    versions: dict[str, str] = field(default_factory=dict)  # component → version, for About
    # Camera id → start of an earlier run's open STREAM_LOST, taken over by the wall.
    stream_losses_left_open: dict[int, datetime] = field(default_factory=dict)
