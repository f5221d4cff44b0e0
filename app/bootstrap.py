"""The composition root: builds the services and read models the window is given.

`load_console` blocks (database, migrations, demo creation) and runs on a worker thread while the
splash screen paints. It imports no widgets; widgets/console_startup.py calls it.
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
from app.startup_steps import StartupStep, StepReport
from app.versions import app_version, component_versions

if TYPE_CHECKING:  # imported lazily at run time: SQLAlchemy is loaded on the bootstrap thread
    from app.demo.media_jobs import MediaJob
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
DEMO_SEED = 20220401  # the day the current rules came into force; any fixed number would do


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
    media_jobs: list[MediaJob] = field(default_factory=list)
    stream_event_writer: StreamEventWriter | None = None
    recording: RecordingService | None = None
    analysis: LiveAnalysis | None = None
    journal: EventJournal | None = None  # the event journal every writer on `database` appends to
    score_photos: bool = True  # online-study photo scoring in a child process (review/photo_scoring_job)
    photo_scoring: PhotoScoringJob | None = None
    supervisor: RestartSupervisor | None = None  # restarts what fails, records the gaps
    _stop: threading.Event = field(default_factory=threading.Event)
    _worker: threading.Thread | None = None

    def start_background_work(self) -> None:
        """Render the demo's photos and classroom clips and start face analysis, after the window is up."""
        if self.analysis is not None:
            self.analysis.start()  # enrolment in its own process, then the analysis service
        if self.score_photos and self.photo_scoring is None:
            self._start_photo_scoring()
        if self.supervisor is not None:
            if self.photo_scoring is not None:
                from app.background_supervision import supervise_photo_scoring

                supervise_photo_scoring(self.supervisor, self.photo_scoring)
            self.supervisor.start()
        if not self.media_jobs or self._worker is not None:
            return
        from app.demo.media import materialise

        jobs = demo_render_order(self.media_jobs)

        progress = self.context.demo_media

        def tick(done: int, _total: int) -> None:
            if progress is not None:
                progress.done(jobs[done - 1].path)

        def work() -> None:
            try:
                made = materialise(jobs, progress=tick, cancelled=self._stop.is_set)
                log.info("demo media ready (%d files made)", made)
            except Exception:  # a failed render must not take the console down
                log.exception("rendering the demo media failed")
            finally:
                if progress is not None:
                    progress.finish()  # a clip still missing now is missing: the wall may say so

        self._worker = threading.Thread(target=work, name="demo-media", daemon=True)
        self._worker.start()

    def _start_photo_scoring(self) -> None:
        """Flag online-study photos (no face, several faces, mismatch, low quality) for spot-checks."""
        from app.review.photo_scoring_job import PhotoScoringJob
        from app.review.photo_scoring_worker import ScoringConfig

        url = self.database.engine.url.render_as_string(hide_password=False)  # to the child only
        try:  # never fatal: the console works without scores, the sample is then random only
            # The demo's first calibration is made by face analysis' enrolment process: wait for it.
            config = ScoringConfig(database_url=url, start_delay_s=10.0, calibration_wait_s=180.0)
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


def demo_render_order(jobs: list[MediaJob]) -> list[MediaJob]:
    """The demo's media jobs in the order a first start needs them.

    The eight shared clips first (they feed every camera but the live script's, so the first wall
    page plays within ~20 s of a first start), then the clip each script camera plays from the
    start, then the later phases' clips (needed a minute on), then the recordings of earlier today
    (remuxed from the shared clips in ~5 s, so the Recordings pane has a day to show), then photos
    (opened on demand; thousands of them). Rendering every phase of one camera before the next
    camera's first left a quarter of the first page waiting 45 s on a first start."""
    from app.demo.media_jobs import ClipJob, RecordingHistoryJob

    def urgency(job: MediaJob) -> int:
        if isinstance(job, RecordingHistoryJob):
            return 3
        if not isinstance(job, ClipJob):
            return 4
        if job.path.parent.name == "videos":
            return 0
        return 1 if job.phase == 0 else 2

    return sorted(jobs, key=urgency)


