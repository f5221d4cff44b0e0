"""What the composition root hands to the window: services and read models, no widgets.

`app.bootstrap` builds one AppContext; `widgets.main_window.MainWindow` receives it. Tests build
their own from small hand-made workspaces.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from app.domain.coverage_gaps import GapSummary
from app.domain.event_tallies import EventTally
from app.domain.geography import Workspace
from app.domain.people import Scope, User

if TYPE_CHECKING:  # video imports PyAV; the context module is imported by persistence too
    from app.demo.media_progress import DemoMediaProgress
    from app.journal_status import JournalStatusSource
    from app.playback.review_service import RecordingReviewService
    from app.review.services import ReviewServices
    from app.supervision.event_service import EventService
    from app.video.decoder_pool import DecoderPool
    from app.video.recorder_service import RecordingService
    from app.video.stream_events import StreamEventSink
    from app.vision.calibration_process import CalibrationTools
    from app.vision.live_analysis import LiveAnalysis


@dataclass(frozen=True, slots=True)
class DashboardCounts:
    """Figures for the Dashboard pane within one scope. Computed on a worker thread."""

    counties: int = 0
    sites: int = 0
    classrooms: int = 0
    cameras: int = 0
    learners: int = 0
    sessions_today: int = 0
    learners_rostered_today: int = 0
    online_records: int = 0
    captured_photos: int = 0
    completions_pending: int = 0
    events_open: int = 0
    # Today's events for the charts, split by kind: per hour they started, and per classroom (the
    # pane adds classrooms up to the counties, sites or classrooms under the scope).
    events_by_hour: tuple[EventTally, ...] = ()
    events_by_classroom: tuple[EventTally, ...] = ()
    # Coverage now: classrooms with a class in session, and of those how many face analysis
    # watches and how many are being recorded.
    classrooms_in_session: int = 0
    classrooms_watched: int = 0
    classrooms_recorded: int = 0
    # Work waiting besides completions_pending: events nobody has looked at (state new), open
    # high-severity events nobody has claimed, and sampled photos waiting for a spot-check verdict.
    events_new: int = 0
    high_unclaimed: int = 0
    spot_checks_pending: int = 0
    # Today's face-analysis gaps of this workstation (app/domain/coverage_gaps.py); None: not known.
    analysis_gaps: GapSummary | None = None


@dataclass(frozen=True, slots=True)
class DatabaseInfo:
    backend: str  # "sqlite" or "postgresql"
    display_url: str  # password masked; safe to show and log
    schema_revision: str = ""


# Blocking; called only from a worker thread (app.tasks), never on the GUI thread.
DashboardSource = Callable[[Scope], DashboardCounts]
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
    # The demo's clips still being rendered (first start): the wall says "preparing demo video" for
    # their tiles instead of counting them as faulty streams. None: not the demo, or all rendered.
    demo_media: DemoMediaProgress | None = None
    # The workstation's event journal (issue 14): its depth for the status bar and the quit guard,
    # and a local disk that refuses it. None: nothing is journaled (GUI tests without a database).
    journal: JournalStatusSource | None = None
