"""Recording as the restart supervisor sees it (app/restart_supervisor.py).

- `RecordersUnit`: the per-camera "video-record-<camera>" threads. A recorder whose thread ended
  without being stopped (a bug, an unexpected error; a full disk is handled inside the recorder and
  does not end it) is down, naming its cameras; `restart()` starts a new recorder on the same
  stream (its crash closed and indexed what it had written).
- `RetentionUnit`: the "video-retention" thread; its loop already survives a failed pass, so only
  a thread that ended anyway is restarted.
"""

from __future__ import annotations

from app.restart_supervisor import RUNNING, Health
from app.video.recorder_service import RecordingService


class RecordersUnit:
    def __init__(self, service: RecordingService) -> None:
        self.service = service

    def health(self) -> Health:
        crashed = self.service.crashed_cameras()
        if not crashed:
            return RUNNING
        return Health(False, "recorder thread ended", tuple(crashed))

    def restart(self) -> None:
        self.service.restart_crashed()


class RetentionUnit:
    def __init__(self, service: RecordingService) -> None:
        self.service = service

    def health(self) -> Health:
        return RUNNING if self.service.retention_running else Health(False, "retention thread ended")

    def restart(self) -> None:
        self.service.restart_retention()