def _configure_audit_witness(url: str, demo: bool, today: date) -> None:
    """Entries this workstation commits are also written outside the database (audit_witness.py).
    The demo database is rebuilt every day: its witness is per day, and yesterday's is removed."""
    from app.review.audit_witness import AuditWitness, configure_witness, workstation_witness
    from app.review.witness_key import witness_key

    if demo:
        folder = paths.demo_dir()
        for old in folder.glob("audit-witness-*.log"):
            if old.name != f"audit-witness-{today.isoformat()}.log":
                old.unlink(missing_ok=True)
        witness = AuditWitness(folder / f"audit-witness-{today.isoformat()}.log", witness_key())
        folder.mkdir(parents=True, exist_ok=True)
        witness.path.touch(exist_ok=True)  # from now on a missing file was deleted (audit pane)
        configure_witness(witness)
    else:
        configure_witness(workstation_witness(paths.data_dir(), url, witness_key()))


def _open_journal(database: Database, url: str, demo: bool, today: date) -> EventJournal:
    """The workstation's event journal for this database, attached so every writer uses it; what
    an earlier run left in it is delivered from now on. The demo database is rebuilt every day: its
    journal is per day too, and yesterday's is removed (its events belong to a database now gone)."""
    from app.journal import EventJournal, attach, journal_path

    if demo:
        folder = paths.demo_dir()
        name = f"event-journal-{today.isoformat()}.sqlite3"
        for old in folder.glob("event-journal-*.sqlite3*"):
            if not old.name.startswith(name):
                old.unlink(missing_ok=True)
        path = folder / name
    else:
        path = journal_path(paths.data_dir(), url)
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


def load_console(options: BootstrapOptions, step: StepReport | None = None) -> LoadedConsole:
    """Open (or create) the workspace's database and load what the window needs. Blocking.
    `step` hears each StartupStep as it begins (on this thread), for the splash screen."""
    report: StepReport = step or (lambda _step: None)
    from sqlalchemy.exc import ArgumentError

    from app.database_password import with_keyring_password
    from app.persistence import Database, DatabaseError, database_health
    from app.persistence.migrate import current_revision, upgrade_to_head
    from app.persistence.repositories.workspace_repository import WorkspaceRepository

    today = options.today or date.today()
    demo = options.demo or not options.database_url
    url = paths.demo_database_url() if demo else options.database_url
    media_jobs: list[MediaJob] = []
    try:
        if demo:
            from app.demo.demo_database import prepare_demo

            report(StartupStep.DEMO)
            media_jobs = prepare_demo(url, options.media_dir or paths.demo_dir() / "media", DEMO_SEED, today)
        else:
            report(StartupStep.DATABASE)
            url = with_keyring_password(url)
            report(StartupStep.MIGRATIONS)
            upgrade_to_head(url)
        database = Database(url)
        report(StartupStep.WORKSPACE)
        with database.reading() as session:
            repo = WorkspaceRepository(session)
            workspace = repo.load_workspace()
            users = repo.load_users(active_only=True)
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

    journal = _open_journal(database, url, demo, today)
    camera_rooms = {camera.id: camera.classroom_id for camera in workspace.cameras}
    context = AppContext(
        workspace=workspace,
        users=users,
        database=DatabaseInfo(
            backend=database.backend, display_url=database.display_url, schema_revision=revision
        ),
        dashboard=dashboard_source(database, camera_rooms),  # given face analysis below
        database_health=lambda: database_health(database.engine),
        is_demo=demo,
        workspace_title=workspace.city.name,
        versions={"app": app_version(), **component_versions()},
        journal=journal,
    )
    from app.review.services import ReviewServices
    from app.video.stream_events import StreamEventWriter, open_stream_losses

    context.review = ReviewServices(database)
    _configure_audit_witness(url, demo, today)
    from app.review.audit_chain import append_entry
    from app.supervision.event_service import EventService

    # State changes and comments on events enter the audit chain in their own transaction.
    context.events = EventService(database, audit=append_entry)
    if demo:
        report(StartupStep.EVENTS)
        _seed_demo_events(database, today)
    # STREAM_LOST events are written on their own thread so the wall never waits for the database.
    writer = StreamEventWriter(database)
    context.stream_events = writer
    context.stream_losses_left_open = open_stream_losses(database)  # taken over by the wall
    if options.record:
        report(StartupStep.RECORDINGS)
    context.recording = _recording_service(database, demo, options.retention) if options.record else None
    context.playback = _review_service(database, demo, context.recording, options)
    if options.analysis:
        report(StartupStep.ANALYSIS)
    analysis = _live_analysis(database, workspace, options, demo, media_jobs) if options.analysis else None
    context.calibration = _calibration_tools(database, demo, options)
    if demo and context.recording is not None:
        _plan_demo_history(database, workspace, options, context.recording, media_jobs)
    context.analysis = analysis
    if media_jobs:  # complete now: the live script's clips and the history job are in
        from app.demo.media_progress import DemoMediaProgress

        context.demo_media = DemoMediaProgress(media_jobs)
    from app.background_supervision import build_supervisor, coverage_gap_recorder

    gaps = coverage_gap_recorder(database)
    supervisor = build_supervisor(gaps, analysis, context.recording)
    context.dashboard = dashboard_source(database, camera_rooms, analysis, gaps=gaps)
    return LoadedConsole(
        context=context,
        database=database,
        media_jobs=media_jobs,
        stream_event_writer=writer,
        journal=journal,
        recording=context.recording,
        analysis=analysis,
        score_photos=options.analysis,  # --no-analysis: no dlib work at all (video benchmarks)
        supervisor=supervisor,
    )


