"""The composition root: builds the services and read models the window is given.

`load_console` blocks (database, migrations, the workspace plug-in's preparation) and runs on a
worker thread while the splash screen paints. It imports no widgets; widgets/console_startup.py
calls it; app/console_services.py builds each service. The demo is a WorkspacePlugin
(app/workspace_plugin.py) obtained in `_workspace_plugin`,
the only place production names it.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from app import console_services
from app.context import AppContext
from app.domain.classroom_rules import ClassroomRules
from app.domain.dashboard import DatabaseInfo
from app.domain.geography import Workspace
from app.domain.people import User
from app.paths import Locations
from app.settings import AnalysisPreferences
from app.shutdown_list import ShutdownList
from app.startup_steps import StartupStep, StepReport
from app.switched_off import AnalysisOff, NoMediaInPreparation, RecordingOff
from app.versions import app_version, component_versions
from app.workspace_plugin import MediaPreparation, WorkspacePlugin

if TYPE_CHECKING:  # imported lazily at run time: SQLAlchemy is loaded on the bootstrap thread
    from app.persistence import Database
    from app.restart_supervisor import RestartSupervisor
    from app.review.photo_scoring_job import PhotoScoringJob
    from app.settings import RetentionPreferences
    from app.video.recorder_service import RecordingService
    from app.vision.live_analysis import LiveAnalysis

log = logging.getLogger(__name__)


class BootstrapError(Exception):
    """Start-up cannot continue; the message is shown to the user as it is."""


@dataclass(frozen=True, slots=True)
class BootstrapOptions:
    demo: bool = False
    database_url: str = ""  # "" = the demo workspace on first start, as the issue asks
    today: date | None = None
    media_dir: Path | None = None
    record: bool = True  # remux what the wall plays into recording segments
    analysis: bool = True  # face analysis on the wall's cameras (--no-analysis turns it off)
    classroom_rules: ClassroomRules | None = None  # the settings' rules (the demo shortens absence)
    # The settings' face analysis: cameras, rate, switch (off: nothing analysed until on), detector.
    analysis_preferences: AnalysisPreferences = field(default_factory=AnalysisPreferences)
    retention: RetentionPreferences | None = None  # the settings' retention (None: the defaults)


class MediaRendering:
    """The workspace's media (the demo's clips), rendered on a thread once the window is up."""

    def __init__(self) -> None:
        self._stop = threading.Event()  # set first on shutdown; the thread is joined after analysis
        self._media: MediaPreparation | None = None
        self._worker: threading.Thread | None = None

    def prepare(self, media: MediaPreparation | None) -> None:
        self._media = media

    def start(self) -> None:
        if self._media is None or self._worker is not None:
            return
        self._worker = threading.Thread(
            target=self._media.run, args=(self._stop.is_set,), name="workspace-media", daemon=True
        )
        self._worker.start()

    def cancel(self) -> None:
        self._stop.set()

    def join(self) -> None:
        if self._worker is not None:
            self._worker.join(timeout=5)


@dataclass(slots=True)
class LoadedConsole:
    """The built console: its context for the window, and what starts once the window is up.
    `shutdown_list` stops what load_console started (the task runner and the panes join it)."""

    context: AppContext
    database: Database
    locations: Locations
    shutdown_list: ShutdownList
    supervisor: RestartSupervisor  # restarts what fails, records the gaps
    media: MediaRendering
    analysis: LiveAnalysis | None = None
    photo_scoring: PhotoScoringJob | None = None  # online-study photo scoring in a child process

    def start_background_work(self) -> None:
        """Start face analysis, photo scoring and the workspace's media rendering, after the window is up."""
        if self.analysis is not None:
            self.analysis.start()  # enrolment in its own process, then the analysis service
        if self.photo_scoring is not None:
            from app.background_supervision import supervise_photo_scoring

            try:  # never fatal: the console works without scores, the sample is then random only
                self.photo_scoring.start()
            except Exception:
                log.exception("photo scoring could not be started")
            supervise_photo_scoring(self.supervisor, self.photo_scoring)
        self.supervisor.start()
        self.media.start()

    def shutdown(self) -> None:
        """Stop everything in the registered order (ShutdownList: newest first). Idempotent."""
        self.shutdown_list.run()


def _workspace_plugin(options: BootstrapOptions, today: date) -> WorkspacePlugin:
    """The demo when asked for or when no database is configured; else nothing extra. The one
    place production names the demo (pyproject's import-linter contracts keep it so)."""
    if options.demo or not options.database_url:
        from app.demo.plugin import DemoPlugin

        return DemoPlugin(today, options.media_dir)
    return WorkspacePlugin()


def _load_workspace(database: Database) -> tuple[Workspace | None, list[User]]:
    from app.persistence.repositories.workspace_repository import WorkspaceRepository

    with database.reading() as session:
        repo = WorkspaceRepository(session)
        return repo.load_workspace(), repo.load_users(active_only=True)


def load_console(options: BootstrapOptions, step: StepReport | None = None) -> LoadedConsole:
    """Open (or create) the workspace's database and load what the window needs. Blocking.
    `step` hears each StartupStep as it begins (on this thread), for the splash screen. What was
    started before a failure is stopped again (its shutdown list runs) before the error goes on."""
    shutdown = ShutdownList()
    try:
        return _assemble(options, step or (lambda _step: None), shutdown)
    except BaseException:
        shutdown.run()  # writers, recorders and the database must not outlive a failed start
        raise


