"""The composition root: builds the services and read models the window is given.

`load_console` blocks (database, migrations, the workspace plug-in's preparation) and runs on a
worker thread while the splash screen paints. It imports no widgets; widgets/console_startup.py
calls it. The demo is a WorkspacePlugin (app/workspace_plugin.py) obtained in `_workspace_plugin`,
the only place production names it.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app import paths
from app.context import AppContext
from app.domain.classroom_rules import ClassroomRules
from app.domain.dashboard import DatabaseInfo
from app.domain.geography import Workspace
from app.domain.people import User
from app.startup_steps import StartupStep, StepReport
from app.versions import app_version, component_versions
from app.workspace_plugin import MediaPreparation, WorkspacePlugin

if TYPE_CHECKING:  # imported lazily at run time: SQLAlchemy is loaded on the bootstrap thread
    from app.journal import EventJournal
    from app.persistence import Database
    from app.playback.review_service import RecordingReviewService
    from app.restart_supervisor import RestartSupervisor
    from app.review.photo_scoring_job import PhotoScoringJob
    from app.settings import RetentionPreferences
    from app.video.recorder_service import RecordingService
    from app.video.stream_events import StreamEventWriter
    from app.vision.calibration_process import CalibrationTools
    from app.vision.live_analysis import LiveAnalysis

log = logging.getLogger(__name__)

JOURNAL_START_WAIT_S = 5.0  # start-up waits this long for an earlier run's journal entries


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
    analysis_max_cameras: int = 16
    analysis_sample_fps: float = 1.0
    analysis_enabled: bool = True  # the settings' switch: off analyses no camera until switched on
    analysis_detector: str = "hog"
    analysis_upsample: int = 0
    retention: RetentionPreferences | None = None  # the settings' retention (None: the defaults)


@dataclass(slots=True)
class LoadedConsole:
    context: AppContext
    database: Database
    media: MediaPreparation | None = None  # rendered on the "workspace-media" thread once the window is up
    stream_event_writer: StreamEventWriter | None = None
    recording: RecordingService | None = None
    analysis: LiveAnalysis | None = None
    journal: EventJournal | None = None  # the event journal every writer on `database` appends to
    score_photos: bool = True  # online-study photo scoring in a child process (review/photo_scoring_job)
    plugin: WorkspacePlugin = field(default_factory=WorkspacePlugin)
    photo_scoring: PhotoScoringJob | None = None
    supervisor: RestartSupervisor | None = None  # restarts what fails, records the gaps
    _stop: threading.Event = field(default_factory=threading.Event)
    _worker: threading.Thread | None = None

    def start_background_work(self) -> None:
        """Start face analysis, photo scoring and the workspace's media rendering, after the window is up."""
        if self.analysis is not None:
            self.analysis.start()  # enrolment in its own process, then the analysis service
        if self.score_photos and self.photo_scoring is None:
            self._start_photo_scoring()
        if self.supervisor is not None:
            if self.photo_scoring is not None:
                from app.background_supervision import supervise_photo_scoring

                supervise_photo_scoring(self.supervisor, self.photo_scoring)
            self.supervisor.start()
        if self.media is None or self._worker is not None:
            return
        self._worker = threading.Thread(
            target=self.media.run, args=(self._stop.is_set,), name="workspace-media", daemon=True
        )
        self._worker.start()

    def _start_photo_scoring(self) -> None:
        """Flag online-study photos (no face, several faces, mismatch, low quality) for spot-checks."""
        from app.review.photo_scoring_job import PhotoScoringJob
        from app.review.photo_scoring_worker import ScoringConfig

        url = self.database.engine.url.render_as_string(hide_password=False)  # to the child only
        try:  # never fatal: the console works without scores, the sample is then random only
            # The first calibration is made by face analysis' enrolment process: wait for it.
            config = ScoringConfig(
                database_url=url,
                start_delay_s=10.0,
                fallback_calibration=self.plugin.photo_scoring_calibration(),
                calibration_wait_s=180.0,
            )
            self.photo_scoring = PhotoScoringJob(config)
            self.photo_scoring.start()
        except Exception:
            log.exception("photo scoring could not be started")

    def shutdown(self) -> None:
        self._stop.set()
        if self.supervisor is not None:
            self.supervisor.stop()  # first: stopping the subsystems is not a gap
        if self.photo_scoring is not None:
            self.photo_scoring.stop(timeout=5)  # it writes scores: before the database goes
        if self.analysis is not None:
            self.analysis.stop()  # before the rest: it writes events and reads the decoder pool
        if self._worker is not None:
            self._worker.join(timeout=5)
        if self.recording is not None:
            self.recording.shutdown(timeout=10)  # close and index the open segments
        if self.stream_event_writer is not None:
            self.stream_event_writer.close(timeout=5)  # finish recording stream outages first
        if self.journal is not None:  # what the database has not taken yet waits for the next start
            self.journal.close(timeout=5)
        self.database.dispose()


