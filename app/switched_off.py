"""The services a console can run without, switched off: each does nothing, and says so.

The composition root gives the window one of these where the real service does not run in this
session (--no-analysis, recording off, no media being rendered), so widgets use every service
the same way and never test for an absent one (app/context.py's Protocols).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.face_verdict import VerdictParameters

if TYPE_CHECKING:
    from app.video.recorder_service import PacketCallback
    from app.vision.analysis_types import AnalysisStatus, TapSource


class AnalysisOff:
    """Face analysis not running in this session: no camera analysed, no badge, nothing raised."""

    active = False
    verdict: VerdictParameters | None = None
    stored_events = 0

    def __init__(self) -> None:
        self.analysed: Mapping[int, tuple[int, str]] = {}
        self.ready = threading.Event()  # never set: the threshold is not known

    def attach(self, pool: TapSource) -> None:
        pass

    def set_visible(self, streams: Mapping[int, str]) -> None:
        pass

    def statuses(self) -> dict[int, AnalysisStatus]:
        return {}

    def reconfigure(
        self,
        *,
        enabled: bool | None = None,
        max_cameras: int | None = None,
        sample_fps: float | None = None,
        detector: str | None = None,
        upsample: int | None = None,
    ) -> None:
        pass  # the settings keep the values; they apply at the next start


class RecordingOff:
    """Recording switched off: the wall's streams are played, not recorded."""

    def packet_callback(self, camera_id: int) -> PacketCallback | None:
        return None

    def start(self, camera_id: int, pool_stream_id: str) -> None:
        pass

    def stop_soon(self, camera_id: int) -> None:
        pass

    def cut(self, camera_id: int, timeout: float = 5.0) -> bool:
        return True  # nothing being written: what was recorded is playable as it is

    def recording_cameras(self) -> list[int]:
        return []


class NoMediaInPreparation:
    """Nothing being rendered (not the demo's first start): a missing clip is simply missing."""

    pending = 0

    def preparing(self, path: Path) -> bool:
        return False
