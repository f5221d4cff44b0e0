"""Builders of the console's services, one function each, for the composition root (app/bootstrap.py).

Each imports its service lazily (SQLAlchemy, PyAV and dlib load on the bootstrap thread, not at import)
and says what happens when the service cannot be had: most are never fatal, the console works without.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.classroom_rules import ClassroomRules
from app.paths import Locations
from app.settings import AnalysisPreferences
from app.workspace_plugin import WorkspacePlugin

if TYPE_CHECKING:
    from app.domain.geography import Workspace
    from app.journal import EventJournal
    from app.persistence import Database
    from app.playback.review_ports import RecordingReview
    from app.review.audit_witness import AuditWitness
    from app.review.photo_scoring_job import PhotoScoringJob
    from app.settings import RetentionPreferences
    from app.video.recorder_service import RecordingService
    from app.vision.calibration_process import CalibrationTools
    from app.vision.live_analysis import LiveAnalysis

log = logging.getLogger(__name__)

JOURNAL_START_WAIT_S = 5.0  # start-up waits this long for an earlier run's journal entries


def audit_witness(url: str, plugin: WorkspacePlugin, folder: Path) -> AuditWitness:
    """Entries this workstation commits are also written outside the database (audit_witness.py),
    in the workspace's own file if it names one (the demo's is per day)."""
    from app.review.audit_witness import AuditWitness, workstation_witness
    from app.review.witness_key import witness_key

    path = plugin.witness_path()
    if path is None:
        return workstation_witness(folder, url, witness_key())
    witness = AuditWitness(path, witness_key())
    witness.path.touch(exist_ok=True)  # from now on a missing file was deleted (audit pane)
    return witness


def open_journal(database: Database, url: str, plugin: WorkspacePlugin, folder: Path) -> EventJournal:
    """The workstation's event journal for this database (or the workspace's own, the demo's per
    day), attached so every writer uses it; what an earlier run left in it is delivered from now on."""
    from app.journal import EventJournal, attach, journal_path

    path = plugin.journal_path() or journal_path(folder, url)
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


def photo_scoring(database: Database, plugin: WorkspacePlugin) -> PhotoScoringJob | None:
    """Online-study photo scoring in a child process, started with the background work."""
    from app.review.photo_scoring_job import PhotoScoringJob
    from app.review.photo_scoring_worker import ScoringConfig

    url = database.engine.url.render_as_string(hide_password=False)  # to the child only
    try:  # never fatal: the console works without scores, the sample is then random only
        # The first calibration is made by face analysis' enrolment process: wait for it.
        config = ScoringConfig(
            database_url=url,
            start_delay_s=10.0,
            fallback_calibration=plugin.photo_scoring_calibration(),
            calibration_wait_s=180.0,
        )
        return PhotoScoringJob(config)
    except Exception:
        log.exception("photo scoring could not be prepared")
        return None


def live_analysis(
    database: Database,
    workspace: Workspace,
    preferences: AnalysisPreferences,
    classroom_rules: ClassroomRules | None,
    plugin: WorkspacePlugin,
    locations: Locations,
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
            rules=extras.rules or classroom_rules or ClassroomRules(),
            max_cameras=preferences.max_cameras,
            sample_fps=preferences.sample_fps,
            enrolment_photos=extras.enrolment_photos,
            calibration=extras.calibration,
            snapshot_dir=locations.snapshots,
            only_sessions=extras.only_sessions,
        ),
    )
    # Through reconfigure, not WorkerConfig: enrolment keeps the fast HOG detector whatever this says.
    live.reconfigure(
        enabled=preferences.enabled,
        detector=preferences.detector,
        upsample=preferences.upsample,
    )
    return live


def calibration_tools(database: Database, plugin: WorkspacePlugin) -> CalibrationTools:
    """The calibration dialog's blocking calls: dlib in a child process; the threshold into workspace_meta."""
    from app.vision.calibration import save_calibration
    from app.vision.calibration_process import CalibrationRun, CalibrationTools, run_calibration

    def save(run: CalibrationRun) -> None:
        save_calibration(database, run.embedding_id, run.result)

    return CalibrationTools(run_calibration, save, plugin.calibration_source())


def recording_service(
    database: Database, root: Path, retention: RetentionPreferences | None
) -> RecordingService:
    """Recordings live beside the workspace's data; a crash's leftovers are settled first."""
    from app.review.audit_chain import append_entry
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
    service = RecordingService(database, root, settings, audit=append_entry)
    report = service.recover()
    log.info("recordings in %s: %s", root, report)
    service.start_retention()
    return service


def review_service(
    database: Database, plugin: WorkspacePlugin, recording: RecordingService | None, locations: Locations
) -> RecordingReview:
    """The Recordings pane's service, on the recorder's folder (also when recording is switched off:
    what was recorded before can still be reviewed). Event snapshots are absolute paths, or relative
    to the workspace's snapshot roots (the demo's media: its events show enrolment photos). Never fatal."""
    from app.playback.review_ports import RecordingsUnavailable
    from app.playback.review_service import RecordingReviewService

    root = recording.root if recording is not None else locations.recordings
    snapshot_roots = [*plugin.snapshot_roots(), locations.snapshots]
    try:
        store = recording.store if recording is not None else None
        return RecordingReviewService(database, root, store=store, snapshot_roots=snapshot_roots)
    except OSError:
        log.exception("the recordings review cannot use %s", root)
        return RecordingsUnavailable(f"the recordings folder {root} cannot be used")
