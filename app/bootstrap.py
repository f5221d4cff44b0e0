"""The composition root: builds the services and read models the window is given.

`load_console` blocks (database, migrations, demo creation) and runs on a worker thread while the
splash screen paints. It imports no widgets; widgets/console_startup.py calls it.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from app import paths
from app.context import AppContext
from app.domain.classroom_rules import ClassroomRules
from app.domain.dashboard import DatabaseInfo
from app.domain.geography import Workspace
from app.paths import Locations
from app.settings import AnalysisPreferences
from app.shutdown_list import ShutdownList
from app.startup_steps import StartupStep, StepReport
from app.switched_off import AnalysisOff, NoMediaBeingPrepared, RecordingOff
from app.versions import app_version, component_versions

if TYPE_CHECKING:  # imported lazily at run time: SQLAlchemy is loaded on the bootstrap thread
    from app.demo.media_jobs import MediaJob
    from app.demo.media_progress import DemoMediaProgress
    from app.journal import EventJournal
    from app.persistence import Database
    from app.playback.review_service import RecordingReviewService
    from app.restart_supervisor import RestartSupervisor
    from app.review.audit_witness import AuditWitness
    from app.review.photo_scoring_job import PhotoScoringJob
    from app.settings import RetentionPreferences
    from app.video.recorder_service import RecordingService
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
    # The settings' face analysis: cameras, rate, switch (off analyses nothing until switched on), detector.
    analysis_preferences: AnalysisPreferences = field(default_factory=AnalysisPreferences)
    retention: RetentionPreferences | None = None  # the settings' retention (None: the defaults)


class DemoMediaRendering:
    """The demo's photos and clips, rendered on a thread once the window is up (first start)."""

    def __init__(self, stop: threading.Event) -> None:
        self._stop = stop  # set first on shutdown; the thread is waited for after face analysis
        self._jobs: list[MediaJob] = []
        self._progress: DemoMediaProgress | None = None
        self._worker: threading.Thread | None = None

    def prepare(self, jobs: list[MediaJob], progress: DemoMediaProgress | None) -> None:
        self._jobs, self._progress = jobs, progress

    def start(self) -> None:
        if not self._jobs or self._worker is not None:
            return
        from app.demo.media import materialise

        jobs = demo_render_order(self._jobs)
        progress, stop = self._progress, self._stop

        def tick(done: int, _total: int) -> None:
            if progress is not None:
                progress.done(jobs[done - 1].path)

        def work() -> None:
            try:
                made = materialise(jobs, progress=tick, cancelled=stop.is_set)
                log.info("demo media ready (%d files made)", made)
            except Exception:  # a failed render must not take the console down
                log.exception("rendering the demo media failed")
            finally:
                if progress is not None:
                    progress.finish()  # a clip still missing now is missing: the wall may say so

        self._worker = threading.Thread(target=work, name="demo-media", daemon=True)
        self._worker.start()

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
    media: DemoMediaRendering
    analysis: LiveAnalysis | None = None
    photo_scoring: PhotoScoringJob | None = None  # online-study photo scoring in a child process

    def start_background_work(self) -> None:
        """Render the demo's photos and classroom clips and start face analysis, after the window is up."""
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


def _audit_witness(url: str, demo: bool, today: date, folder: Path) -> AuditWitness:
    """Entries this workstation commits are also written outside the database (audit_witness.py).
    The demo database is rebuilt every day: its witness is per day, and yesterday's is removed."""
    from app.review.audit_witness import AuditWitness, workstation_witness
    from app.review.witness_key import witness_key

    if not demo:
        return workstation_witness(folder, url, witness_key())
    for old in folder.glob("audit-witness-*.log"):
        if old.name != f"audit-witness-{today.isoformat()}.log":
            old.unlink(missing_ok=True)
    witness = AuditWitness(folder / f"audit-witness-{today.isoformat()}.log", witness_key())
    folder.mkdir(parents=True, exist_ok=True)
    witness.path.touch(exist_ok=True)  # from now on a missing file was deleted (audit pane)
    return witness


