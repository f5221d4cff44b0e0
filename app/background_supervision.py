"""Which background subsystems the console supervises, wired together (called by app/bootstrap.py).

The inventory, from LoadedConsole (app/bootstrap.py):
- face analysis (LiveAnalysis: enrolment process, "vision-setup", "vision-analysis",
  "supervision-rules" threads) — FaceAnalysisUnit, restarted with backoff;
- its worker processes — AnalysisWorkersUnit, a gap while their coordinator restarts them;
- photo scoring (PhotoScoringJob: its process and "photo-scoring" thread), restarted with backoff,
  hang = no word from the worker for 15 min;
- the recorders ("video-record-<camera>") and retention ("video-retention") of RecordingService;
- not supervised here: the stream-event writer (its own retries and durable journal), the demo's
  media thread (a one-off job) and the decoders (the DecoderPool's own watchdog restarts a stalled
  stream).

Everything here is quick and does no blocking I/O except `coverage_gap_recorder`, which settles the
gaps the previous run left open (bootstrap thread).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from app.domain.coverage_gaps import Subsystem
from app.gap_recorder import GapRecorder
from app.restart_supervisor import RestartSupervisor

if TYPE_CHECKING:
    from app.persistence import Database
    from app.review.photo_scoring_job import PhotoScoringJob
    from app.video.recorder_service import RecordingService
    from app.vision.live_analysis import LiveAnalysis

log = logging.getLogger(__name__)


def coverage_gap_recorder(database: Database) -> GapRecorder:
    """This workstation's gap recorder, after closing what a crash left open. Never fatal."""
    gaps = GapRecorder(database)
    try:
        gaps.settle_previous_run()
    except Exception:
        log.exception("the coverage gaps of the last run could not be closed")
    return gaps


def build_supervisor(
    gaps: GapRecorder, analysis: LiveAnalysis | None, recording: RecordingService | None
) -> RestartSupervisor:
    supervisor = RestartSupervisor(gaps)
    if analysis is not None:
        from app.vision.analysis_supervision import AnalysisWorkersUnit, FaceAnalysisUnit

        analysis.gap_recorder = gaps
        supervisor.add("face analysis", Subsystem.FACE_ANALYSIS, FaceAnalysisUnit(analysis))
        supervisor.add("face analysis workers", Subsystem.ANALYSIS_WORKER, AnalysisWorkersUnit(analysis))
    if recording is not None:
        from app.video.recording_supervision import RecordersUnit, RetentionUnit

        supervisor.add("recorders", Subsystem.RECORDING, RecordersUnit(recording))
        supervisor.add("retention", Subsystem.RETENTION, RetentionUnit(recording))
    return supervisor


def supervise_photo_scoring(supervisor: RestartSupervisor, job: PhotoScoringJob) -> None:
    supervisor.add("photo scoring", Subsystem.PHOTO_SCORING, job)
