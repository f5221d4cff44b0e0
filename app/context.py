"""What the composition root hands to the window: services and read models, no widgets.

`app.bootstrap` builds one AppContext; `widgets.main_window.MainWindow` receives it. Tests build
their own from small hand-made workspaces.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from app.domain.dashboard import DashboardSource, DatabaseInfo
from app.domain.geography import Workspace
from app.domain.people import User

if TYPE_CHECKING:  # video imports PyAV, vision dlib: the window's tests need neither
    from app.journal_status import JournalStatusSource
    from app.playback.review_service import RecordingReviewService
    from app.review.services import ReviewServices
    from app.supervision.event_service import EventService
    from app.video.decoder_pool import DecoderPool
    from app.video.recorder_service import RecordingService
    from app.video.stream_events import StreamEventSink
    from app.vision.calibration_process import CalibrationTools
    from app.vision.live_analysis import LiveAnalysis
    from app.workspace_plugin import MediaInPreparation


# Blocking health probe of the database; returns None when healthy or a short error text.
HealthProbe = Callable[[], str | None]


@dataclass(slots=True)
class AppContext:
    workspace: Workspace
    users: list[User]
    database: DatabaseInfo
    dashboard: DashboardSource
    database_health: HealthProbe
    is_demo: bool = False
    workspace_title: str = ""
    versions: dict[str, str] = field(default_factory=dict)  # component → version, for About
    # The video wall's decoder pool (None: the wall makes a default one) and where STREAM_LOST
    # events go (None: not recorded, e.g. in GUI tests without a database).
    make_decoder_pool: Callable[[], DecoderPool] | None = None
    stream_events: StreamEventSink | None = None
    # Camera id → start of each STREAM_LOST an earlier run left open (read at start-up): the wall's
    # StreamLossTracker takes these outages over instead of raising them again.
    stream_losses_left_open: dict[int, datetime] = field(default_factory=dict)
    # The Events pane's service (blocking calls: the pane runs them on the TaskRunner). None: no
    # event store (GUI tests without a database); the pane then says so instead of listing.
    events: EventService | None = None
    # Remuxes the packets of every stream the wall opens into indexed segments (None: not recorded).
    recording: RecordingService | None = None
    # Audit chain, completions, spot-checks and exports (None: GUI tests without a database).
    # Every method blocks: call it through app.tasks.TaskRunner.
    review: ReviewServices | None = None
    # Face analysis of the wall's cameras (None: off, e.g. --no-analysis or GUI tests). The wall
    # attaches its DecoderPool, reports its page, and reads the badges' statuses (all non-blocking).
    analysis: LiveAnalysis | None = None
    # Calibrating the verification threshold (the calibration dialog); None: not offered.
    calibration: CalibrationTools | None = None
    # The Recordings pane's service: days, a camera's day, bookmarks, evidence locks, exports
    # (every method blocks: call it through app.tasks.TaskRunner). None: no recordings (GUI tests).
    playback: RecordingReviewService | None = None
    # Clips still being rendered (the demo's first start): the wall says "preparing demo video" for
    # their tiles instead of counting them as faulty streams. None: nothing is being rendered.
    media_in_preparation: MediaInPreparation | None = None
    # The workstation's event journal (issue 14): its depth for the status bar and the quit guard,
    # and a local disk that refuses it. None: nothing is journaled (GUI tests without a database).
    journal: JournalStatusSource | None = None