def _live_analysis(
    database: Database,
    workspace: Workspace,
    options: BootstrapOptions,
    demo: bool,
    media_jobs: list[MediaJob],
) -> LiveAnalysis | None:
    """Face analysis on the wall's cameras; in the demo, first the live script that gives it something to
    find (its clips go to the front of `media_jobs`). Never fatal: the console works without it."""
    from app.vision.live_analysis import LiveAnalysis, LiveAnalysisOptions

    rules = options.classroom_rules
    photo_jobs: tuple[MediaJob, ...] = ()
    only_sessions: dict[int, int] | None = None
    media_dir = options.media_dir or paths.demo_dir() / "media"
    if demo:
        from app.demo.live_script import demo_rules, prepare_live_script
        from app.demo.media_jobs import EnrolmentPhotoJob

        try:
            script = prepare_live_script(database, workspace, media_dir, DEMO_SEED)
        except Exception:
            log.exception("the demo's live script could not be prepared")
            return None
        from app.persistence.repositories.workspace_repository import WorkspaceRepository

        with database.reading() as session:
            fresh = WorkspaceRepository(session).load_workspace()
        if fresh is not None:  # scripted cameras now play playlists; earlier ones went back to clips
            by_id = {c.id: c for c in fresh.cameras}
            for camera in workspace.cameras:
                if camera.id in by_id:
                    camera.main_url, camera.sub_url = by_id[camera.id].main_url, by_id[camera.id].sub_url
        media_jobs[:0] = [j for j in script.media_jobs if not isinstance(j, EnrolmentPhotoJob)]
        photo_jobs = tuple(j for j in script.media_jobs if isinstance(j, EnrolmentPhotoJob))
        rules = demo_rules()
        only_sessions = {camera.camera_id: camera.session_id for camera in script.cameras}
    live = LiveAnalysis(
        database,
        workspace,
        LiveAnalysisOptions(
            rules=rules or ClassroomRules(),
            max_cameras=options.analysis_max_cameras,
            sample_fps=options.analysis_sample_fps,
            demo_media_dir=media_dir if demo else None,
            photo_jobs=photo_jobs,
            snapshot_dir=(paths.demo_dir() if demo else paths.data_dir()) / "snapshots",
            only_sessions=only_sessions,
        ),
    )
    # Through reconfigure, not WorkerConfig: enrolment keeps the fast HOG detector whatever this says.
    live.reconfigure(
        enabled=options.analysis_enabled,
        detector=options.analysis_detector,
        upsample=options.analysis_upsample,
    )
    return live