def _open_journal(database: Database, url: str, demo: bool, today: date, folder: Path) -> EventJournal:
    """The workstation's event journal for this database, attached so every writer uses it; what
    an earlier run left in it is delivered from now on. The demo database is rebuilt every day: its
    journal is per day too, and yesterday's is removed (its events belong to a database now gone)."""
    from app.journal import EventJournal, attach, journal_path

    if demo:
        name = f"event-journal-{today.isoformat()}.sqlite3"
        for old in folder.glob("event-journal-*.sqlite3*"):
            if not old.name.startswith(name):
                old.unlink(missing_ok=True)
        path = folder / name
    else:
        path = journal_path(folder, url)
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
    from app.persistence.repositories.workspace_repository import WorkspaceRepository

    today = options.today or date.today()
    demo = options.demo or not options.database_url
    url = paths.demo_database_url() if demo else options.database_url
    locations = Locations.for_run(demo, options.media_dir)
    media_jobs: list[MediaJob] = []
    try:
        if demo:
            from app.demo.demo_database import prepare_demo

            report(StartupStep.DEMO)
            media_jobs = prepare_demo(url, locations.media, DEMO_SEED, today)
        else:
            report(StartupStep.DATABASE)
            url = with_keyring_password(url)
            report(StartupStep.MIGRATIONS)
            upgrade_to_head(url)
        database = Database(url)
        shutdown.register("database", database.dispose)  # last of all
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

    journal = _open_journal(database, url, demo, today, locations.journal)
    # What the database has not taken yet waits in the journal for the next start.
    shutdown.register("event journal", partial(journal.close, timeout=5))
    from app.review.audit_chain import append_entry
    from app.review.audit_witness import attach_witness
    from app.review.services import ReviewServices
    from app.supervision.event_service import EventService
    from app.video.stream_events import StreamEventWriter, open_stream_losses

    review = ReviewServices(database)
    attach_witness(database, _audit_witness(url, demo, today, locations.witness))
    shutdown.register("audit witness", partial(attach_witness, database, None))
    # State changes and comments on events enter the audit chain in their own transaction.
    events = EventService(database, audit=append_entry)
    if demo:
        report(StartupStep.EVENTS)
        _seed_demo_events(database, today)
    # STREAM_LOST events are written on their own thread so the wall never waits for the database.
    writer = StreamEventWriter(database)
    shutdown.register("stream event writer", partial(writer.close, timeout=5))  # after the recorders
    losses_left_open = open_stream_losses(database)  # taken over by the wall
    recording: RecordingService | None = None
    if options.record:
        report(StartupStep.RECORDINGS)
        recording = _recording_service(database, locations.recordings, options.retention)
        shutdown.register("recording", partial(recording.shutdown, timeout=10))  # close, index segments
    playback = _review_service(database, demo, recording, locations)
    stop_media = threading.Event()
    media = DemoMediaRendering(stop_media)
    if demo:  # waited for after face analysis stopped; cancelled first of all (below)
        shutdown.register("demo media", media.join)
    analysis: LiveAnalysis | None = None
    if options.analysis:
        report(StartupStep.ANALYSIS)
        analysis = _live_analysis(database, workspace, options, demo, media_jobs, locations)
    if analysis is not None:  # before the rest: it writes events and reads the decoder pool
        shutdown.register("face analysis", analysis.stop)
    calibration = _calibration_tools(database, locations.media if demo else None)
    if demo and recording is not None:
        _plan_demo_history(database, workspace, locations, recording, media_jobs)
    progress = None
    if media_jobs:  # complete now: the live script's clips and the history job are in
        from app.demo.media_progress import DemoMediaProgress

        progress = DemoMediaProgress(media_jobs)
    # --no-analysis: no dlib work at all (video benchmarks).
    photo_scoring = _photo_scoring(database) if options.analysis else None
    if photo_scoring is not None:  # it writes scores: before the database goes
        shutdown.register("photo scoring", partial(photo_scoring.stop, timeout=5))
    from app.background_supervision import build_supervisor, coverage_gap_recorder
    from app.dashboard_source import dashboard_source

    gaps = coverage_gap_recorder(database)
    supervisor = build_supervisor(gaps, analysis, recording)
    shutdown.register("restart supervisor", supervisor.stop)  # first: stopping the subsystems is not a gap
    if demo:
        shutdown.register("demo media (cancel)", stop_media.set)
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
        is_demo=demo,
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
        demo_media=progress if progress is not None else NoMediaBeingPrepared(),
    )
    media.prepare(media_jobs, progress)
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


