"""Face analysis as the restart supervisor sees it (app/restart_supervisor.py), and its gaps on tiles.

Two units:
- `FaceAnalysisUnit`: LiveAnalysis as a whole — enrolment (its process), the "vision-setup" thread,
  the AnalysisService's "vision-analysis" thread and LiveSupervision's "supervision-rules" thread.
  Down when setting up failed (enrolment failed: a full disk, the database away) or one of those
  threads ended; `restart()` sets it all up again. A later enrolment failing (a session began; its
  cameras wait) is a gap too, retried by LiveAnalysis' own re-plan every 30 s; so is analysis
  switched off in the settings, which is not restarted.
- `AnalysisWorkersUnit`: the face-analysis worker processes. Their coordinator (analysis_process.py)
  already restarts a worker that died or hung (no answer for `result_timeout_s`: its heartbeat)
  with its own backoff; this unit only makes the span a gap while it lasts, naming the worker's
  cameras (the exact start comes with the coordinator's `on_gap`, LiveAnalysis._on_gap).

`with_gaps` (app/vision/analysis_types.py) marks the statuses of cameras in an open analysis gap.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from app.domain.coverage_gaps import SWITCHED_OFF
from app.restart_supervisor import RUNNING, Health

if TYPE_CHECKING:
    from app.vision.live_analysis import LiveAnalysis


class FaceAnalysisUnit:
    def __init__(self, live: LiveAnalysis) -> None:
        self.live = live

    def health(self) -> Health:
        live = self.live
        if not live.enabled:
            return Health(False, SWITCHED_OFF, restartable=False)
        if not live.started:
            return RUNNING  # not started yet: the window is not up
        if live.failure:
            # Still setting itself up: the gap stays open and it is not restarted twice.
            return Health(False, live.failure, live.failed_cameras, restartable=not live.setting_up)
        if live.setting_up or not live.ready.is_set():
            return RUNNING  # the first set-up (enrolment may take minutes at a first demo start)
        replan_failure = live.replan_failure
        if replan_failure is not None:  # the re-plan tries again every replan_s: not restarted here
            return Health(False, replan_failure[0], replan_failure[1], restartable=False)
        ended = [
            name
            for name, running in (
                ("analysis", live.service is not None and live.service.running),
                ("rules", live.supervision is not None and live.supervision.running),
            )
            if not running
        ]
        if ended:
            cameras = tuple(sorted(live.analysed))
            return Health(False, f"face analysis thread ended: {', '.join(ended)}", cameras)
        return RUNNING

    def restart(self) -> None:
        self.live.restart()


class AnalysisWorkersUnit:
    """Cameras whose worker is not ready although it had answered for them: it is being restarted."""

    def __init__(self, live: LiveAnalysis, clock: Callable[[], datetime] = datetime.now) -> None:
        self.live = live
        self._clock = clock

    def health(self) -> Health:
        service = self.live.service
        if service is None:
            return RUNNING  # FaceAnalysisUnit speaks for analysis as a whole
        down = sorted(
            camera_id
            for camera_id, status in service.statuses().items()
            if not status.worker_ready and status.last_result_at is not None
        )
        if not down:
            return RUNNING
        return Health(False, "analysis worker restarting", tuple(down), restartable=False)

    def restart(self) -> None:  # never called: restartable=False
        return None