def _workspace_plugin(options: BootstrapOptions, today: date) -> WorkspacePlugin:
    """The demo when asked for or when no database is configured; else nothing extra. The one
    place production names the demo (pyproject's import-linter contracts keep it so)."""
    if options.demo or not options.database_url:
        from app.demo.plugin import DemoPlugin

        return DemoPlugin(today, options.media_dir)
    return WorkspacePlugin()


def _configure_audit_witness(url: str, plugin: WorkspacePlugin) -> None:
    """Entries this workstation commits are also written outside the database (audit_witness.py),
    in the workspace's own file if it names one (the demo's is per day)."""
    from app.review.audit_witness import AuditWitness, configure_witness, workstation_witness
    from app.review.witness_key import witness_key

    path = plugin.witness_path()
    if path is None:
        configure_witness(workstation_witness(paths.data_dir(), url, witness_key()))
        return
    witness = AuditWitness(path, witness_key())
    witness.path.touch(exist_ok=True)  # from now on a missing file was deleted (audit pane)
    configure_witness(witness)


def _open_journal(database: Database, url: str, plugin: WorkspacePlugin) -> EventJournal:
    """The workstation's event journal for this database (or the workspace's own, the demo's per
    day), attached so every writer uses it; what an earlier run left in it is delivered from now on."""
    from app.journal import EventJournal, attach, journal_path

    path = plugin.journal_path() or journal_path(paths.data_dir(), url)
    journal = EventJournal(database, path)
    attach(database, journal)
    waiting = journal.status().waiting
    if waiting:
        # Before start-up reads which events are still open (to resume them): an earlier run's
        # raises and closes should be in the database by then. Not for long: the splash waits.
        delivered = journal.wait_delivered(journal.last_seq(), JOURNAL_START_WAIT_S)
        log.info(
            "%d journal entries from an earlier run %s (%s)",
            waiting,
            "delivered" if delivered else "are being delivered",
            path,
        )
    return journal


def _load_workspace(database: Database) -> tuple[Workspace | None, list[User]]:
    from app.persistence.repositories.workspace_repository import WorkspaceRepository

    with database.reading() as session:
        repo = WorkspaceRepository(session)
        return repo.load_workspace(), repo.load_users(active_only=True)


def load_console(options: BootstrapOptions, step: StepReport | None = None) -> LoadedConsole:
    """Open (or create) the workspace's database and load what the window needs. Blocking.
    `step` hears each StartupStep as it begins (on this thread), for the splash screen."""
    report: StepReport = step or (lambda _step: None)
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

    from app.dashboard_source import dashboard_source

    journal = _open_journal(database, url, plugin)
    _configure_audit_witness(url, plugin)
    # Seeded rows and the demo's live script (which gives cameras new URLs): before the window's load.
    if plugin.prepare_workspace(database, workspace, report, options.analysis):
        workspace = _load_workspace(database)[0] or workspace
    camera_rooms = {camera.id: camera.classroom_id for camera in workspace.cameras}
    context = AppContext(
        workspace=workspace,
        users=users,
        database=DatabaseInfo(
            backend=database.backend, display_url=database.display_url, schema_revision=revision
        ),
        dashboard=dashboard_source(database, camera_rooms),  # given face analysis below
        database_health=lambda: database_health(database.engine),
        is_demo=plugin.is_demo,
        workspace_title=workspace.city.name,
        versions={"app": app_version(), **component_versions()},
        journal=journal,
    )
    from app.review.services import ReviewServices
    from app.video.stream_events import StreamEventWriter, open_stream_losses

    context.review = ReviewServices(database)
    from app.review.audit_chain import append_entry
    from app.supervision.event_service import EventService

    # State changes and comments on events enter the audit chain in their own transaction.
    context.events = EventService(database, audit=append_entry)
    # STREAM_LOST events are written on their own thread so the wall never waits for the database.
    writer = StreamEventWriter(database)
    context.stream_events = writer
    context.stream_losses_left_open = open_stream_losses(database)  # taken over by the wall
    if options.record:
        report(StartupStep.RECORDINGS)
    context.recording = _recording_service(database, plugin, options.retention) if options.record else None
    context.playback = _review_service(database, plugin, context.recording)
    if options.analysis:
        report(StartupStep.ANALYSIS)
    analysis = _live_analysis(database, workspace, options, plugin) if options.analysis else None
    context.calibration = _calibration_tools(database, plugin)
    if context.recording is not None:
        plugin.prepare_recordings(database, workspace, context.recording.root)
    context.analysis = analysis
    media = plugin.media_preparation()  # complete now: every hook has added its media
    context.media_in_preparation = media.progress if media is not None else None
    from app.background_supervision import build_supervisor, coverage_gap_recorder

    gaps = coverage_gap_recorder(database)
    supervisor = build_supervisor(gaps, analysis, context.recording)
    context.dashboard = dashboard_source(database, camera_rooms, analysis, gaps=gaps)
    return LoadedConsole(
        context=context,
        database=database,
        media=media,
        stream_event_writer=writer,
        journal=journal,
        recording=context.recording,
        analysis=analysis,
        score_photos=options.analysis,  # --no-analysis: no dlib work at all (video benchmarks)
        plugin=plugin,
        supervisor=supervisor,
    )


