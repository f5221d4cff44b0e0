"""Reviewing recorded segments without Qt: the timeline, exact seeking, span export, evidence packages."""

from app.playback.evidence_package import build_package, verify_package
from app.playback.frame_seeker import DecodedFrame, FrameSeeker
from app.playback.segment_timeline import SegmentPosition, SegmentTimeline
from app.playback.span_export import ExportCancelled, ExportResult, export_span

__all__ = [
    "DecodedFrame",
    "ExportCancelled",
    "ExportResult",
    "FrameSeeker",
    "SegmentPosition",
    "SegmentTimeline",
    "build_package",
    "export_span",
    "verify_package",
]
