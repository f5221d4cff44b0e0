"""The demo's media, rendered after the window is up on the "workspace-media" thread.

`DemoMedia.run` renders the jobs in the order a first start needs them (`demo_render_order`) and
ticks each one off its DemoMediaProgress, which the wall reads to say "preparing demo video".
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from app.demo.media import materialise
from app.demo.media_jobs import ClipJob, MediaJob, RecordingHistoryJob
from app.demo.media_progress import DemoMediaProgress

log = logging.getLogger(__name__)


def demo_render_order(jobs: list[MediaJob]) -> list[MediaJob]:
    """The shared clips first (they feed every camera but the live script's, so the first wall page
    plays within ~20 s), then each script camera's first clip, then the later phases' clips, then
    the recordings of earlier today (remuxed from the shared clips), then the photos (opened on
    demand). Rendering every phase of one camera before the next camera's first left a quarter of
    the first page waiting 45 s on a first start."""

    def urgency(job: MediaJob) -> int:
        if isinstance(job, RecordingHistoryJob):
            return 3
        if not isinstance(job, ClipJob):
            return 4
        if job.path.parent.name == "videos":
            return 0
        return 1 if job.phase == 0 else 2

    return sorted(jobs, key=urgency)


class DemoMedia:
    def __init__(self, jobs: list[MediaJob]) -> None:
        """Blocking (checks which clips exist): call on the bootstrap thread."""
        self._jobs = demo_render_order(jobs)
        self._progress = DemoMediaProgress(self._jobs)

    @property
    def jobs(self) -> tuple[MediaJob, ...]:
        return tuple(self._jobs)

    @property
    def progress(self) -> DemoMediaProgress:
        return self._progress

    def run(self, cancelled: Callable[[], bool]) -> None:
        jobs = self._jobs

        def tick(done: int, _total: int) -> None:
            self._progress.done(jobs[done - 1].path)

        try:
            made = materialise(jobs, progress=tick, cancelled=cancelled)
            log.info("demo media ready (%d files made)", made)
        except Exception:  # a failed render must not take the console down
            log.exception("rendering the demo media failed")
        finally:
            self._progress.finish()  # a clip still missing now is missing: the wall may say so