def _calibration_tools(database: Database, demo: bool, options: BootstrapOptions) -> CalibrationTools:
    """The calibration dialog's blocking calls: dlib in a child process; the threshold into workspace_meta."""
    from app.vision.calibration import save_calibration
    from app.vision.calibration_process import CalibrationRun, CalibrationTools, run_calibration

    def save(run: CalibrationRun) -> None:
        save_calibration(database, run.embedding_id, run.result)

    media_dir = (options.media_dir or paths.demo_dir() / "media") if demo else None
    return CalibrationTools(run_calibration, save, media_dir)


def _recording_service(
    database: Database, demo: bool, retention: RetentionPreferences | None
) -> RecordingService:
    """Recordings live beside the workspace's data; a crash's leftovers are settled first."""
    from app.review.audit_chain import append_entry
    from app.video.recorder_service import RecordingService
    from app.video.recorder_settings import RecordingSettings, RetentionPolicy

    root = (paths.demo_dir() if demo else paths.data_dir()) / "recordings"
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
    database: Database, demo: bool, recording: RecordingService | None, options: BootstrapOptions
) -> RecordingReviewService | None:
    """The Recordings pane's service, on the recorder's folder (also when recording is switched off:
    what was recorded before can still be reviewed). Event snapshots are absolute paths, or relative
    to the demo's media folder (its events show enrolment photos). Never fatal."""
    from app.playback.review_service import RecordingReviewService

    base = paths.demo_dir() if demo else paths.data_dir()
    root = recording.root if recording is not None else base / "recordings"
    snapshot_roots = [base / "snapshots"]
    if demo:
        snapshot_roots.insert(0, options.media_dir or base / "media")
    try:
        store = recording.store if recording is not None else None
        return RecordingReviewService(database, root, store=store, snapshot_roots=snapshot_roots)
    except OSError:
        log.exception("the recordings review cannot use %s", root)
        return None


def _plan_demo_history(
    database: Database,
    workspace: Workspace,
    options: BootstrapOptions,
    recording: RecordingService,
    media_jobs: list[MediaJob],
) -> None:
    """Recordings and past events of earlier today for the Recordings pane, made on the demo-media
    thread after the clips (they are remuxed from the shared ones). Never fatal."""
    from app.demo.live_script import LIVE_TITLE
    from app.demo.recording_history import plan_recording_history
    from app.demo.seed_geography import CLIP_COUNT, clip_path

    media_dir = options.media_dir or paths.demo_dir() / "media"
    try:
        job = plan_recording_history(
            database,
            workspace,
            lambda camera_id: clip_path(media_dir, (camera_id - 1) % CLIP_COUNT),
            recording.root,
            paths.demo_dir() / "snapshots",
            DEMO_SEED,
            skip_titles=(LIVE_TITLE,),
        )
    except Exception:
        log.exception("the demo's recording history could not be planned")
        return
    if job is not None:
        media_jobs.append(job)


def _seed_demo_events(database: Database, today: date) -> None:
    """A history of flagged events for today's demo classes, up to now; never fatal."""
    from app.supervision.demo_events import seed_demo_events

    try:
        added = seed_demo_events(database, today, DEMO_SEED)
    except Exception:  # an empty Events pane is better than no console
        log.exception("seeding the demo events failed")
        return
    if added:
        log.info("demo events seeded: %d", added)
