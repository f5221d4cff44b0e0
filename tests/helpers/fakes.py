"""Small stand-ins for the services a GUI test does not exercise, and `make_context` to build one.

The window's AppContext holds every service (app/context.py); a test gives the ones it is about and
takes these for the rest: a journal with a fixed status, a stream-event sink that keeps what it is
given, an event store with no events, review services over an empty workspace, recordings that are
unavailable, calibration that says it does not run here, and the production switched-off
implementations (app/switched_off.py) for analysis, recording and media in preparation.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.context import (
    AppContext,
    DashboardSource,
    FaceAnalysis,
    HealthProbe,
    WallRecording,
)
from app.domain.casework import AuditEntry, Completion, Event, EventComment, SpotCheck
from app.domain.classroom_rules import ClassroomRules
from app.domain.dashboard import DashboardCounts, DatabaseInfo
from app.domain.enums import EventState, SpotCheckVerdict
from app.domain.event_paging import EventCursor, EventFilter, EventOrder
from app.domain.geography import Workspace
from app.domain.people import Scope, User
from app.journal_status import JournalStatus, JournalStatusSource
from app.playback.review_ports import RecordingReview, RecordingsUnavailable
from app.review.audit_values import AuditQuery, ChainReport
from app.review.completion_values import DECIDED_LIST_LIMIT, BatchOutcome, CompletionCandidate
from app.review.review_ports import CompletionDesk, ReviewDesk, SpotCheckDesk
from app.review.spot_check_values import ClaimLostError, ReviewItem, SampleRecord, SamplingPolicy
from app.shutdown_list import ShutdownList
from app.supervision.event_ports import NEWEST_FIRST, EventTriage
from app.supervision.event_views import EventDetail, EventListPage, NewEvents
from app.supervision.triage import TriageError
from app.switched_off import AnalysisOff, NoMediaInPreparation, RecordingOff
from app.vision.calibration_process import CalibrationRun, CalibrationTools

if TYPE_CHECKING:
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


@dataclass
class NoEvents:
    """An event store with no events (EventTriage): empty pages, nothing new since any mark; it
    keeps the filters it was asked to list, and refuses detail and actions as the real service
    refuses an unknown event."""

    asked: list[EventFilter] = field(default_factory=list)

    def page(
        self,
        event_filter: EventFilter,
        after: EventCursor | None = None,
        limit: int = 100,
        order: EventOrder = NEWEST_FIRST,
        *,
        viewer_id: int,
    ) -> EventListPage:
        self.asked.append(event_filter)
        return EventListPage([], None)

    def detail(self, event_id: int, *, viewer_id: int) -> EventDetail:
        raise TriageError("not_found", event_id)

    def new_since(
        self,
        mark: int,
        event_filter: EventFilter,
        *,
        viewer_id: int,
        alarm_scope: Scope | None = None,
        alarms: Collection[int] = (),
    ) -> NewEvents:
        return NewEvents(latest_id=0)

    def transition(self, event_id: int, to_state: EventState, actor_id: int, note: str = "") -> Event:
        raise TriageError("not_found", event_id)

    def comment(self, event_id: int, actor_id: int, text: str) -> EventComment:
        raise TriageError("not_found", event_id)


@dataclass
class NoCompletions:
    """Completions of a workspace without learners (CompletionDesk): nothing pending or decided; a
    decision on any id is refused as the real service refuses an unknown completion."""

    asked: list[Scope | None] = field(default_factory=list)

    def pending(self, scope: Scope | None, rules: ClassroomRules | None = None) -> list[CompletionCandidate]:
        self.asked.append(scope)
        return []

    def decided(
        self,
        scope: Scope | None,
        since: datetime,
        rules: ClassroomRules | None = None,
        limit: int = DECIDED_LIST_LIMIT,
    ) -> list[CompletionCandidate]:
        self.asked.append(scope)
        return []

    def decide(
        self,
        user: User,
        completion_id: int,
        *,
        approve: bool,
        reason: str = "",
        rules: ClassroomRules | None = None,
        batch: bool = False,
    ) -> Completion:
        raise LookupError(f"completion {completion_id} not found")

    def approve_many(
        self, user: User, completion_ids: Sequence[int], rules: ClassroomRules | None = None
    ) -> BatchOutcome:
        return BatchOutcome(failed={i: LookupError(f"completion {i} not found") for i in completion_ids})

    def reverse(self, user: User, completion_id: int, reason: str) -> Completion:
        raise LookupError(f"completion {completion_id} not found")


@dataclass
class NoSpotChecks:
    """A spot-check queue with nothing sampled (SpotCheckDesk): claims come back empty; a verdict
    on any id is refused as on an item no longer held."""

    claims: int = 0

    def claim(self, user: User, scope: Scope | None, count: int = 5) -> list[ReviewItem]:
        self.claims += 1
        return []

    def held_by(self, user: User) -> list[ReviewItem]:
        return []

    def release(self, user: User, check_ids: Sequence[int]) -> None:
        return None

    def record_verdict(
        self, user: User, check_id: int, verdict: SpotCheckVerdict, fail_reason: str = ""
    ) -> SpotCheck:
        raise ClaimLostError(check_id)

    def undo(self, user: User, check_id: int) -> SpotCheck:
        raise ClaimLostError(check_id)


@dataclass
class NoReview:
    """The review services over an empty workspace (ReviewDesk): no completions, no spot-checks, an
    empty audit log whose chain verifies; it keeps the sign-ins and samples it is asked to record."""

    completions: CompletionDesk = field(default_factory=NoCompletions)
    spot_checks: SpotCheckDesk = field(default_factory=NoSpotChecks)
    logins: list[int] = field(default_factory=list)
    samples: list[SampleRecord] = field(default_factory=list)

    def record_login(self, user: User) -> None:
        self.logins.append(user.id)

    def audit_entries(self, user: User, query: AuditQuery) -> list[AuditEntry]:
        return []

    def verify_audit(self, user: User, cancelled: Callable[[], bool] = lambda: False) -> ChainReport:
        return ChainReport()

    def sample_day(self, day: date, policy: SamplingPolicy, user: User) -> SampleRecord:
        record = SampleRecord(
            day.isoformat(), policy.seed, policy.random_share, 1, datetime.now().isoformat(), user.id, 0, 0
        )
        self.samples.append(record)
        return record

    def export_evidence(self, user: User, learner_id: int, target: Path) -> Path:
        raise LookupError(f"learner {learner_id} not found")

    def export_approvals(self, user: User, day: date, target: Path) -> int:
        target.write_text("", encoding="utf-8")
        return 0


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
    events: EventTriage | None = None,
    review: ReviewDesk | None = None,
    playback: RecordingReview | None = None,
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
        events=events if events is not None else NoEvents(),
        review=review if review is not None else NoReview(),
        playback=playback if playback is not None else RecordingsUnavailable("no recordings in this test"),
    )