def _photo_scoring(database: Database) -> PhotoScoringJob | None:
    """Online-study photo scoring in a child process, started with the background work."""
    from app.review.photo_scoring_job import PhotoScoringJob
    from app.review.photo_scoring_worker import ScoringConfig

    url = database.engine.url.render_as_string(hide_password=False)  # to the child only
    try:  # never fatal: the console works without scores, the sample is then random only
        # The demo's first calibration is made by face analysis' enrolment process: wait for it.
        config = ScoringConfig(database_url=url, start_delay_s=10.0, calibration_wait_s=180.0)
        return PhotoScoringJob(config)
    except Exception:
        log.exception("photo scoring could not be prepared")
        return None


def _live_analysis(
    database: Database,
    workspace: Workspace,
    options: BootstrapOptions,
    demo: bool,
    media_jobs: list[MediaJob],
    locations: Locations,
) -> LiveAnalysis | None:
    """Face analysis on the wall's cameras; in the demo, first the live script that gives it something to
    find (its clips go to the front of `media_jobs`). Never fatal: the console works without it."""
    from app.vision.live_analysis import LiveAnalysis, LiveAnalysisOptions

    rules = options.classroom_rules
    preferences = options.analysis_preferences
    photo_jobs: tuple[MediaJob, ...] = ()
    only_sessions: dict[int, int] | None = None
    media_dir = locations.media
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
            max_cameras=preferences.max_cameras,
            sample_fps=preferences.sample_fps,
            demo_media_dir=media_dir if demo else None,
            photo_jobs=photo_jobs,
            snapshot_dir=locations.snapshots,
            only_sessions=only_sessions,
        ),
    )
    # Through reconfigure, not WorkerConfig: enrolment keeps the fast HOG detector whatever this says.
    live.reconfigure(
        enabled=preferences.enabled,
        detector=preferences.detector,
        upsample=preferences.upsample,
    )
    return live


def _calibration_tools(database: Database, demo_media_dir: Path | None) -> CalibrationTools:
    """The calibration dialog's blocking calls: dlib in a child process; the threshold into workspace_meta."""
    from app.vision.calibration import save_calibration
    from app.vision.calibration_process import CalibrationRun, CalibrationTools, run_calibration

    def save(run: CalibrationRun) -> None:
        save_calibration(database, run.embedding_id, run.result)

    return CalibrationTools(run_calibration, save, demo_media_dir)


def _recording_service(
    database: Database, root: Path, retention: RetentionPreferences | None
) -> RecordingService:
    """Recordings live beside the workspace's data; a crash's leftovers are settled first."""
    from app.video.recorder_service import RecordingService
    from app.video.recorder_settings import RecordingSettings, RetentionPolicy

    settings = RecordingSettings()
    if retention is not None:
        policy = RetentionPolicy(
            max_age_days=retention.max_age_days,
            quota_gb=retention.quota_gb,
            quota_percent=retention.quota_percent,
            floor_free_mb=retention.floor_free_mb,
        )
        settings = RecordingSettings(retention=policy)
    service = RecordingService(database, root, settings)
    report = service.recover()
    log.info("recordings in %s: %s", root, report)
    service.start_retention()
    return service


def _review_service(
    database: Database, demo: bool, recording: RecordingService | None, locations: Locations
) -> RecordingReviewService | None:
    """The Recordings pane's service, on the recorder's folder (also when recording is switched off:
    what was recorded before can still be reviewed). Event snapshots are absolute paths, or relative
    to the demo's media folder (its events show enrolment photos). Never fatal."""
    from app.playback.review_service import RecordingReviewService

    root = recording.root if recording is not None else locations.recordings
    snapshot_roots = [locations.snapshots]
    if demo:
        snapshot_roots.insert(0, locations.media)
    try:
        store = recording.store if recording is not None else None
        return RecordingReviewService(database, root, store=store, snapshot_roots=snapshot_roots)
    except OSError:
        log.exception("the recordings review cannot use %s", root)
        return None


def _plan_demo_history(
    database: Database,
    workspace: Workspace,
    locations: Locations,
    recording: RecordingService,
    media_jobs: list[MediaJob],
) -> None:
    """Recordings and past events of earlier today for the Recordings pane, made on the demo-media
    thread after the clips (they are remuxed from the shared ones). Never fatal."""
    from app.demo.live_script import LIVE_TITLE
    from app.demo.recording_history import plan_recording_history
    from app.demo.seed_geography import CLIP_COUNT, clip_path

    media_dir = locations.media
    try:
        job = plan_recording_history(
            database,
            workspace,
            lambda camera_id: clip_path(media_dir, (camera_id - 1) % CLIP_COUNT),
            recording.root,
            locations.snapshots,
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