def _assemble(options: BootstrapOptions, report: StepReport, shutdown: ShutdownList) -> LoadedConsole:
    """The console's parts in the order they need each other; each registers its stop as it is made
    (stopped newest first: the comments say why each stands where it does)."""
    from sqlalchemy.exc import ArgumentError

    from app.database_password import with_keyring_password
    from app.persistence import Database, DatabaseError, database_health
    from app.persistence.migrate import current_revision, upgrade_to_head

    today = options.today or date.today()
    plugin = _workspace_plugin(options, today)
    try:
        url = plugin.prepare_database(report)
        if url is None:
            report(StartupStep.DATABASE)
            url = with_keyring_password(options.database_url)
            report(StartupStep.MIGRATIONS)
            upgrade_to_head(url)
        database = Database(url)
        shutdown.register("database", database.dispose)  # last of all
        report(StartupStep.WORKSPACE)
        workspace, users = _load_workspace(database)
        revision = current_revision(database.engine) or ""
    except DatabaseError as exc:
        raise BootstrapError(str(exc)) from exc
    except ArgumentError as exc:  # a malformed URL; SQLAlchemy's text never includes a password
        raise BootstrapError(f"The database URL is not valid: {exc}") from exc
    if workspace is None:
        raise BootstrapError(f"The database {database.display_url} holds no workspace yet.")
    if not users:
        raise BootstrapError("The database has no users: nobody can sign in.")

    locations = Locations.under(plugin.data_dir())
    journal = console_services.open_journal(database, url, plugin, locations.journal)
    # What the database has not taken yet waits in the journal for the next start.
    shutdown.register("event journal", partial(journal.close, timeout=5))
    from app.review.audit_witness import attach_witness

    attach_witness(database, console_services.audit_witness(url, plugin, locations.witness))
    shutdown.register("audit witness", partial(attach_witness, database, None))
    # Seeded rows and the demo's live script (new camera URLs) come before the load.
    if plugin.prepare_workspace(database, workspace, report, options.analysis):
        workspace = _load_workspace(database)[0] or workspace
    from app.review.audit_chain import append_entry
    from app.review.services import ReviewServices
    from app.supervision.event_service import EventService
    from app.video.stream_events import StreamEventWriter, open_stream_losses

    review = ReviewServices(database)
    # State changes and comments on events enter the audit chain in their own transaction.
    events = EventService(database, audit=append_entry)
    # STREAM_LOST events are written on their own thread: the wall never waits.
    writer = StreamEventWriter(database)
    shutdown.register("stream event writer", partial(writer.close, timeout=5))  # after the recorders
    losses_left_open = open_stream_losses(database)  # taken over by the wall
    recording: RecordingService | None = None
    if options.record:
        report(StartupStep.RECORDINGS)
        recording = console_services.recording_service(database, locations.recordings, options.retention)
        shutdown.register("recording", partial(recording.shutdown, timeout=10))  # close, index segments
    playback = console_services.review_service(database, plugin, recording, locations)
    media = MediaRendering()
    shutdown.register("workspace media", media.join)  # after face analysis; cancelled first (below)
    analysis: LiveAnalysis | None = None
    if options.analysis:
        report(StartupStep.ANALYSIS)
        analysis = console_services.live_analysis(
            database, workspace, options.analysis_preferences, options.classroom_rules, plugin, locations
        )
    if analysis is not None:  # before the rest: it writes events and reads the decoder pool
        shutdown.register("face analysis", analysis.stop)
    calibration = console_services.calibration_tools(database, plugin)
    if recording is not None:
        plugin.prepare_recordings(database, workspace, recording.root)
    preparation = plugin.media_preparation()  # complete now: every hook has added its media
    media.prepare(preparation)
    # --no-analysis: no dlib work at all (video benchmarks).
    photo_scoring = console_services.photo_scoring(database, plugin) if options.analysis else None
    if photo_scoring is not None:  # it writes scores: before the database goes
        shutdown.register("photo scoring", partial(photo_scoring.stop, timeout=5))
    from app.background_supervision import build_supervisor, coverage_gap_recorder
    from app.dashboard_source import dashboard_source

    gaps = coverage_gap_recorder(database)
    supervisor = build_supervisor(gaps, analysis, recording)
    shutdown.register("restart supervisor", supervisor.stop)  # first: stopping the subsystems is not a gap
    shutdown.register("workspace media (cancel)", media.cancel)
    camera_rooms = {camera.id: camera.classroom_id for camera in workspace.cameras}
    context = AppContext(
        workspace=workspace,
        users=users,
        database=DatabaseInfo(
            backend=database.backend, display_url=database.display_url, schema_revision=revision
        ),
        dashboard=dashboard_source(database, camera_rooms, analysis, gaps=gaps),
        database_health=lambda: database_health(database.engine),
        shutdown=shutdown,
        is_demo=plugin.is_demo,
        workspace_title=workspace.city.name,
        versions={"app": app_version(), **component_versions()},
        journal=journal,
        review=review,
        events=events,
        stream_events=writer,
        stream_losses_left_open=losses_left_open,
        recording=recording if recording is not None else RecordingOff(),
        playback=playback,
        analysis=analysis if analysis is not None else AnalysisOff(),
        calibration=calibration,
        media_in_preparation=preparation.progress if preparation is not None else NoMediaInPreparation(),
    )
    return LoadedConsole(
        context=context,
        database=database,
        locations=locations,
        shutdown_list=shutdown,
        supervisor=supervisor,
        media=media,
        analysis=analysis,
        photo_scoring=photo_scoring,
    )