def _live_analysis(
    database: Database, workspace: Workspace, options: BootstrapOptions, plugin: WorkspacePlugin
) -> LiveAnalysis | None:
    """Face analysis on the wall's cameras, within the workspace's restrictions (the demo's live
    script). Never fatal: the console works without it."""
    from app.vision.live_analysis import LiveAnalysis, LiveAnalysisOptions

    extras = plugin.analysis_extras()
    if extras is None:
        return None
    live = LiveAnalysis(
        database,
        workspace,
        LiveAnalysisOptions(
            rules=extras.rules or options.classroom_rules or ClassroomRules(),
            max_cameras=options.analysis_max_cameras,
            sample_fps=options.analysis_sample_fps,
            enrolment_photos=extras.enrolment_photos,
            calibration=extras.calibration,
            snapshot_dir=plugin.data_dir() / "snapshots",
            only_sessions=extras.only_sessions,
        ),
    )
    # Through reconfigure, not WorkerConfig: enrolment keeps the fast HOG detector whatever this says.
    live.reconfigure(
        enabled=options.analysis_enabled,
        detector=options.analysis_detector,
        upsample=options.analysis_upsample,
    )
    return live


def _calibration_tools(database: Database, plugin: WorkspacePlugin) -> CalibrationTools:
    """The calibration dialog's blocking calls: dlib in a child process; the threshold into workspace_meta."""
    from app.vision.calibration import save_calibration
    from app.vision.calibration_process import CalibrationRun, CalibrationTools, run_calibration

    def save(run: CalibrationRun) -> None:
        save_calibration(database, run.embedding_id, run.result)

    return CalibrationTools(run_calibration, save, plugin.calibration_source())


def _recording_service(
    database: Database, plugin: WorkspacePlugin, retention: RetentionPreferences | None
) -> RecordingService:
    """Recordings live beside the workspace's data; a crash's leftovers are settled first."""
    from app.review.audit_chain import append_entry
    from app.video.recorder_service import RecordingService
    from app.video.recorder_settings import RecordingSettings, RetentionPolicy

    root = plugin.data_dir() / "recordings"
    settings = RecordingSettings()
    if retention is not None:
        policy = RetentionPolicy(
            max_age_days=retention.max_age_days,
            quota_gb=retention.quota_gb,
            quota_percent=retention.quota_percent,
            floor_free_mb=retention.floor_free_mb,
        )
        settings = RecordingSettings(retention=policy)
    service = RecordingService(database, root, settings, audit=append_entry)
    report = service.recover()
    log.info("recordings in %s: %s", root, report)
    service.start_retention()
    return service


def _review_service(
    database: Database, plugin: WorkspacePlugin, recording: RecordingService | None
) -> RecordingReviewService | None:
    """The Recordings pane's service, on the recorder's folder (also when recording is switched off:
    what was recorded before can still be reviewed). Event snapshots are absolute paths, or relative
    to the workspace's snapshot roots (the demo's media: its events show enrolment photos). Never fatal."""
    from app.playback.review_service import RecordingReviewService

    base = plugin.data_dir()
    root = recording.root if recording is not None else base / "recordings"
    snapshot_roots = [*plugin.snapshot_roots(), base / "snapshots"]
    try:
        store = recording.store if recording is not None else None
        return RecordingReviewService(database, root, store=store, snapshot_roots=snapshot_roots)
    except OSError:
        log.exception("the recordings review cannot use %s", root)
        return None
