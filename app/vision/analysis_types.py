"""What goes into and out of the analysis coordinator (analysis_service.py): the tap interface it
samples frames through, the cameras it is given, and what it reports (per-camera status for the
wall's badge, stage times for the throughput benchmark). Plain values; no threads here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Protocol

from app.domain.coverage_gaps import ANALYSIS_SUBSYSTEMS, CoverageGap
from app.video.frame_output import FrameCallback, Size
from app.video.latest_frame import LatestFrameSlot, PixelFormat


class TapSource(Protocol):
    """The part of app.video.DecoderPool the service uses (tests pass a fake)."""

    def add_tap(
        self,
        stream_id: str,
        name: str,
        *,
        target_size: Size | None = None,
        pixel_format: PixelFormat = PixelFormat.RGB24,
        max_fps: float | None = None,
        on_frame: FrameCallback | None = None,
    ) -> LatestFrameSlot: ...

    def remove_tap(self, stream_id: str, name: str) -> None: ...

    def set_tap_rate(self, stream_id: str, name: str, max_fps: float | None) -> None: ...


@dataclass(frozen=True, slots=True)
class AnalysedCamera:
    camera_id: int
    stream_id: str  # the DecoderPool stream that decodes this camera


@dataclass(frozen=True, slots=True)
class AnalysisStatus:
    """What the wall shows on a camera's tile. Times are naive local wall-clock times."""

    camera_id: int
    rate: float  # analysed frames per second over the last 10 s
    faces: int  # faces in the last analysed frame
    last_result_at: datetime | None
    analysed: int
    dropped: int  # samples not analysed because the worker was behind or restarting
    worker_ready: bool
    # Start of this camera's open coverage gap (analysis being restarted); None while it runs.
    interrupted_since: datetime | None = None


@dataclass(frozen=True, slots=True)
class StageTimes:
    """Where analysis time went since start (totals; the throughput benchmark prints them per frame).

    detect/embed are measured in the worker process; submit (ring copy + send), handle (tracker +
    callbacks) and evidence (JPEG encoding) on the "vision-analysis" thread."""

    frames: int = 0
    detect_ms: float = 0.0
    embed_ms: float = 0.0
    embedded: int = 0
    scanned: float = 0.0  # sum of the scanned fractions of the frames
    full_scans: int = 0
    submit_ms: float = 0.0
    handle_ms: float = 0.0
    evidence_ms: float = 0.0

    def __sub__(self, other: StageTimes) -> StageTimes:
        """The work done between two readings."""
        return StageTimes(*(getattr(self, f.name) - getattr(other, f.name) for f in fields(self)))

    def breakdown(self) -> str:
        """Per analysed frame, one line each for the worker and the coordinator thread."""
        n = max(1, self.frames)
        per_face = f"{self.embed_ms / self.embedded:.0f}" if self.embedded else "-"
        return (
            f"worker per frame: detect {self.detect_ms / n:.1f} ms (scanned {100 * self.scanned / n:.0f} % "
            f"of the frame, {100 * self.full_scans / n:.0f} % whole-frame scans), embed "
            f"{self.embed_ms / n:.1f} ms ({self.embedded / n:.2f} faces × {per_face} ms)\n"
            f"analysis thread per frame: submit {self.submit_ms / n:.2f} ms, tracker + callbacks "
            f"{self.handle_ms / n:.2f} ms, evidence JPEGs {self.evidence_ms / n:.2f} ms"
        )


def with_gaps(
    statuses: Mapping[int, AnalysisStatus], gaps: Iterable[CoverageGap]
) -> dict[int, AnalysisStatus]:
    """The statuses with `interrupted_since` set on cameras in an open analysis gap; a camera the
    gap names that has no status (analysis not running at all) gets one, so its tile says so. A gap
    of the whole subsystem (switched off) marks no tile: the officer switched it off."""
    merged = dict(statuses)
    for gap in gaps:
        if not gap.is_open or gap.subsystem not in ANALYSIS_SUBSYSTEMS:
            continue
        for camera_id in gap.camera_ids:
            status = merged.get(camera_id)
            if status is None:
                status = AnalysisStatus(camera_id, 0.0, 0, None, 0, 0, False)
            since = status.interrupted_since
            merged[camera_id] = replace(
                status, interrupted_since=gap.started_at if since is None else min(since, gap.started_at)
            )
    return merged
