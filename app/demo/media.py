"""Turn the demo workspace's media jobs into files on disk.

``materialise`` is idempotent: a job whose file already exists is skipped, and every writer goes
through a temporary name and a rename, so a crash or a cancel never leaves a half file that a later
run would take for a finished one. It runs in whatever thread calls it (the console uses a
background thread after the window is up); ``cancelled`` is polled between files, so a cancel
takes effect within one file's render time (a clip is about two seconds).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from app.demo.classroom_video import make_classroom_clip
from app.demo.media_jobs import CapturePhotoJob, ClipJob, EnrolmentPhotoJob, MediaJob, RecordingHistoryJob
from app.demo.photos import write_capture_photo, write_enrolment_photo

log = logging.getLogger(__name__)


def clip_label(job: ClipJob) -> str:
    """Camera name burned into a clip: its file stem, NVR style (``classroom_3`` -> ``CLASSROOM-3``)."""
    return job.path.stem.upper().replace("_", "-")


def materialise(
    jobs: Iterable[MediaJob],
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Render every job whose file is missing; return how many files were made.

    ``progress(done, total)`` is called after each job, skipped ones included, so a progress bar
    reaches the end even when everything already existed. Stops early (returning the count so far)
    as soon as ``cancelled()`` is true. A job that fails (the history job on a locked database, a
    full disk for one clip) is logged and left for the next start: the other jobs still run.
    """
    todo = list(jobs)
    total = len(todo)
    made = 0
    for done, job in enumerate(todo, start=1):
        if cancelled is not None and cancelled():
            log.info("demo media cancelled after %d of %d jobs", done - 1, total)
            break
        if not job.path.exists():
            try:
                if isinstance(job, RecordingHistoryJob):  # long: cancellable between its segments
                    from app.demo.recording_history import write_recording_history

                    write_recording_history(job, cancelled or (lambda: False))
                else:
                    _run(job)
            except Exception:
                log.exception("demo media job for %s failed; the others go on", job.path)
            else:
                made += 1
        if progress is not None:
            progress(done, total)
    return made


def _run(job: MediaJob) -> None:
    if isinstance(job, EnrolmentPhotoJob):
        write_enrolment_photo(job.path, job.face_seed)
    elif isinstance(job, CapturePhotoJob):
        write_capture_photo(job.path, job.face_seed, job.variation_seed, job.kind)
    elif isinstance(job, ClipJob):
        make_classroom_clip(job.path, job.seed, label=job.label or clip_label(job), seats=job.seats)
    else:  # pragma: no cover - history jobs run above; this guards a future job type
        raise TypeError(f"unknown media job {job!r}")
